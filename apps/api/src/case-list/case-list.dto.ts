import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PATHWAYS, type Pathway, PHASES, type Phase } from '@ariadne/domain';
import { CaseSummaryDto } from '../cases/cases.dto';
import { PageQueryDto } from '../supervision/board.dto';

const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

/** GET /cases: filters narrow the caller's own list; none widens it (P3). */
export class ListCasesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PHASES })
  @IsOptional()
  @IsIn(PHASES)
  phase?: Phase;

  @ApiPropertyOptional({ enum: ['open', 'closed'], description: 'Both when absent' })
  @IsOptional()
  @IsIn(['open', 'closed'])
  status?: 'open' | 'closed';

  @ApiPropertyOptional({
    type: Boolean,
    description: 'R21: true, only stalled cases; false, only cases not stalled',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsIn([true, false], { message: '$property must be true or false' })
  stalled?: boolean;

  @ApiPropertyOptional({ enum: PATHWAYS })
  @IsOptional()
  @IsIn(PATHWAYS)
  pathway?: Pathway;

  @ApiPropertyOptional({
    example: 'SE-7K4Q',
    maxLength: 16,
    description:
      'A case reference, whole or its beginning; case, spaces and dashes do not matter ' +
      '(`se 7k4q` finds SE-7K4Q-2M). Never a name: no personal data in URLs.',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9 -]{1,16}$/, {
    message: '$property must be (the beginning of) a case reference such as SE-7K4Q-2M',
  })
  q?: string;
}

export class CaseListPageDto {
  @ApiProperty({ type: [CaseSummaryDto] }) items!: CaseSummaryDto[];
  @ApiProperty() limit!: number;
  @ApiProperty({ nullable: true, type: String, description: 'Pass as cursor for the next page' })
  nextCursor!: string | null;
}
