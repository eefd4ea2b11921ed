import type { CaseSummaryEntity } from '@ariadne/persistence';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import {
  type CaseSummary,
  DEADLINE_KINDS,
  DEPARTURE_PATHWAYS,
  PATHWAYS,
  PHASES,
  READINESS_ITEMS,
  REFERRAL_SOURCES,
  type ReferralSource,
} from '@ariadne/domain';
import { OccurredAtField } from './commands/occurred.dto';

/** Opaque ids of organisations and users: lower-case slugs, never names (P1). */
export const OPAQUE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const OPAQUE_ID_MESSAGE =
  '$property must be an opaque id (lower-case letters, digits and dashes)';

export class OpenCaseDto {
  @ApiProperty({ enum: REFERRAL_SOURCES })
  @IsIn(REFERRAL_SOURCES)
  referralSource!: ReferralSource;

  @ApiPropertyOptional({
    example: 'se-ngo-1-cw-1',
    description:
      'Opaque id of the responsible caseworker (R22); defaults to the caller. The case belongs to ' +
      "the caller's organisation and follows its country's policy.",
  })
  @IsOptional()
  @Matches(OPAQUE_ID, { message: OPAQUE_ID_MESSAGE })
  assigneeId?: string;

  /** When she was referred, if earlier than now: the case's deadlines run from it (issue 10). */
  @OccurredAtField() occurredAt?: string | null;
}

export class CaseSummaryDto {
  @ApiProperty() caseId!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'SE-7K4Q-2M',
    description:
      'The case reference people say and write: country, random characters, a check character ' +
      '(no personal data, never reused); null for cases opened before references existed',
  })
  reference!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: string;
  @ApiProperty({ enum: PHASES }) phase!: string;
  @ApiProperty({ enum: PATHWAYS, description: 'Her choice (R12)' }) pathway!: string;
  @ApiProperty() country!: string;
  @ApiProperty() organisationId!: string;
  @ApiProperty() assigneeId!: string;
  @ApiProperty() referralSource!: string;
  @ApiProperty() policyVersion!: string;
  @ApiProperty() openedAt!: string;
  @ApiProperty({ nullable: true, type: String }) identificationOutcome!: string | null;
  @ApiProperty({ nullable: true, type: String }) reflectionStartedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) reflectionEndsAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) reflectionEndedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'R21: flagged stalled since' })
  stalledSince!: string | null;
  @ApiProperty({ enum: ['not-applicable', 'incomplete', 'ready'], description: 'R14 gate' })
  returnReadiness!: string;
  @ApiProperty() lastProgressAt!: string;
  @ApiProperty({ nullable: true, type: String }) nextDueAt!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'R19: due date of the earliest obligation not yet met',
  })
  earliestDueAt!: string | null;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** The summary read model as the API shows it, wherever a case appears (case page, boards). */
export function toCaseSummaryDto(s: Omit<CaseSummaryEntity, 'updatedAt'>): CaseSummaryDto {
  return {
    caseId: s.caseId,
    reference: s.reference ?? null,
    version: s.version,
    status: s.status,
    phase: s.phase,
    pathway: s.pathway,
    country: s.country,
    organisationId: s.organisationId,
    assigneeId: s.assigneeId,
    referralSource: s.referralSource,
    policyVersion: s.policyVersion,
    openedAt: s.openedAt.toISOString(),
    identificationOutcome: s.identificationOutcome,
    reflectionStartedAt: iso(s.reflectionStartedAt),
    reflectionEndsAt: iso(s.reflectionEndsAt),
    reflectionEndedAt: iso(s.reflectionEndedAt),
    stalledSince: iso(s.stalledSince),
    returnReadiness: s.returnReadiness,
    lastProgressAt: s.lastProgressAt.toISOString(),
    nextDueAt: iso(s.nextDueAt),
    earliestDueAt: iso(s.earliestDueAt),
  };
}

const isoString = (s: string | null): string | null => (s ? new Date(s).toISOString() : null);

/**
 * The summary a command appended (CommandResult.summary), as the API shows it: the same answer
 * as toCaseSummaryDto gives for the row it wrote, without reading it back.
 */
