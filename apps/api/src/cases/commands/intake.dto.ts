import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import {
  IDENTIFICATION_OUTCOMES,
  type IdentificationOutcome,
  IMMEDIATE_NEEDS,
  type ImmediateNeed,
} from '@ariadne/domain';
import { PersonalIdentityContactDto } from './personal.dto';
import { NestedRequired } from './validation';

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
  @ApiProperty({ enum: IMMEDIATE_NEEDS, description: 'An open immediate need' })
  @IsIn(IMMEDIATE_NEEDS)
  need!: ImmediateNeed;
}

export class RecordIdentificationDto {
  @ApiProperty({
    enum: IDENTIFICATION_OUTCOMES,
    description: 'R1: a reasonable-grounds decision; low threshold, no proof required',
  })
  @IsIn(IDENTIFICATION_OUTCOMES)
  outcome!: IdentificationOutcome;
}
