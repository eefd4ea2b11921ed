import { ApiProperty } from '@nestjs/swagger';
import { ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsISO8601 } from 'class-validator';
import {
  ASYLUM_STATUSES,
  type AsylumStatus,
  MILESTONES,
  type Milestone,
  PATHWAYS,
  type Pathway,
  PERMIT_GROUNDS,
  PERMIT_OUTCOMES,
  type PermitGround,
  type PermitOutcome,
} from '@ariadne/domain';
import { PersonalImmigrationDto } from './personal.dto';
import { CommunicationDto, HerCommunication, NestedOptional, OnlyWhen } from './validation';
import { OccurredAtField } from './occurred.dto';

const immigration = () => PersonalImmigrationDto;

export class RecordPathwayChoiceDto {
  @OccurredAtField() occurredAt?: string | null;
  @ApiProperty({
    enum: PATHWAYS,
    description: "R12: her choice; 'undecided' is legitimate; she may change it at any time",
  })
  @IsIn(PATHWAYS)
  pathway!: Pathway;

  @HerCommunication() communication!: CommunicationDto;
}

export class AgreeIntegrationPlanDto {
  @ApiProperty({ enum: MILESTONES, isArray: true })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(MILESTONES, { each: true })
  milestones!: Milestone[];
}

export class RecordMilestoneReachedDto {
  @OccurredAtField() occurredAt?: string | null;
  @ApiProperty({ enum: MILESTONES, description: 'A milestone of her integration plan' })
  @IsIn(MILESTONES)
  milestone!: Milestone;
}

export class ApplyForResidencePermitDto {
  @OccurredAtField() occurredAt?: string | null;
  @ApiProperty({ enum: PERMIT_GROUNDS, description: "One the country's policy offers (R11)" })
  @IsIn(PERMIT_GROUNDS)
  ground!: PermitGround;

  @NestedOptional(immigration, 'Category immigration only') personal?: PersonalImmigrationDto;
}

export class RecordResidencePermitDecisionDto {
  @OccurredAtField() occurredAt?: string | null;
  @ApiProperty({ enum: PERMIT_OUTCOMES })
  @IsIn(PERMIT_OUTCOMES)
  outcome!: PermitOutcome;

  @ApiProperty({
    required: false,
    format: 'date-time',
    description: "Outcome 'granted' only (and then required): when the permit expires",
  })
  @OnlyWhen('outcome', ['granted'])
  @IsISO8601({ strict: true }, { message: '$property must be an ISO 8601 date-time' })
  expiresAt?: string;

  @NestedOptional(immigration, 'Category immigration only') personal?: PersonalImmigrationDto;
}

export class RecordAsylumClaimDto {
  @OccurredAtField() occurredAt?: string | null;
  @ApiProperty({ enum: ASYLUM_STATUSES, description: 'R11: never prejudiced by a permit' })
  @IsIn(ASYLUM_STATUSES)
  status!: AsylumStatus;

  @NestedOptional(immigration, 'Category immigration only') personal?: PersonalImmigrationDto;
}
