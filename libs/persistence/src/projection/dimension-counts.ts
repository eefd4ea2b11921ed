import type { Client } from 'pg';
import {
  type CaseDimensionKey,
  caseDimensionKey,
  DIMENSION_EVENT_TYPES,
  type HtcdsEventView,
} from '@ariadne/domain';

/**
 * `case_dimension_counts` (ADR 0017) as a function of the log: what the append keeps in its
 * transaction and what `npm run rebuild` counts again. Her identity is opened only to derive
 * three codes (sex, age band, citizenship); nothing else of it leaves this module.
 */

/** Opens her identity category of one PersonDetailsRecorded; null when absent or erased. */
export type IdentityOpener = (
  caseId: string,
  data: unknown,
) => Promise<Record<string, unknown> | null>;

const DIMENSION_TYPES: readonly string[] = DIMENSION_EVENT_TYPES;

/** Whether an event can change the combination a case is counted in. */
export function changesDimensions(type: string): boolean {
  return type !== 'CaseOpened' && DIMENSION_TYPES.includes(type);
}

/**
 * The events the derivation reads, in log order, her identity opened; a PersonDetailsRecorded
 * whose identity cannot be opened (erased) is left out, as the HTCDS export leaves it out.
 */
export async function dimensionViews(
  caseId: string,
  events: readonly { readonly type: string; readonly data: unknown }[],
  open: IdentityOpener,
): Promise<HtcdsEventView[]> {
  const out: HtcdsEventView[] = [];
  for (const e of events) {
    if (!DIMENSION_TYPES.includes(e.type)) continue;
    if (e.type === 'PersonDetailsRecorded') {
      const opened = await open(caseId, e.data);
      if (opened) out.push({ type: e.type, data: opened });
      continue;
    }
    if (typeof e.data === 'object' && e.data !== null) out.push({ type: e.type, data: e.data });
  }
  return out;
}

export const DIMENSION_COUNT_COLUMNS = [
  'organisation_id',
  'country',
  'opened_month',
  'sex',
  'age_band',
  'citizenship',
] as const;

/** A combination's values in the order of DIMENSION_COUNT_COLUMNS (the counts table's key). */
export const dimensionKeyValues = (k: CaseDimensionKey): string[] => [
  k.organisationId,
  k.country,
  k.openedMonth,
  k.sex,
  k.ageBand,
  k.citizenship,
];

/**
 * Counts every case's combination from the log, for a rebuild: a map case → combination held in
 * this process only (never written), so that cases appended to meanwhile can be counted again.
 * `caseIds`: only these cases (catching up); all otherwise.
 */
export async function foldDimensionKeys(
  db: Pick<Client, 'query'>,
  open: IdentityOpener,
  into: Map<string, CaseDimensionKey | null>,
  caseIds?: readonly string[],
): Promise<void> {
  const rows = await db.query<{ case_id: string; type: string; data: unknown }>(
    `SELECT case_id, type, data FROM case_events
      WHERE type = ANY($1::text[]) ${caseIds ? 'AND case_id = ANY($2::uuid[])' : ''}
      ORDER BY case_id, version`,
    caseIds ? [DIMENSION_TYPES, caseIds] : [DIMENSION_TYPES],
  );
  let i = 0;
  while (i < rows.rows.length) {
    const caseId = rows.rows[i]!.case_id;
    let j = i;
    while (j < rows.rows.length && rows.rows[j]!.case_id === caseId) j += 1;
    const views = await dimensionViews(caseId, rows.rows.slice(i, j), open);
    into.set(caseId, caseDimensionKey(views));
    i = j;
  }
}

/** Replaces the table's rows with the counts of the given combinations (in the caller's tx). */
export async function writeDimensionCounts(
  db: Pick<Client, 'query'>,
  keys: Iterable<CaseDimensionKey | null>,
  table = 'case_dimension_counts',
): Promise<number> {
  const counts = new Map<string, { key: string[]; n: number }>();
  for (const k of keys) {
    if (!k) continue;
    const key = dimensionKeyValues(k);
    const id = key.join('\u0000');
    const entry = counts.get(id) ?? { key, n: 0 };
    entry.n += 1;
    counts.set(id, entry);
  }
  await db.query(`DELETE FROM ${table}`);
  const rows = [...counts.values()];
  if (rows.length === 0) return 0;
  const column = (i: number): string[] => rows.map((r) => r.key[i]!);
  await db.query(
    `INSERT INTO ${table} (${DIMENSION_COUNT_COLUMNS.join(', ')}, count)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                          $7::int[])`,
    [...DIMENSION_COUNT_COLUMNS.map((_, i) => column(i)), rows.map((r) => r.n)],
  );
  return rows.length;
}
