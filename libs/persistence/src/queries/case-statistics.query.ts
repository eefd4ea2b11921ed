import type { DataSource } from 'typeorm';
import { Params, type ReadScope, scopeCondition } from './sql';

/**
 * What case statistics may be grouped by: fixed vocabularies only, never an id (P8). The value
 * is the read-model column; the name is the API's.
 */
export const STATISTICS_DIMENSIONS = {
  country: 'country',
  phase: 'phase',
  pathway: 'pathway',
  referralSource: 'referral_source',
  status: 'status',
} as const;
export type StatisticsDimension = keyof typeof STATISTICS_DIMENSIONS;
export const STATISTICS_DIMENSION_NAMES = Object.keys(
  STATISTICS_DIMENSIONS,
) as readonly StatisticsDimension[];

export interface StatisticsRequest {
  readonly scope: ReadScope;
  readonly groupBy: readonly StatisticsDimension[];
  /** Cases opened at or after this instant. */
  readonly from?: Date;
  /** Cases opened before this instant. */
  readonly to?: Date;
}

/** One cell: its value on each grouped dimension and the exact number of cases. */
export interface StatisticsCell {
  readonly dims: Readonly<Partial<Record<StatisticsDimension, string>>>;
  readonly count: number;
}

/**
 * Raw case counts (open and closed cases alike: anonymised statistics outlive closure, R23). The
 * exact counts must never leave the API unsuppressed: small cells are hidden there (P8).
 */
export class CaseStatisticsQueries {
  constructor(private readonly ds: DataSource) {}

  async countCases(req: StatisticsRequest): Promise<StatisticsCell[]> {
    const p = new Params();
    const where = [scopeCondition(req.scope, p)];
    if (req.from) where.push(`c.opened_at >= ${p.add(req.from)}`);
    if (req.to) where.push(`c.opened_at < ${p.add(req.to)}`);
    const dims = req.groupBy.map((d) => ({ name: d, column: `c.${STATISTICS_DIMENSIONS[d]}` }));
    const select = [...dims.map((d) => `${d.column}::text AS "${d.name}"`), `count(*)::int AS n`];
    const positions = dims.map((_, i) => String(i + 1)).join(', ');
    const grouping = dims.length ? `GROUP BY ${positions} ORDER BY ${positions}` : '';
    const rows: Array<Record<string, string | number>> = await this.ds.query(
      `SELECT ${select.join(', ')} FROM case_summaries c WHERE ${where.join(' AND ')} ${grouping}`,
      p.values,
    );
    return rows.map((r) => ({
      dims: Object.fromEntries(dims.map((d) => [d.name, String(r[d.name])])),
      count: Number(r['n']),
    }));
  }
}
