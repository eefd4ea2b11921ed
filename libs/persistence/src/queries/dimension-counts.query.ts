import type { DataSource, EntityManager } from 'typeorm';
import { type CaseDimensionKey, OTHER_CITIZENSHIP } from '@ariadne/domain';
import { dimensionKeyValues } from '../projection/dimension-counts';
import { Params, type ReadScope, scopeCondition } from './sql';

/**
 * Sex, age band and citizenship (docs/htcds.md, ADR 0017): grouped over `case_dimension_counts`,
 * never over a case. They combine with each other, the scope and a window of whole months, not
 * with the dimensions of case_summaries (the counts hold no case to join).
 */
export const PERSON_DIMENSIONS = {
  sex: 'c.sex',
  ageBand: 'c.age_band',
  citizenship: 'c.citizenship',
} as const;
export type PersonDimension = keyof typeof PERSON_DIMENSIONS;
export const PERSON_DIMENSION_NAMES = Object.keys(PERSON_DIMENSIONS) as readonly PersonDimension[];

export interface PersonDimensionRequest {
  readonly scope: ReadScope;
  readonly groupBy: readonly PersonDimension[];
  /** First month counted, YYYY-MM. */
  readonly fromMonth?: string;
  /** Last month counted, YYYY-MM (included). */
  readonly toMonth?: string;
  /**
   * Citizenships held by fewer cases than this in the whole country of the scope (all months,
   * all its organisations) are counted as `other` (ADR 0017, d).
   */
  readonly minCitizenship: number;
}

export interface PersonDimensionCell {
  readonly dims: Readonly<Partial<Record<PersonDimension, string>>>;
  readonly count: number;
}

type Db = Pick<EntityManager, 'query'>;

/**
 * Keeps the counts when a case's combination changes: its previous one decremented, its new one
 * incremented, in the caller's transaction (the append's). Nothing when they are the same.
 */
export async function applyDimensionChange(
  db: Db,
  before: CaseDimensionKey | null,
  after: CaseDimensionKey | null,
): Promise<void> {
  const key = dimensionKeyValues;
  if (before && after && key(before).join('\u0000') === key(after).join('\u0000')) return;
  if (before) {
    await db.query(
      `UPDATE case_dimension_counts SET count = greatest(count - 1, 0)
        WHERE organisation_id = $1 AND country = $2 AND opened_month = $3
          AND sex = $4 AND age_band = $5 AND citizenship = $6`,
      key(before),
    );
  }
  if (after) {
    await db.query(
      `INSERT INTO case_dimension_counts
         (organisation_id, country, opened_month, sex, age_band, citizenship, count)
       VALUES ($1, $2, $3, $4, $5, $6, 1)
       ON CONFLICT (organisation_id, country, opened_month, sex, age_band, citizenship)
       DO UPDATE SET count = case_dimension_counts.count + 1`,
      key(after),
    );
  }
}

/** Raw counts: they never leave the API unsuppressed (P8). */
export class PersonDimensionQueries {
  constructor(private readonly ds: Pick<DataSource, 'query'>) {}

  async count(req: PersonDimensionRequest): Promise<PersonDimensionCell[]> {
    const p = new Params();
    const where = [scopeCondition(req.scope, p), 'c.count > 0'];
    if (req.fromMonth) where.push(`c.opened_month >= ${p.add(req.fromMonth)}`);
    if (req.toMonth) where.push(`c.opened_month <= ${p.add(req.toMonth)}`);
    const dims: { name: PersonDimension; column: string }[] = req.groupBy.map((d) => ({
      name: d,
      column: PERSON_DIMENSIONS[d],
    }));
    // The country whose totals decide which citizenships are published by name (ADR 0017 d):
    // read only when citizenship is grouped by.
    let totals = '';
    if (req.groupBy.includes('citizenship')) {
      const country =
        req.scope.country !== undefined
          ? p.add(req.scope.country)
          : `(SELECT o.country FROM organisations o WHERE o.id = ${p.add(req.scope.organisationId)})`;
      const k = p.add(req.minCitizenship);
      totals = `LEFT JOIN (
          SELECT d.citizenship, sum(d.count) AS n FROM case_dimension_counts d
           WHERE d.organisation_id IN (SELECT o.id FROM organisations o WHERE o.country = ${country})
           GROUP BY 1) t ON t.citizenship = c.citizenship`;
      const named = `c.citizenship IN ('unknown', 'multiple') OR coalesce(t.n, 0) >= ${k}::int`;
      const i = dims.findIndex((d) => d.name === 'citizenship');
      dims[i] = {
        name: 'citizenship',
        column: `CASE WHEN ${named} THEN c.citizenship ELSE '${OTHER_CITIZENSHIP}' END`,
      };
    }
    const select = [
      ...dims.map((d) => `(${d.column})::text AS "${d.name}"`),
      `sum(c.count)::int AS n`,
    ];
    const positions = dims.map((_, i) => String(i + 1)).join(', ');
    const grouping = dims.length
      ? `GROUP BY ${positions} HAVING sum(c.count) > 0 ORDER BY ${positions}`
      : '';
    const rows: Array<Record<string, string | number>> = await this.ds.query(
      `SELECT ${select.join(', ')} FROM case_dimension_counts c ${totals}
        WHERE ${where.join(' AND ')} ${grouping}`,
      p.values,
    );
    return rows.map((r) => ({
      dims: Object.fromEntries(dims.map((d) => [d.name, String(r[d.name])])),
      count: Number(r['n'] ?? 0),
    }));
  }
}
