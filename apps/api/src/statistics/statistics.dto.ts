import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayUnique, IsArray, IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import {
  PERSON_DIMENSION_NAMES,
  type PersonDimension,
  STATISTICS_DIMENSION_NAMES,
  type StatisticsDimension,
} from '@ariadne/persistence';
import { INDICATOR_IDS } from './indicators';

export const STATISTICS_FORMATS = ['json', 'csv'] as const;
export type StatisticsFormat = (typeof STATISTICS_FORMATS)[number];

/** `a,b` and `?x=a&x=b` alike; an empty value is the empty list. */
const toList = ({ value }: { value: unknown }): unknown => {
  const parts = (v: unknown): unknown[] =>
    typeof v === 'string' ? v.split(',').map((s) => s.trim()) : [v];
  if (value === '') return [];
  return Array.isArray(value) ? value.flatMap(parts) : parts(value);
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MESSAGE = '$property must be a date YYYY-MM-DD';

/** The period of the cases counted (by the day each was opened), and the answer's format. */
export class PeriodQueryDto {
  @ApiPropertyOptional({
    example: '2025-01-01',
    description: 'Cases opened on or after this day (UTC)',
  })
  @IsOptional()
  @Matches(DAY, { message: DAY_MESSAGE })
  @IsISO8601({ strict: true }, { message: DAY_MESSAGE })
  from?: string;

  @ApiPropertyOptional({
    example: '2025-12-31',
    description: 'Cases opened on or before this day (UTC)',
  })
  @IsOptional()
  @Matches(DAY, { message: DAY_MESSAGE })
  @IsISO8601({ strict: true }, { message: DAY_MESSAGE })
  to?: string;

  @ApiPropertyOptional({
    enum: STATISTICS_FORMATS,
    description: 'csv: the same as Accept: text/csv. Wins over the Accept header.',
  })
  @IsOptional()
  @IsIn(STATISTICS_FORMATS)
  format?: StatisticsFormat;
}

/** Every dimension a table may be grouped by (two families that do not combine). */
export const GROUP_BY_NAMES: readonly (StatisticsDimension | PersonDimension)[] = [
  ...STATISTICS_DIMENSION_NAMES,
  ...PERSON_DIMENSION_NAMES,
];

export class StatisticsQueryDto extends PeriodQueryDto {
  @ApiPropertyOptional({
    description:
      `Comma-separated, any subset of: ${STATISTICS_DIMENSION_NAMES.join(', ')}; or any subset ` +
      `of: ${PERSON_DIMENSION_NAMES.join(', ')} (ADR 0017: counted by month of opening, so ` +
      'from must be the first and to the last day of a month). None: one total.',
    example: 'country,phase',
    type: String,
  })
  @Transform(toList)
  @IsArray()
  @IsIn(GROUP_BY_NAMES, { each: true })
  @ArrayUnique({ message: '$property must not name a dimension twice' })
  groupBy: (StatisticsDimension | PersonDimension)[] = [];
}

export class StatisticsRowDto {
  @ApiPropertyOptional({ description: 'One property per groupBy dimension, e.g. country: "SE"' })
  country?: string;
  @ApiPropertyOptional() phase?: string;
  @ApiPropertyOptional() pathway?: string;
  @ApiPropertyOptional() referralSource?: string;
  @ApiPropertyOptional() status?: string;
  @ApiPropertyOptional({ enum: ['authority', 'service', 'self', 'other'] })
  referralSourceType?: string;
  @ApiPropertyOptional({
    description:
      "HTCDS vic_TypeOfExploitation value name, or 'unknown'; a case with several forms counts in each",
  })
  formOfExploitation?: string;
  @ApiPropertyOptional({ description: "HTCDS prs_Gender value name, or 'unknown'" })
  sex?: string;
  @ApiPropertyOptional({
    description: "Age at her referral: 0-17, 18-24, 25-29 … 45-49, 50-59, 60+, or 'unknown'",
  })
  ageBand?: string;
  @ApiPropertyOptional({
    description:
      "ISO 3166-1 alpha-2; 'multiple' (two or more), 'unknown', or 'other' (a citizenship of " +
      'fewer cases than the threshold in the whole country)',
  })
  citizenship?: string;
  @ApiProperty({ nullable: true, type: Number, description: 'null when suppressed' })
  count!: number | null;
  @ApiProperty() suppressed!: boolean;
}

export class StatisticsDto {
  @ApiProperty({ description: 'P8: cells below this many cases are suppressed' })
  threshold!: number;
  @ApiProperty({ enum: GROUP_BY_NAMES, isArray: true }) groupBy!: string[];
  @ApiProperty({ nullable: true, type: String }) from!: string | null;
  @ApiProperty({ nullable: true, type: String }) to!: string | null;
  @ApiProperty({
    description:
      'True when no pattern of suppressed cells protects this table: then no row is published',
  })
  withheld!: boolean;
  @ApiProperty({ type: [StatisticsRowDto] }) rows!: Array<
    Record<string, string | number | boolean | null>
  >;
}

/** The indicators take the period and the format alone. */
export class IndicatorsQueryDto extends PeriodQueryDto {}

export class IndicatorRowDto {
  @ApiProperty({ enum: INDICATOR_IDS }) indicator!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      'The part of the indicator: a kind of service, a follow-up of the country policy ' +
      '(1-months, 3-months … for whole months or years, else its ISO 8601 duration, e.g. P30D); ' +
      'null for none',
  })
  breakdown!: string | null;
  @ApiProperty({
    description:
      'cases, median-days, p90-days; ended, granted-in-full; offered, provided; departures, ' +
      'with-risk-assessment; due, done; share (0–1); caseworkers, open-cases, median, p90, max',
  })
  measure!: string;
  @ApiProperty({ nullable: true, type: Number, description: 'null when suppressed or undefined' })
  value!: number | null;
  @ApiProperty() suppressed!: boolean;
}

export class IndicatorsDto {
  @ApiProperty({ description: 'P8: counts below this are suppressed' }) threshold!: number;
  @ApiProperty({ nullable: true, type: String }) from!: string | null;
  @ApiProperty({ nullable: true, type: String }) to!: string | null;
  @ApiProperty({ description: 'The moment follow-ups are judged due at' }) at!: string;
  @ApiProperty({ type: [IndicatorRowDto] }) rows!: IndicatorRowDto[];
}
