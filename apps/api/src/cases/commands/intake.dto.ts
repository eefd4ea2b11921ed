import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import {
  CONCLUSIVE_OUTCOMES,
  type ConclusiveOutcome,
  IDENTIFICATION_DECIDERS,
  type IdentificationDecider,
  IDENTIFICATION_OUTCOMES,
  type IdentificationOutcome,
  IMMEDIATE_NEEDS,
  type ImmediateNeed,
} from '@ariadne/domain';
import { PersonalIdentityContactDto } from './personal.dto';
import { NestedRequired } from './validation';
import { OccurredAtField } from './occurred.dto';

export class RecordPersonDetailsDto {
  @NestedRequired(
    () => PersonalIdentityContactDto,
    'Only what she chooses to say (P6); identity and contact-location categories',
  )
  personal!: PersonalIdentityContactDto;
}

export class RecordImmediateNeedDto {
  @ApiProperty({ enum: IMMEDIATE_NEEDS, description: 'R2: recordable from the first minute' })
  @IsIn(IMMEDIATE_NEEDS)
  need!: ImmediateNeed;
}

export class RecordImmediateNeedMetDto {
  @OccurredAtField() occurredAt?: string | null;
  @ApiProperty({ enum: IMMEDIATE_NEEDS, description: 'An open immediate need' })
  @IsIn(IMMEDIATE_NEEDS)
  need!: ImmediateNeed;
}

export class RecordIdentificationDto {
  @OccurredAtField() occurredAt?: string | null;
  @ApiProperty({
    enum: IDENTIFICATION_OUTCOMES,
    description: 'R1: a reasonable-grounds decision; low threshold, no proof required',
  })
  @IsIn(IDENTIFICATION_OUTCOMES)
  outcome!: IdentificationOutcome;

  @ApiProperty({ enum: IDENTIFICATION_DECIDERS, description: 'R27: who decided' })
  @IsIn(IDENTIFICATION_DECIDERS)
  decidedBy!: IdentificationDecider;
}

export class RecordConclusiveIdentificationDto {
  @OccurredAtField() occurredAt?: string | null;

  @ApiProperty({
    enum: CONCLUSIVE_OUTCOMES,
    description:
      'R28: the conclusive decision after a positive reasonable-grounds decision; a negative one ends no support by itself',
  })
  @IsIn(CONCLUSIVE_OUTCOMES)
  outcome!: ConclusiveOutcome;

  @ApiProperty({ enum: IDENTIFICATION_DECIDERS, description: 'R27: who decided' })
  @IsIn(IDENTIFICATION_DECIDERS)
  decidedBy!: IdentificationDecider;
}
