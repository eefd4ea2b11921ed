import { READINESS_ITEMS, returnReadiness } from '@ariadne/domain';
import { history, stateOf } from '../../../../test/support/decider-spec';
import {
  COMM,
  day,
  departureSteps,
  END_REFLECTION,
  opened,
} from '../../../../test/support/fixtures';

describe('returnReadiness: the R14 checklist, what is missing', () => {
  it('does not apply until she chooses a return or a third country', () => {
    expect(returnReadiness(stateOf([opened()]), day(1))).toEqual({
      applicable: false,
      ready: false,
      items: [],
    });
  });

  it('right after her choice, everything but the choice is missing, each with a reason', () => {
    const events = history(
      [opened()],
      [{ type: 'RecordPathwayChoice', pathway: 'return', communication: COMM }, day(1)],
    );
    const r = returnReadiness(stateOf(events), day(1));
    expect(r).toMatchObject({ applicable: true, pathway: 'return', ready: false });
    expect(r.items.map((i) => i.item)).toEqual([...READINESS_ITEMS]);
    expect(r.items.find((i) => i.item === 'reflection-period-over')?.met).toBe(true);
    for (const i of r.items.filter((x) => x.item !== 'reflection-period-over')) {
      expect(i.met).toBe(false);
      expect(i.reason).toMatch(/\S/);
    }
  });

  it('is ready when every item holds, and says so item by item', () => {
    const events = history([opened()], ...departureSteps('return'), END_REFLECTION);
    const r = returnReadiness(stateOf(events), day(32));
    expect(r.ready).toBe(true);
    expect(r.items.every((i) => i.met && i.reason === undefined)).toBe(true);
  });

  it('the risk assessment goes stale with time, judged at the time asked', () => {
    const s = stateOf(history([opened()], ...departureSteps('return'), END_REFLECTION));
    expect(returnReadiness(s, day(55)).ready).toBe(true);
    expect(
      returnReadiness(s, day(56))
        .items.filter((i) => !i.met)
        .map((i) => i.item),
    ).toEqual(['risk-assessment']);
  });

  it('names what is missing by field, never by content', () => {
    const events = history(
      [opened()],
      [{ type: 'RecordPathwayChoice', pathway: 'return', communication: COMM }, day(1)],
    );
    const text = JSON.stringify(returnReadiness(stateOf(events), day(1)));
    expect(text).not.toContain('"ro"');
  });

  it('no longer applies once she has departed', () => {
    const departed = history([opened()], ...departureSteps('return'), END_REFLECTION, [
      { type: 'ExecuteReturn' },
      day(32),
    ]);
    expect(returnReadiness(stateOf(departed), day(33)).applicable).toBe(false);
  });
});
