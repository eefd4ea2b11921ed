import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO8601, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import {
  AUDIT_ALGORITHMS,
  AUDIT_CATEGORIES,
  AUDIT_OUTCOMES,
  type AuditRecord,
} from '@ariadne/persistence';

export const MAX_PAGE = 500;

export class AuditQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  caseId?: string;

  @ApiPropertyOptional({ description: 'A user id' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: 'actorId must be a user id' })
  actorId?: string;

  @ApiPropertyOptional({ example: 'case.read' })
  @IsOptional()
  @Matches(/^[a-z][a-z-]*(\.[a-z][a-z-]*){1,3}$/, { message: 'action must be an action name' })
  action?: string;

  @ApiPropertyOptional({ description: 'From this time on (inclusive), ISO 8601 with offset' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Before this time (exclusive), ISO 8601 with offset' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  limit?: number;

  @ApiPropertyOptional({ description: 'Cursor: entries after this seq (the previous nextCursor)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  after?: number;
}

export class AuditEntryDto {
  @ApiProperty() seq!: number;
  @ApiProperty() at!: string;
  @ApiProperty({ type: String, nullable: true }) actorId!: string | null;
  @ApiProperty({ type: String, nullable: true }) actorRole!: string | null;
  @ApiProperty({ type: String, nullable: true }) organisationId!: string | null;
  @ApiProperty() action!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) caseId!: string | null;
  @ApiProperty({ enum: AUDIT_CATEGORIES, isArray: true }) categories!: string[];
  @ApiProperty({ type: String, nullable: true }) purpose!: string | null;
  @ApiProperty({ enum: AUDIT_OUTCOMES }) outcome!: string;
  @ApiProperty({ type: String, nullable: true }) requestId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The case's country (ISO 3166)" })
  caseCountry!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'A sign-in of a login naming no account: a keyed hash of it, hex',
  })
  subjectRef!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "A refusal's reason code" })
  reason!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The route pattern refused' })
  route!: string | null;
  @ApiProperty({ enum: AUDIT_ALGORITHMS, description: 'How the link was made' }) alg!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The audit key of a keyed link' })
  keyId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The previous link, hex' })
  prevHash!: string | null;
  @ApiProperty({ description: 'HMAC-SHA256 (or SHA-256 for older entries), hex' }) hash!: string;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) items!: AuditEntryDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `after` for the next page' })
  nextCursor!: string | null;
}

export class AuditVerificationDto {
  @ApiProperty() ok!: boolean;
  @ApiPropertyOptional({ description: 'Entries verified (when ok)' }) count?: number;
  @ApiPropertyOptional({ description: 'The anchored entry the chain still holds (when ok)' })
  anchoredSeq?: number;
  @ApiPropertyOptional({ description: 'The first entry whose link is broken' })
  firstBrokenSeq?: number;
  @ApiPropertyOptional() reason?: string;
}

export function toAuditEntryDto(r: AuditRecord): AuditEntryDto {
  return {
    seq: r.seq,
    at: r.at.toISOString(),
    actorId: r.actorId,
    actorRole: r.actorRole,
    organisationId: r.organisationId,
    action: r.action,
    caseId: r.caseId,
    categories: [...r.categories],
    purpose: r.purpose,
    outcome: r.outcome,
    requestId: r.requestId,
    caseCountry: r.caseCountry,
    subjectRef: r.subjectRef,
    reason: r.reason,
    route: r.route,
    alg: r.alg,
    keyId: r.keyId,
    prevHash: r.prevHash ? r.prevHash.toString('hex') : null,
    hash: r.hash.toString('hex'),
  };
}
