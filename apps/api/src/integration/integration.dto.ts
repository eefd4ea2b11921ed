import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  NotEquals,
  ValidateIf,
} from 'class-validator';
import {
  IDENTIFICATION_OUTCOMES,
  type IdentificationOutcome,
  PARTNER_FACT_KINDS,
  PARTNER_KINDS,
  type PartnerFactKind,
  type PartnerKind,
} from '@ariadne/domain';

/** R30: one fact a partner system reports about a case. Ids and enums only: nothing about her. */
export class PartnerFactDto {
  @ApiProperty({
    description:
      "The partner's own id of this fact (1–128 letters, digits, `.`, `_`, `:` or `-`): the same id delivered again is taken once.",
    example: 'se-pol-2026-000123',
  })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, {
    message: 'must be 1–128 letters, digits, ".", "_", ":" or "-"',
  })
  factId!: string;

  @ApiProperty({ enum: PARTNER_FACT_KINDS })
  @IsIn(PARTNER_FACT_KINDS)
  kind!: PartnerFactKind;

  @ApiPropertyOptional({
    enum: IDENTIFICATION_OUTCOMES,
    description: 'Required for `identification-decision`, and only then.',
  })
  @ValidateIf(
    (o: PartnerFactDto) => o.kind === 'identification-decision' || o.outcome !== undefined,
  )
  @IsIn(IDENTIFICATION_OUTCOMES, {
    message: `must be given for an identification-decision, as one of: ${IDENTIFICATION_OUTCOMES.join(', ')}`,
  })
  outcome?: IdentificationOutcome;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When it happened at the partner, if earlier than now (the case checks it: R24).',
  })
  @IsOptional()
  @NotEquals(null)
  @IsISO8601({ strict: true })
  occurredAt?: string;
}

export class PartnerFactAcceptedDto {
  @ApiProperty({ example: 'se-pol-2026-000123' }) factId!: string;
  @ApiProperty({
    enum: ['accepted'],
    description:
      'The fact was handed to the case. Whether a rule refused it is the case’s business: a refusal is recorded there for a caseworker.',
  })
  status!: 'accepted';
}

export class RegisterPartnerDto {
  @ApiProperty({ enum: PARTNER_KINDS }) @IsIn(PARTNER_KINDS) kind!: PartnerKind;

  @ApiPropertyOptional({
    description:
      'The organisation of your country it acts for (a receiving organisation, a shelter)',
  })
  @IsOptional()
  @NotEquals(null)
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, { message: 'must be an organisation id' })
  organisationId?: string;

  @ApiProperty({ enum: PARTNER_FACT_KINDS, isArray: true })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(PARTNER_FACT_KINDS.length)
  @IsIn(PARTNER_FACT_KINDS, { each: true })
  allowedFactKinds!: PartnerFactKind[];
}

export class PartnerDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: PARTNER_KINDS }) kind!: PartnerKind;
  @ApiProperty({ example: 'SE' }) country!: string;
  @ApiProperty({ type: String, nullable: true }) organisationId!: string | null;
  @ApiProperty({ enum: PARTNER_FACT_KINDS, isArray: true }) allowedFactKinds!: PartnerFactKind[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt!: string | null;
}

export class PartnerListDto {
  @ApiProperty() country!: string;
  @ApiProperty({ type: [PartnerDto] }) items!: PartnerDto[];
}

export class RegisteredPartnerDto {
  @ApiProperty({ type: PartnerDto }) partner!: PartnerDto;
  @ApiProperty({
    description:
      'Its bearer secret (`Authorization: Bearer ptn.<id>.<secret>`), shown this once: only its hash is kept.',
  })
  token!: string;
}

export class RefusedFactDto {
  @ApiProperty({ description: 'The case’s id of the fact (a hash: never the partner’s string)' })
  factId!: string;
  @ApiProperty({ enum: PARTNER_FACT_KINDS }) factKind!: PartnerFactKind;
  @ApiProperty() partnerId!: string;
  @ApiProperty({ example: 'R1', description: 'The rule that refused it' }) rule!: string;
  @ApiProperty({ format: 'date-time' }) refusedAt!: string;
}

export class RefusedFactsDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ type: [RefusedFactDto] }) items!: RefusedFactDto[];
}

export class ResolveRefusedFactDto {
  @ApiProperty({ description: 'The refused fact’s id on the case (GET …/refused-facts)' })
  @IsString()
  @Matches(/^fact-[0-9a-f]{32}$/, { message: 'must be a refused fact id such as "fact-…"' })
  factId!: string;
}
