import type { DataSource } from 'typeorm';
import { Params, type ReadScope, scopeCondition } from './sql';

/**
 * What case statistics may be grouped by: fixed vocabularies only, never an id (P8). The value
 * is the SQL expression over the read model (fixed text, never input); the name is the API's.
 * Sex, age band and citizenship are personal data sealed per case (P2): SQL cannot group by
 * them, so they are not dimensions here (the HTCDS export decrypts them case by case).
 */
export const STATISTICS_DIMENSIONS = {
  country: 'c.country',
  phase: 'c.phase',
  pathway: 'c.pathway',
  referralSource: 'c.referral_source',
  status: 'c.status',
  /** The kind of who referred her: authority, service, self or other (from referralSource). */
  referralSourceType: `CASE
      WHEN c.referral_source IN ('police', 'migration-authority', 'border-guard', 'customs') THEN 'authority'
      WHEN c.referral_source IN ('ngo-outreach', 'health-service', 'social-services', 'helpline') THEN 'service'
      WHEN c.referral_source = 'self-referral' THEN 'self'
      ELSE 'other' END`,
  /**
   * HTCDS vic_TypeOfExploitation (value names) of the latest needs assessment that recorded the
   * victim context; 'unknown' when none did. A case with several forms counts once in each, so
   * this dimension's cells do not add up to the cases.
   */
  formOfExploitation: 'x.form',
} as const;

/** Dimensions read from the event log rather than the summary: joined only when grouped by. */
const FORM_OF_EXPLOITATION_JOIN = `
  CROSS JOIN LATERAL jsonb_array_elements_text(coalesce(nullif((
      SELECT e.data->'victimContext'->'typeOfExploitation'
        FROM case_events e
       WHERE e.case_id = c.case_id AND e.type = 'NeedsAssessed'
         AND jsonb_typeof(e.data->'victimContext'->'typeOfExploitation') = 'array'
       ORDER BY e.version DESC LIMIT 1), '[]'::jsonb), '["unknown"]'::jsonb)) AS x(form)`;
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
    const dims = req.groupBy.map((d) => ({ name: d, column: STATISTICS_DIMENSIONS[d] }));
    const select = [...dims.map((d) => `(${d.column})::text AS "${d.name}"`), `count(*)::int AS n`];
    const positions = dims.map((_, i) => String(i + 1)).join(', ');
    const grouping = dims.length ? `GROUP BY ${positions} ORDER BY ${positions}` : '';
    const fromEvents = req.groupBy.includes('formOfExploitation');
    const joins = fromEvents ? FORM_OF_EXPLOITATION_JOIN : '';
    // Without a window, and by the summary's own columns, the counts kept by case_summaries'
    // trigger (case_statistics_counts: a row per organisation and combination of values) give
    // the same cells as counting the cases; zeros a case left behind are skipped.
    // A country's counts are kept apart (case_statistics_country_counts), so that a country's
    // statistics read a row per combination of values, not one per organisation and combination.
    const kept = !fromEvents && !req.from && !req.to;
    const k = new Params();
    const keptScope =
      req.scope.organisationId !== undefined
        ? {
            table: 'case_statistics_counts',
            where: `c.organisation_id = ${k.add(req.scope.organisationId)}`,
          }
        : {
            table: 'case_statistics_country_counts',
            where: `c.organisation_country = ${k.add(req.scope.country)}`,
          };
    const rows: Array<Record<string, string | number>> = kept
      ? await this.ds.query(
          `SELECT ${[...select.slice(0, -1), `coalesce(sum(c.cases), 0)::int AS n`].join(', ')}
             FROM ${keptScope.table} c
            WHERE ${keptScope.where}
            ${dims.length ? `GROUP BY ${positions} HAVING sum(c.cases) > 0 ORDER BY ${positions}` : ''}`,
          k.values,
        )
      : await this.ds.query(
          `SELECT ${select.join(', ')} FROM case_summaries c ${joins}
            WHERE ${where.join(' AND ')} ${grouping}`,
          p.values,
        );
    return rows.map((r) => ({
      dims: Object.fromEntries(dims.map((d) => [d.name, String(r[d.name])])),
      count: Number(r['n']),
    }));
  }
}
