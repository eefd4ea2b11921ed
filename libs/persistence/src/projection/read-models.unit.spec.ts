import fc from 'fast-check';
import { type CaseEvent, type CaseState, caseSummary, evolve, initialState } from '@ariadne/domain';
import { simulate } from '../../../../test/support/decider-spec';
import { journeyArb, journeySteps } from '../../../../test/support/fixtures';
import { foldCase, type LoggedEvent, notificationRows, summaryRow } from './read-models';

const CASE = '4b0c9a52-5d3e-4f7a-9c1b-2e8d6f0a1b3c';

function logged(log: readonly CaseEvent[], txOf: (i: number) => string): LoggedEvent[] {
  return log.map((e, i) => ({
    eventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    version: i + 1,
    type: e.type,
    data: e.data,
    txId: txOf(i),
    recordedAt: `2026-02-0${1 + (i % 9)} 10:00:00.${String(i).padStart(6, '0')}+00`,
  }));
}

describe('the read models as a fold of the log (ADR 0016)', () => {
  it('folds any journey to the summary and inbox rows the append writes, event by event', () => {
    fc.assert(
      fc.property(journeyArb(40), (j) => {
        const { past, steps } = journeySteps(j);
        const log = simulate(past, steps).log;
        const events = logged(log, (i) => String(100 + i));
        // What the append writes, one append per event: the workflow's summary after it, the
        // inbox rows addressed with the organisation the case has after it.
        let state: CaseState = initialState();
        const inbox = events.flatMap((e, i) => {
          state = evolve(state, log[i] as CaseEvent);
          const org = state.status === 'none' ? '' : state.organisationId;
          return notificationRows(CASE, org, e);
        });
        const summary = caseSummary(CASE, state)!;
        const folded = foldCase(CASE, events);
        expect(folded.summary).toEqual(summaryRow(summary, events[events.length - 1]!.recordedAt));
        expect(folded.notifications).toEqual(inbox);
      }),
      { numRuns: 40 },
    );
  });

  it('events of one transaction share the organisation the case has after all of them', () => {
    const log = simulate(
      ...((): Parameters<typeof simulate> => {
        const { past, steps } = journeySteps(
          fc.sample(journeyArb(60), { numRuns: 1, seed: 7 })[0]!,
        );
        return [past, steps];
      })(),
    ).log;
    const one = foldCase(
      CASE,
      logged(log, () => '42'),
    );
    const last = log.reduce(evolve, initialState());
    const org = last.status === 'none' ? '' : last.organisationId;
    for (const n of one.notifications) {
      if (n.kind !== 'referral') expect(n.organisation_id).toBe(org);
    }
    expect(one.summary?.updated_at).toBe(logged(log, () => '42').at(-1)!.recordedAt);
  });

  it('refuses a log with a gap, naming the case (its opaque id only)', () => {
    const { past, steps } = journeySteps(fc.sample(journeyArb(20), { numRuns: 1, seed: 3 })[0]!);
    const events = logged(simulate(past, steps).log, () => '1');
    const gap = [events[0]!, { ...events[0]!, version: 3 }];
    expect(() => foldCase(CASE, gap)).toThrow(`Case ${CASE} does not fold: version 3 follows 1`);
  });

  it('an empty log is no case', () => {
    expect(foldCase(CASE, [])).toEqual({ summary: undefined, notifications: [] });
  });
});
