import { ApiProperty } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import { EARLY_END_REASONS, type EarlyEndReason } from '@ariadne/domain';

/** Years, months, weeks and days: a reflection period is never counted in hours. */
const CALENDAR_DURATION = /^P(?=\d)(?:\d{1,4}Y)?(?:\d{1,4}M)?(?:\d{1,4}W)?(?:\d{1,4}D)?$/;

export class ExtendReflectionPeriodDto {
  @ApiProperty({
    example: 'P60D',
    description:
      'R7: the new total length counted from the start of the period (ISO 8601), longer than ' +
      "the current one and at most the policy's reflection.maxExtendedTo",
  })
  @Matches(CALENDAR_DURATION, {
    message: '$property must be an ISO 8601 duration in years, months, weeks or days, e.g. "P60D"',
  })
  totalPeriod!: string;
}

export class EndReflectionPeriodEarlyDto {
  @ApiProperty({
    enum: EARLY_END_REASONS,
    description: 'R8 (CoE 13(3)): the only two grounds for an early end',
  })
  @IsIn(EARLY_END_REASONS)
  reason!: EarlyEndReason;
}