export function summaryToDto(s: CaseSummary): CaseSummaryDto {
  return {
    caseId: s.caseId,
    reference: s.reference ?? null,
    version: s.version,
    status: s.status,
    phase: s.phase,
    pathway: s.pathway,
    country: s.country,
    organisationId: s.organisationId,
    assigneeId: s.assigneeId,
    referralSource: s.referralSource,
    policyVersion: s.policyVersion,
    openedAt: new Date(s.openedAt).toISOString(),
    identificationOutcome: s.identificationOutcome,
    reflectionStartedAt: isoString(s.reflectionStartedAt),
    reflectionEndsAt: isoString(s.reflectionEndsAt),
    reflectionEndedAt: isoString(s.reflectionEndedAt),
    stalledSince: isoString(s.stalledSince),
    returnReadiness: s.returnReadiness,
    lastProgressAt: new Date(s.lastProgressAt).toISOString(),
    nextDueAt: isoString(s.nextDueAt),
    earliestDueAt: isoString(s.earliestDueAt),
  };
}

export class TimelineEntryDto {
  @ApiProperty() version!: number;
  @ApiProperty() type!: string;
  @ApiProperty() occurredAt!: string;
  @ApiProperty() actorRole!: string;
  @ApiProperty({
    type: Object,
    description:
      'The event data; `personal` sub-objects are decrypted for you, or read {"erased": true} ' +
      'once her personal data is erased (P7)',
  })
  data!: unknown;
}

export class AvailableActionDto {
  @ApiProperty({ example: 'RecordImmediateNeed' }) type!: string;
  @ApiProperty({ enum: ['POST'] }) method!: 'POST';
  @ApiProperty({
    example: '/api/v1/cases/5f0c…/services/{serviceId}/provided',
    description: 'Other path parameters stay as {serviceId}, {consentId}, {referralId}',
  })
  path!: string;
  @ApiProperty({ example: 'R2' }) rule!: string;
}

export class AvailableActionsDto {
  @ApiProperty() caseId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ description: 'When they were judged' }) at!: string;
  @ApiProperty({ type: [AvailableActionDto] }) actions!: AvailableActionDto[];
}

export class DeadlineDto {
  @ApiProperty({ example: 'rights-information' }) deadline!: string;
  @ApiProperty({ enum: DEADLINE_KINDS }) kind!: string;
  @ApiProperty({ example: 'R10' }) rule!: string;
  @ApiProperty() from!: string;
  @ApiProperty() dueAt!: string;
  @ApiProperty({ enum: ['pending', 'met', 'overdue'] }) status!: string;
  @ApiPropertyOptional() metAt?: string;
  @ApiPropertyOptional({ description: 'R20: when the assignee is reminded' }) reminderAt?: string;
  @ApiPropertyOptional({ description: 'R20: when supervisors are told' }) escalateAt?: string;
  @ApiPropertyOptional() remindedAt?: string;
  @ApiPropertyOptional() escalatedAt?: string;
}

export class DeadlinesDto {
  @ApiProperty() caseId!: string;
  @ApiProperty() version!: number;
  @ApiProperty() at!: string;
  @ApiProperty({ type: [DeadlineDto] }) deadlines!: DeadlineDto[];
}

export class ReadinessItemDto {
  @ApiProperty({ enum: READINESS_ITEMS }) item!: string;
  @ApiProperty() met!: boolean;
  @ApiPropertyOptional({ description: 'What is missing (never personal data)' }) reason?: string;
}

export class ReadinessDto {
  @ApiProperty() caseId!: string;
  @ApiProperty() version!: number;
  @ApiProperty() at!: string;
  @ApiProperty({ description: 'She chose a return or a third country and has not departed' })
  applicable!: boolean;
  @ApiPropertyOptional({ enum: DEPARTURE_PATHWAYS }) pathway?: string;
  @ApiProperty({ description: 'R14, R16: ExecuteReturn would be accepted now' }) ready!: boolean;
  @ApiProperty({ type: [ReadinessItemDto] }) items!: ReadinessItemDto[];
}

/** RFC 9457 problem details, as every error of the API. */
export class ProblemDto {
  @ApiProperty() type!: string;
  @ApiProperty() title!: string;
  @ApiProperty() status!: number;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional({ example: 'R14', description: 'The rule that refused the command' })
  rule?: string;
  @ApiPropertyOptional({
    description: 'The fields that are not valid (never their values)',
    example: [{ field: 'personal.identity.nationality', message: '…' }],
  })
  errors?: Array<{ field: string; message: string }>;
}
