import { ApiProperty } from '@nestjs/swagger';
import { VictimContextDto } from '../../htcds/victim-context.dto';
import {
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  Matches,
} from 'class-validator';
import {
  DATA_CATEGORIES,
  type DataCategory,
  DEPARTURE_PATHWAYS,
  type DeparturePathway,
  NEED_AREAS,
  type NeedArea,
  PROTECTION_MEASURES,
  type ProtectionMeasure,
  REFERRAL_PURPOSES,
  type ReferralPurpose,
  RIGHTS_TOPICS,
  type RightsTopic,
  RISK_LEVELS,
  type RiskLevel,
  RISK_SCOPES,
  type RiskScope,
  SERVICE_BASES,
  SERVICE_KINDS,
  type ServiceBasis,
  type ServiceKind,
  UNAVAILABILITY_REASONS,
  type UnavailabilityReason,
} from '@ariadne/domain';
import { OPAQUE_ID, OPAQUE_ID_MESSAGE } from '../cases.dto';
import {
  PersonalContactHealthDto,
  PersonalContactReturnDto,
  PersonalHealthDto,
} from './personal.dto';
import {
  CommunicationDto,
  EmptyBodyDto,
  HerCommunication,
  NestedOptional,
  NestedRequired,
  OnlyWhen,
} from './validation';
import { OccurredAtField } from './occurred.dto';

export class RecordRightsInformationDto {
  @OccurredAtField() occurredAt?: string | null;
  @ApiProperty({ enum: RIGHTS_TOPICS, isArray: true, description: 'R10: what she was told' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(RIGHTS_TOPICS, { each: true })
  topics!: RightsTopic[];

  @HerCommunication() communication!: CommunicationDto;
}

export class RecordHealthCheckOfferedDto extends EmptyBodyDto {
  @OccurredAtField() occurredAt?: string | null;
}

export class RecordNeedsAssessmentDto {
  @OccurredAtField() occurredAt?: string | null;
  @ApiProperty({ enum: NEED_AREAS, isArray: true, description: 'R6: the plan follows these' })
  @IsArray()
  @ArrayUnique()
  @IsIn(NEED_AREAS, { each: true })
  needs!: NeedArea[];

  @NestedOptional(() => PersonalHealthDto, 'Category health only')
  personal?: PersonalHealthDto;

  @NestedOptional(
    () => VictimContextDto,
    'HTCDS victim context (vic_): how she was recruited, controlled and exploited; optional',
  )
  victimContext?: VictimContextDto | null;
}

export class RecordRiskAssessmentDto {
  @OccurredAtField() occurredAt?: string | null;
  @ApiProperty({ enum: RISK_SCOPES, description: "'departure' before a return or a move (R14)" })
  @IsIn(RISK_SCOPES)
  scope!: RiskScope;

  @ApiProperty({
    enum: DEPARTURE_PATHWAYS,
    required: false,
    description: "Scope 'departure' only (and then required): the pathway assessed",
  })
  @OnlyWhen('scope', ['departure'])
  @IsIn(DEPARTURE_PATHWAYS)
  pathway?: DeparturePathway;

  @ApiProperty({ enum: RISK_LEVELS })
  @IsIn(RISK_LEVELS)
  level!: RiskLevel;

  @ApiProperty({
    enum: PROTECTION_MEASURES,
    isArray: true,
    description: 'R9: a high risk needs at least one',
  })
  @IsArray()
  @ArrayUnique()
  @IsIn(PROTECTION_MEASURES, { each: true })
  protectionMeasures!: ProtectionMeasure[];

  @ApiProperty({
    required: false,
    description: "Scope 'departure' only (and then required): whether the risk is acceptable",
  })
  @OnlyWhen('scope', ['departure'])
  @IsBoolean()
  acceptable?: boolean;

  @NestedOptional(() => PersonalContactReturnDto, 'Categories contact-location and return')
  personal?: PersonalContactReturnDto;
}

export class RequestServiceDto {
  @ApiProperty({ enum: SERVICE_KINDS })
  @IsIn(SERVICE_KINDS)
  kind!: ServiceKind;

  @ApiProperty({
    enum: SERVICE_BASES,
    description: "'immediate' answers an immediate need (R2); 'plan' follows an assessed need (R6)",
  })
  @IsIn(SERVICE_BASES)
  basis!: ServiceBasis;

  @NestedOptional(() => PersonalHealthDto, 'Category health only')
  personal?: PersonalHealthDto;
}

export class RecordServiceProvidedDto {
  @OccurredAtField() occurredAt?: string | null;
  @NestedOptional(
    () => PersonalContactHealthDto,
    'Categories contact-location (a shelter or confidential address, P3) and health',
  )
  personal?: PersonalContactHealthDto;
}

export class RecordServiceDeclinedDto {
  @OccurredAtField() occurredAt?: string | null;
  @HerCommunication() communication!: CommunicationDto;
}

export class RecordServiceUnavailableDto {
  @ApiProperty({ enum: UNAVAILABILITY_REASONS })
  @IsIn(UNAVAILABILITY_REASONS)
  reason!: UnavailabilityReason;
}

export const CONSENT_KINDS = ['service', 'return', 'data-sharing'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

/** What she consents to: one service (R5), her return (R14), or sharing data (R18, P4). */
export class ConsentScopeDto {
  @ApiProperty({ enum: CONSENT_KINDS })
  @IsIn(CONSENT_KINDS)
  kind!: ConsentKind;

  @ApiProperty({ enum: SERVICE_KINDS, required: false, description: "Kind 'service' only" })
  @OnlyWhen('kind', ['service'])
  @IsIn(SERVICE_KINDS)
  service?: ServiceKind;

  @ApiProperty({ required: false, example: 'ro-recv-1', description: "Kind 'data-sharing' only" })
  @OnlyWhen('kind', ['data-sharing'])
  @Matches(OPAQUE_ID, { message: OPAQUE_ID_MESSAGE })
  recipientOrganisationId?: string;

  @ApiProperty({ enum: REFERRAL_PURPOSES, required: false, description: "Kind 'data-sharing'" })
  @OnlyWhen('kind', ['data-sharing'])
  @IsIn(REFERRAL_PURPOSES)
  purpose?: ReferralPurpose;

  @ApiProperty({
    enum: DATA_CATEGORIES,
    isArray: true,
    required: false,
    description: "Kind 'data-sharing': the categories she agrees to share with that recipient",
  })
  @OnlyWhen('kind', ['data-sharing'])
  @IsArray()
  @ArrayUnique()
  @IsIn(DATA_CATEGORIES, { each: true })
  categories?: DataCategory[];
}

export class GiveConsentDto {
  @OccurredAtField() occurredAt?: string | null;
  @NestedRequired(() => ConsentScopeDto) scope!: ConsentScopeDto;
  @HerCommunication() communication!: CommunicationDto;

  @ApiProperty({
    required: false,
    format: 'date-time',
    example: '2027-06-01T00:00:00Z',
    description: 'P4: when her consent ends; in the future. Past it the consent is not current.',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string;
}

export class WithdrawConsentDto {
  @OccurredAtField() occurredAt?: string | null;
  @HerCommunication() communication!: CommunicationDto;
}
