import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { DEADLINE_KINDS, PARTNER_FACT_KINDS, PHASES } from '@ariadne/domain';

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value;

export const MAX_TASKS = 100;

export class TasksQueryDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 90,
    default: 14,
    description: 'Due within this many days from now; overdue ones always included',
  })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(90)
  withinDays: number = 14;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_TASKS, default: 50 })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(MAX_TASKS)
  limit: number = 50;
}

export class TaskDto {
  @ApiProperty() caseId!: string;
  @ApiProperty({ nullable: true, type: String, example: 'SE-7K4Q-2M' }) reference!: string | null;
  @ApiProperty({ enum: PHASES }) phase!: string;
  @ApiProperty({ example: 'rights-information' }) deadline!: string;
  @ApiProperty({ enum: DEADLINE_KINDS }) kind!: string;
  @ApiProperty({ example: 'R10' }) rule!: string;
  @ApiProperty() dueAt!: string;
  @ApiProperty({ enum: ['pending', 'overdue'] }) status!: 'pending' | 'overdue';
  @ApiPropertyOptional({ description: 'R20: when the assignee is reminded' }) reminderAt?: string;
  @ApiPropertyOptional({ description: 'R20: when supervisors are told' }) escalateAt?: string;
}

/** R30: a partner's fact a rule refused, waiting for the case's caseworker to resolve it. */
export class RefusedFactTaskDto {
  @ApiProperty() caseId!: string;
  @ApiProperty({ nullable: true, type: String, example: 'SE-7K4Q-2M' }) reference!: string | null;
  @ApiProperty({ example: 'fact-…' }) factId!: string;
  @ApiProperty({ enum: PARTNER_FACT_KINDS }) factKind!: string;
  @ApiProperty({ example: 'R1' }) rule!: string;
  @ApiProperty() refusedAt!: string;
}

export class TasksDto {
  @ApiProperty({ description: 'The instant the tasks were judged at' }) asOf!: string;
  @ApiProperty({ description: 'Tasks due before this instant (and every overdue one)' })
  until!: string;
  @ApiProperty({ type: [TaskDto], description: 'Earliest due first' }) items!: TaskDto[];
  @ApiProperty({
    type: [RefusedFactTaskDto],
    description: 'R30: partner facts refused on your cases and not yet resolved, oldest first',
  })
  refusedFacts!: RefusedFactTaskDto[];
  @ApiProperty({ description: 'More tasks are due in the window than were answered' })
  truncated!: boolean;
}
