import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { DEPARTURE_PATHWAYS, type DeparturePathway, READINESS_ITEMS } from '@ariadne/domain';
import { OPAQUE_ID_PATTERN } from '@ariadne/persistence';
import { BoardCaseDto, PageQueryDto } from '../supervision/board.dto';

export const READINESS_FILTERS = ['ready', 'incomplete'] as const;

export class ReturnReadinessQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: READINESS_FILTERS })
  @IsOptional()
  @IsIn(READINESS_FILTERS)
  readiness?: (typeof READINESS_FILTERS)[number];

  @ApiPropertyOptional({
    example: 'se-ngo-1',
    description: 'One organisation of your country; another country’s gives an empty list',
  })
  @IsOptional()
  @Matches(OPAQUE_ID_PATTERN, { message: '$property must be an opaque organisation id' })
  organisationId?: string;

  @ApiPropertyOptional({ enum: DEPARTURE_PATHWAYS })
  @IsOptional()
  @IsIn(DEPARTURE_PATHWAYS)
  pathway?: DeparturePathway;
}

export class ChecklistItemDto {
  @ApiProperty({ enum: READINESS_ITEMS }) item!: string;
  @ApiProperty() met!: boolean;
}

export class ReadinessCaseDto extends BoardCaseDto {
  @ApiProperty({ type: [ChecklistItemDto], description: 'R14: the readiness checklist' })
  returnChecklist!: ChecklistItemDto[];
  @ApiProperty({ enum: READINESS_ITEMS, isArray: true, description: 'The items not yet met' })
  missing!: string[];
}

export class ReadinessPageDto {
  @ApiProperty() country!: string;
  @ApiProperty({ description: 'Matching cases in all pages' }) total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
  @ApiProperty({ type: [ReadinessCaseDto] }) items!: ReadinessCaseDto[];
}

export class ReadinessTotalsDto {
  @ApiProperty() ready!: number;
  @ApiProperty() incomplete!: number;
  @ApiProperty() total!: number;
}

export class ReadinessCountDto extends ReadinessTotalsDto {
  @ApiProperty() organisationId!: string;
}

export class ReadinessCountsDto {
  @ApiProperty() country!: string;
  @ApiProperty({ type: [ReadinessCountDto], description: 'Every organisation of the country' })
  organisations!: ReadinessCountDto[];
  @ApiProperty({ type: ReadinessTotalsDto, description: 'All organisations together' })
  total!: ReadinessTotalsDto;
}
