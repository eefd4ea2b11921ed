import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import {
  IDENTIFICATION_OUTCOMES,
  type IdentificationOutcome,
  REFERRAL_SOURCES,
  type ReferralSource,
} from '@ariadne/domain';

/** Opaque ids of organisations and users: lower-case slugs, never names (P1). */
export const OPAQUE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const OPAQUE_ID_MESSAGE = '$property must be an opaque id (lower-case letters, digits and dashes)';

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
}

export class RecordIdentificationDto {
  @ApiProperty({
    enum: IDENTIFICATION_OUTCOMES,
    description: 'R1: a reasonable-grounds decision; low threshold, no proof required',
  })
  @IsIn(IDENTIFICATION_OUTCOMES)
  outcome!: IdentificationOutcome;
}

export class CaseSummaryDto {
  @ApiProperty() caseId!: string;
  @ApiProperty() version!: number;
  @ApiProperty() phase!: string;
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
  @ApiProperty() lastProgressAt!: string;
  @ApiProperty({ nullable: true, type: String }) nextDueAt!: string | null;
}

export class TimelineEntryDto {
  @ApiProperty() version!: number;
  @ApiProperty() type!: string;
  @ApiProperty() occurredAt!: string;
  @ApiProperty() actorRole!: string;
  @ApiProperty({ type: Object }) data!: unknown;
}
