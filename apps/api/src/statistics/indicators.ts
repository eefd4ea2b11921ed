import type { IndicatorFigures } from '@ariadne/persistence';
import { suppressSmallCells } from './suppression';

/** The indicators a network reports on (issue 10), each with its own id. */
export const INDICATOR_IDS = [
  'referral-to-identification',
  'reflection-granted-in-full',
  'services-offered-provided',
  'departures-risk-assessed',
  'follow-ups-done',
  'caseload-per-caseworker',
] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

/**
 * One published figure: which indicator, which part of it (a service kind, a follow-up), which
 * measure, and its value, or null when suppressed (P8). Shares are fractions 0–1.
 */
export interface IndicatorRow {
  readonly indicator: IndicatorId;
  readonly breakdown: string | null;
  readonly measure: string;
  readonly value: number | null;
  readonly suppressed: boolean;
}

const round = (n: number | null, digits: number): number | null =>
  n === null ? null : Math.round(n * 10 ** digits) / 10 ** digits;

const row = (
  indicator: IndicatorId,
  breakdown: string | null,
  measure: string,
  value: number | null,
  suppressed = false,
): IndicatorRow => ({
  indicator,
  breakdown,
  measure,
  value: suppressed ? null : value,
  suppressed,
});

/**
 * A part of a whole (periods granted in full of those ended; follow-ups done of those due):
 * the whole, the part and the share. P8 as for the tables: the part and the rest form a line
 * whose total is published, so when either is small (1 to threshold − 1) both are hidden and the
 * share with them; a small whole hides everything.
 */
function partOfWhole(
  indicator: IndicatorId,
  breakdown: string | null,
  names: { whole: string; part: string },
  whole: number,
  part: number,
  threshold: number,
): IndicatorRow[] {
  const table = suppressSmallCells(
    [
      { dims: { side: 'part' }, count: part },
      { dims: { side: 'rest' }, count: whole - part },
    ],
    ['side'],
    threshold,
  );
  const hidden = table.withheld || table.cells.some((c) => c.suppressed);
  const smallWhole = whole > 0 && whole < threshold;
  return [
    row(indicator, breakdown, names.whole, whole, smallWhole),
    row(indicator, breakdown, names.part, part, smallWhole || hidden),
    row(
      indicator,
      breakdown,
      'share',
      whole === 0 ? null : round(part / whole, 3),
      smallWhole || hidden,
    ),
  ];
}

/**
 * The name of a follow-up in the published rows: `3-months` for a policy's P3M (and P1Y as
 * `12-months`), as the network reports them; any other duration as the policy writes it (P30D).
 */
export function followUpBreakdown(after: string): string {
  const months = /^P(\d+)M$/.exec(after);
  if (months) return `${Number(months[1])}-months`;
  const years = /^P(\d+)Y$/.exec(after);
  if (years) return `${Number(years[1]) * 12}-months`;
  return after;
}

/**
 * The published indicators from the exact figures, small cells suppressed (P8), in a fixed
 * order. Durations over fewer than `threshold` cases are hidden (a median of two cases nearly
 * gives both). The caseload is about staff, not about her: published as counted.
 */
export function publishIndicators(f: IndicatorFigures, threshold: number): IndicatorRow[] {
  const rows: IndicatorRow[] = [];

  const id = f.referralToIdentification;
  const fewCases = id.cases > 0 && id.cases < threshold;
  rows.push(
    row('referral-to-identification', null, 'cases', id.cases, fewCases),
    row('referral-to-identification', null, 'median-days', round(id.median, 1), fewCases),
    row('referral-to-identification', null, 'p90-days', round(id.p90, 1), fewCases),
  );

  rows.push(
    ...partOfWhole(
      'reflection-granted-in-full',
      null,
      { whole: 'ended', part: 'granted-in-full' },
      f.reflectionPeriods.ended,
      f.reflectionPeriods.grantedInFull,
      threshold,
    ),
  );

  // Offered and provided are two tables over the kinds of service, each suppressed as a line.
  const byMeasure = (['offered', 'provided'] as const).map((m) =>
    suppressSmallCells(
      f.services.map((s) => ({ dims: { kind: s.kind }, count: s[m] })),
      ['kind'],
      threshold,
    ),
  );
  f.services.forEach((s, i) => {
    (['offered', 'provided'] as const).forEach((m, k) => {
      const t = byMeasure[k]!;
      const cell = t.cells[i];
      const hidden = t.withheld || cell?.suppressed === true;
      rows.push(row('services-offered-provided', s.kind, m, s[m], hidden));
    });
  });

  rows.push(
    ...partOfWhole(
      'departures-risk-assessed',
      null,
      { whole: 'departures', part: 'with-risk-assessment' },
      f.departures.total,
      f.departures.withRiskAssessment,
      threshold,
    ),
  );

  for (const fu of f.followUps) {
    rows.push(
      ...partOfWhole(
        'follow-ups-done',
        followUpBreakdown(fu.after),
        { whole: 'due', part: 'done' },
        fu.due,
        fu.done,
        threshold,
      ),
    );
  }

  const c = f.caseload;
  rows.push(
    row('caseload-per-caseworker', null, 'caseworkers', c.caseworkers),
    row('caseload-per-caseworker', null, 'open-cases', c.openCases),
    row('caseload-per-caseworker', null, 'median', round(c.median, 1)),
    row('caseload-per-caseworker', null, 'p90', round(c.p90, 1)),
    row('caseload-per-caseworker', null, 'max', c.max),
  );
  return rows;
}
