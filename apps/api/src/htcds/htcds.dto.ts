import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { HTCDS_EXPORT_COLUMNS } from '@ariadne/domain';

export const HTCDS_FORMATS = ['csv', 'json'] as const;

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d{1,3}$/.test(value) ? Number(value) : value;

export class HtcdsExportQueryDto {
  @ApiPropertyOptional({ enum: HTCDS_FORMATS, description: 'json (default) or csv' })
  @IsOptional()
  @IsIn(HTCDS_FORMATS)
  format?: (typeof HTCDS_FORMATS)[number];

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 100,
    default: 5,
    description: 'k-anonymity on age band, gender, citizenship and country (k ≥ 5 by default)',
  })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  k?: number;

  @ApiPropertyOptional({ description: 'Only the cases of this organisation of your country' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: '$property must be an opaque id' })
  organisationId?: string;
}

export class HtcdsExportMetadataDto {
  @ApiProperty({ enum: ['HTCDS'] }) standard!: 'HTCDS';
  @ApiProperty({ enum: ['2.0'] }) standardVersion!: '2.0';
  @ApiProperty({ description: 'CC BY 4.0 attribution of the standard (IOM)' }) attribution!: string;
  @ApiProperty() country!: string;
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
  @ApiProperty({ enum: [true] }) deIdentified!: true;
  @ApiProperty() k!: number;
  @ApiProperty({ type: [String] }) quasiIdentifiers!: string[];
  @ApiProperty({ description: '0 finest age bands … 4 citizenship and gender withheld' })
  generalisationLevel!: number;
  @ApiProperty({ description: 'Cases left out because their combination stayed rarer than k' })
  suppressedRows!: number;
  @ApiProperty() rows!: number;
}

export class HtcdsExportDto {
  @ApiProperty({ type: HtcdsExportMetadataDto }) metadata!: HtcdsExportMetadataDto;

  @ApiProperty({
    description: `One object per case; keys: ${HTCDS_EXPORT_COLUMNS.join(', ')}`,
    type: 'array',
    items: { type: 'object', additionalProperties: { type: 'string' } },
  })
  rows!: Record<string, string>[];
}

export class HtcdsImportQueryDto {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true (default): report only; false: import',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  dryRun?: 'true' | 'false';
}

export class RowRefusalDto {
  @ApiProperty({ description: 'The row of the template (1-based, as Excel shows it)' })
  row!: number;
  @ApiProperty({
    description: 'The HTCDS field name of the column (A: the source id; case: the whole case)',
  })
  column!: string;
  @ApiProperty({ description: 'A rule id (htcds.picklist, htcds.date, R22 …); never the value' })
  rule!: string;
}

export class HtcdsImportReportDto {
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ description: 'Cases in the file' }) rows!: number;
  @ApiProperty({ description: 'Cases that would be / were imported now' }) accepted!: number;
  @ApiProperty({ description: 'Cases this organisation imported from the same rows before' })
  alreadyImported!: number;
  @ApiProperty() refusedRows!: number;
  @ApiProperty({ type: [RowRefusalDto] }) refused!: RowRefusalDto[];
  @ApiProperty({ type: [String] }) caseIds!: string[];
}
