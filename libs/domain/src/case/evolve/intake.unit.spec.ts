/**
 * The intake evolvers, one by one (mutation survivors of evolve/intake.ts, docs/mutation.md):
 * the first recording of her details is kept, a met need marks only the first open need of its
 * kind, the first identification decision's date survives a reconsideration, and who decided is
 * copied only when the event says it (no `decidedBy: undefined` key in the state).
 */
import { opened } from '../../../../../test/support/fixtures';
import type { CaseEvent } from '../events';
import { evolveAll } from '../evolve';
import { type CaseState, type ExistingCaseState, initialState } from '../state';

const T1 = '2026-01-05T08:00:00.000Z';
const T2 = '2026-01-06T08:00:00.000Z';
const T3 = '2026-01-07T08:00:00.000Z';

function stateAfter(...events: CaseEvent[]): ExistingCaseState {
  const s: CaseState = evolveAll(initialState(), [opened(), ...events]);
  if (s.status === 'none') throw new Error('no case');
  return s;
}

const details = (recordedAt: string): CaseEvent => ({
  type: 'PersonDetailsRecorded',
  data: { recordedAt, personal: { identity: { givenName: 'x' } } },
});

describe('evolve: intake', () => {
  it('keeps the time her details were first recorded; a later recording does not move it', () => {
    expect(stateAfter().personDetailsRecordedAt).toBeUndefined();
    expect(stateAfter(details(T1)).personDetailsRecordedAt).toBe(T1);
    expect(stateAfter(details(T1), details(T2)).personDetailsRecordedAt).toBe(T1);
  });

  it('a need met marks the first open need of that kind only, and no other kind', () => {
    const s = stateAfter(
      { type: 'ImmediateNeedRecorded', data: { need: 'safety', recordedAt: T1 } },
      { type: 'ImmediateNeedRecorded', data: { need: 'accommodation', recordedAt: T1 } },
      { type: 'ImmediateNeedMet', data: { need: 'safety', metAt: T2 } },
      { type: 'ImmediateNeedRecorded', data: { need: 'safety', recordedAt: T2 } },
      { type: 'ImmediateNeedMet', data: { need: 'safety', metAt: T3 } },
    );
    expect(s.immediateNeeds).toEqual([
      { need: 'safety', recordedAt: T1, metAt: T2 },
      { need: 'accommodation', recordedAt: T1 },
      { need: 'safety', recordedAt: T2, metAt: T3 },
    ]);
  });

  it('a need met again leaves one already met as it was', () => {
    const s = stateAfter(
      { type: 'ImmediateNeedRecorded', data: { need: 'safety', recordedAt: T1 } },
      { type: 'ImmediateNeedMet', data: { need: 'safety', metAt: T2 } },
      { type: 'ImmediateNeedMet', data: { need: 'safety', metAt: T3 } },
    );
    expect(s.immediateNeeds).toEqual([{ need: 'safety', recordedAt: T1, metAt: T2 }]);
  });

  it('identification: the latest outcome and date, the first date kept, who decided only when known', () => {
    const first = stateAfter({
      type: 'IdentificationDecided',
      data: { outcome: 'no-reasonable-grounds', decidedAt: T1 },
    });
    expect(first.identification).toStrictEqual({
      outcome: 'no-reasonable-grounds',
      decidedAt: T1,
      firstDecidedAt: T1,
    });
    expect(Object.keys(first.identification!)).not.toContain('decidedBy');

    const reconsidered = stateAfter(
      { type: 'IdentificationDecided', data: { outcome: 'no-reasonable-grounds', decidedAt: T1 } },
      {
        type: 'IdentificationDecided',
        data: { outcome: 'reasonable-grounds', decidedBy: 'police', decidedAt: T2 },
      },
    );
    expect(reconsidered.identification).toStrictEqual({
      outcome: 'reasonable-grounds',
      decidedAt: T2,
      firstDecidedAt: T1,
      decidedBy: 'police',
    });
  });

  it('conclusive identification: the latest outcome, who decided and when, the first date kept', () => {
    const rg: CaseEvent = {
      type: 'IdentificationDecided',
      data: { outcome: 'reasonable-grounds', decidedBy: 'police', decidedAt: T1 },
    };
    const once = stateAfter(rg, {
      type: 'ConclusiveIdentificationDecided',
      data: { outcome: 'negative', decidedBy: 'migration-authority', decidedAt: T2 },
    });
    expect(once.conclusiveIdentification).toStrictEqual({
      outcome: 'negative',
      decidedBy: 'migration-authority',
      decidedAt: T2,
      firstDecidedAt: T2,
    });
    const twice = stateAfter(
      rg,
      {
        type: 'ConclusiveIdentificationDecided',
        data: { outcome: 'negative', decidedBy: 'migration-authority', decidedAt: T2 },
      },
      {
        type: 'ConclusiveIdentificationDecided',
        data: { outcome: 'positive', decidedBy: 'ngo', decidedAt: T3 },
      },
    );
    expect(twice.conclusiveIdentification).toStrictEqual({
      outcome: 'positive',
      decidedBy: 'ngo',
      decidedAt: T3,
      firstDecidedAt: T2,
    });
  });
});
