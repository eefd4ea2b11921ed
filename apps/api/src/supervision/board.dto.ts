import { CaseSummaryDto, toCaseSummaryDto } from '../cases/cases.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { PATHWAYS, type Pathway, PHASES, type Phase } from '@ariadne/domain';
import { type BoardCase, OPAQUE_ID_PATTERN } from '@ariadne/persistence';
import { CURSOR_PATTERN } from './board-cursor';

export const MAX_PAGE = 100;
export const DEFAULT_PAGE = 25;

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value;

/** Keyset pagination: `limit` rows, then follow `nextCursor` until it is null. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: DEFAULT_PAGE })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  limit: number = DEFAULT_PAGE;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page of the same list' })
  @IsOptional()
  @Matches(CURSOR_PATTERN, { message: '$property must be the nextCursor of an earlier page' })
  cursor?: string;
}

/** Filters of the supervisor's lists. */
export class CaseBoardQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PHASES })
  @IsOptional()
  @IsIn(PHASES)
  phase?: Phase;

  @ApiPropertyOptional({ enum: PATHWAYS })
  @IsOptional()
  @IsIn(PATHWAYS)
  pathway?: Pathway;

  @ApiPropertyOptional({ example: 'se-ngo-1-cw-1', description: 'Opaque id of the assignee' })
  @IsOptional()
  @Matches(OPAQUE_ID_PATTERN, { message: '$property must be an opaque user id' })
  assigneeId?: string;
}

/** A case on a board: its summary read model, which holds no personal data (P1). */
export class BoardCaseDto extends CaseSummaryDto {}

export class OverdueCaseDto extends BoardCaseDto {
  @ApiProperty({ description: 'Seconds since earliestDueAt, at asOf' }) overdueSeconds!: number;
}

class PageDto {
  @ApiProperty({
    description:
      'Matching cases in all pages, as counted for the first page (the next pages repeat it)',
  })
  total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty({ nullable: true, type: String, description: 'Pass as cursor for the next page' })
  nextCursor!: string | null;
}

export class StalledPageDto extends PageDto {
  @ApiProperty({ type: [BoardCaseDto] }) items!: BoardCaseDto[];
}

export class OverduePageDto extends PageDto {
  @ApiProperty({ description: 'The instant the list was computed for' }) asOf!: string;
  @ApiProperty({ type: [OverdueCaseDto] }) items!: OverdueCaseDto[];
}

export class WorkloadCountsDto {
  @ApiProperty({ description: 'Open cases assigned' }) open!: number;
  @ApiProperty({ description: 'Of which stalled (R21)' }) stalled!: number;
  @ApiProperty({ description: 'Of which overdue (R19/R20)' }) overdue!: number;
}

export class WorkloadRowDto extends WorkloadCountsDto {
  @ApiProperty() userId!: string;
  @ApiProperty({ enum: ['caseworker', 'supervisor'] }) role!: string;
}

export class WorkloadPageDto extends PageDto {
  @ApiProperty() asOf!: string;
  @ApiProperty({ type: [WorkloadRowDto], description: 'Active caseworkers and supervisors' })
  items!: WorkloadRowDto[];
  @ApiProperty({
    type: WorkloadCountsDto,
    description:
      'R22: open cases whose assignee is no longer an active caseworker or supervisor here',
  })
  unassigned!: WorkloadCountsDto;
}

export const toBoardCaseDto = (c: BoardCase): BoardCaseDto => toCaseSummaryDto(c);
