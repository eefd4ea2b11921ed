import { ApiProperty } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import {
  CLOSURE_REASONS,
  type ClosureReason,
  LEGAL_STEPS,
  type LegalStep,
  REASSIGNMENT_REASONS,
  type ReassignmentReason,
  REOPENING_REASONS,
  type ReopeningReason,
} from '@ariadne/domain';
import { OPAQUE_ID, OPAQUE_ID_MESSAGE } from '../cases.dto';
import { PersonalLegalDto } from './personal.dto';
import { CommunicationDto, HerCommunication, NestedOptional } from './validation';
import { OccurredAtField } from './occurred.dto';

export class RecordLegalStepDto {
  @OccurredAtField() occurredAt?: string | null;
  @ApiProperty({ enum: LEGAL_STEPS, description: 'R3: recorded, never a condition for anything' })
  @IsIn(LEGAL_STEPS)
  step!: LegalStep;

  @NestedOptional(() => PersonalLegalDto, 'Category legal only') personal?: PersonalLegalDto;
}

export class ReassignCaseDto {
  @ApiProperty({
    example: 'se-ngo-1-cw-2',
    description: 'R22: an active caseworker (or supervisor) of the case’s organisation',
  })
  @Matches(OPAQUE_ID, { message: OPAQUE_ID_MESSAGE })
  assigneeId!: string;

  @ApiProperty({ enum: REASSIGNMENT_REASONS })
  @IsIn(REASSIGNMENT_REASONS)
  reason!: ReassignmentReason;
}

export class CloseCaseDto {
  @ApiProperty({ enum: CLOSURE_REASONS, description: 'R23: closure always has a reason' })
  @IsIn(CLOSURE_REASONS)
  reason!: ClosureReason;
}

export class ReopenCaseDto {
  @ApiProperty({ enum: REOPENING_REASONS })
  @IsIn(REOPENING_REASONS)
  reason!: ReopeningReason;
}

/** P7, GDPR 17: her request to erase her personal data, recorded as her decision. */
export class EraseOnRequestDto {
  @HerCommunication() communication!: CommunicationDto;
}
