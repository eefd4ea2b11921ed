import type { IndicatorFigures } from '@ariadne/persistence';
import { caseloadCsv } from '../exports/caseload/caseload.controller';
import { type IndicatorRow, publishIndicators } from './indicators';

const figures = (over: Partial<IndicatorFigures> = {}): IndicatorFigures => ({
  referralToIdentification: { cases: 12, median: 3.25, p90: 9.04 },
  reflectionPeriods: { ended: 20, grantedInFull: 14 },
  services: [
    { kind: 'health-care', offered: 30, provided: 25 },
    { kind: 'shelter', offered: 12, provided: 3 },
    { kind: 'legal-counselling', offered: 9, provided: 9 },
  ],
  departures: { total: 10, withRiskAssessment: 10 },
  followUps: [
    { number: 1, after: 'P1M', due: 10, done: 5 },
    { number: 2, after: 'P3M', due: 8, done: 2 },
    { number: 3, after: 'P6M', due: 0, done: 0 },
    { number: 4, after: 'P1Y', due: 3, done: 3 },
  ],
  caseload: { caseworkers: 4, openCases: 31, median: 7.5, p90: 11.2, max: 12 },
  ...over,
});

const get = (
  rows: IndicatorRow[],
  indicator: string,
  measure: string,
  breakdown: string | null = null,
) => {
  const r = rows.find(
    (x) => x.indicator === indicator && x.measure === measure && x.breakdown === breakdown,
  );
  if (!r) throw new Error(`no ${indicator}/${breakdown}/${measure}`);
  return r.suppressed ? 'suppressed' : r.value;
};

describe('publishIndicators (P8)', () => {
  it('publishes exact figures and shares where no cell is small', () => {
    const rows = publishIndicators(figures(), 5);
    expect(get(rows, 'referral-to-identification', 'cases')).toBe(12);
    expect(get(rows, 'referral-to-identification', 'median-days')).toBe(3.3);
    expect(get(rows, 'referral-to-identification', 'p90-days')).toBe(9);
    expect(get(rows, 'reflection-granted-in-full', 'ended')).toBe(20);
    expect(get(rows, 'reflection-granted-in-full', 'granted-in-full')).toBe(14);
    expect(get(rows, 'reflection-granted-in-full', 'share')).toBe(0.7);
    expect(get(rows, 'departures-risk-assessed', 'share')).toBe(1);
    expect(get(rows, 'follow-ups-done', 'done', '1-months')).toBe(5);
    expect(get(rows, 'follow-ups-done', 'share', '1-months')).toBe(0.5);
    expect(get(rows, 'caseload-per-caseworker', 'median')).toBe(7.5);
    expect(get(rows, 'caseload-per-caseworker', 'max')).toBe(12);
  });

  it('hides durations over fewer cases than the threshold, not over none', () => {
    const few = publishIndicators(
      figures({ referralToIdentification: { cases: 4, median: 2, p90: 3 } }),
      5,
    );
    expect(get(few, 'referral-to-identification', 'cases')).toBe('suppressed');
    expect(get(few, 'referral-to-identification', 'median-days')).toBe('suppressed');
    expect(get(few, 'referral-to-identification', 'p90-days')).toBe('suppressed');
    const none = publishIndicators(
      figures({ referralToIdentification: { cases: 0, median: null, p90: null } }),
      5,
    );
    expect(get(none, 'referral-to-identification', 'cases')).toBe(0);
    expect(get(none, 'referral-to-identification', 'median-days')).toBeNull();
  });

  it('hides a part and its share when the part or the rest is small; the whole stays', () => {
    const rows = publishIndicators(figures(), 5);
    // 8 due, 2 done: 2 is small.
    expect(get(rows, 'follow-ups-done', 'due', '3-months')).toBe(8);
    expect(get(rows, 'follow-ups-done', 'done', '3-months')).toBe('suppressed');
    expect(get(rows, 'follow-ups-done', 'share', '3-months')).toBe('suppressed');
    // 20 ended, 18 in full: the 2 ended early would show as 20 − 18.
    const early = publishIndicators(
      figures({ reflectionPeriods: { ended: 20, grantedInFull: 18 } }),
      5,
    );
    expect(get(early, 'reflection-granted-in-full', 'ended')).toBe(20);
    expect(get(early, 'reflection-granted-in-full', 'granted-in-full')).toBe('suppressed');
    // A small whole hides all three; nothing due is a zero, no share.
    expect(get(rows, 'follow-ups-done', 'due', '12-months')).toBe('suppressed');
    expect(get(rows, 'follow-ups-done', 'done', '12-months')).toBe('suppressed');
    expect(get(rows, 'follow-ups-done', 'due', '6-months')).toBe(0);
    expect(get(rows, 'follow-ups-done', 'share', '6-months')).toBeNull();
  });

  it('suppresses services per measure as a line over the kinds (primary and complementary)', () => {
    const rows = publishIndicators(figures(), 5);
    expect(get(rows, 'services-offered-provided', 'offered', 'shelter')).toBe(12);
    // Provided: shelter 3 is small; the next smallest (legal counselling 9) is hidden with it.
    expect(get(rows, 'services-offered-provided', 'provided', 'shelter')).toBe('suppressed');
    expect(get(rows, 'services-offered-provided', 'provided', 'legal-counselling')).toBe(
      'suppressed',
    );
    expect(get(rows, 'services-offered-provided', 'provided', 'health-care')).toBe(25);
  });

  it('follows the threshold and never shows a suppressed value', () => {
    const rows = publishIndicators(figures(), 13);
    expect(get(rows, 'referral-to-identification', 'cases')).toBe('suppressed');
    for (const r of rows) if (r.suppressed) expect(r.value).toBeNull();
  });
});

describe('caseload CSV', () => {
  const row = {
    reference: 'SE-7K2M-QX4P-R',
    status: 'open',
    phase: 'support',
    pathway: 'undecided',
    assignee: '=cmd|"/c calc"!A1',
    openedAt: '2026-01-02T09:00:00.000Z',
    nextDueAt: '2026-01-10T09:00:00.000Z',
    earliestDueAt: '2026-01-05T09:00:00.000Z',
    reflectionEndsAt: null,
    stalledSince: '2026-01-20T00:00:00.000Z',
  };

  it('neutralises a formula in any text cell and derives overdue and stalled', () => {
    const csv = caseloadCsv(
      [
        row,
        { ...row, reference: '+SE', assignee: '@SUM(1)', stalledSince: null, status: 'closed' },
      ],
      new Date('2026-02-01T00:00:00Z'),
    );
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'reference,status,phase,pathway,assignee,openedAt,nextDueAt,earliestDueAt,overdue,reflectionEndsAt,stalled,stalledSince',
    );
    expect(lines[1]).toBe(
      `SE-7K2M-QX4P-R,open,support,undecided,"'=cmd|""/c calc""!A1",2026-01-02T09:00:00.000Z,2026-01-10T09:00:00.000Z,2026-01-05T09:00:00.000Z,true,,true,2026-01-20T00:00:00.000Z`,
    );
    expect(lines[2]).toMatch(/^'\+SE,closed,.*,'@SUM\(1\),.*,false,,false,$/);
  });
});
