import { given, history } from '../../../../../test/support/decider-spec';
import {
  COMM,
  day,
  departureSteps,
  END_REFLECTION,
  opened,
} from '../../../../../test/support/fixtures';

/**
 * The departure gate's order and words (decide/gate.ts): R12 her choice first, then R7 the
 * reflection period, then every missing R14 item named together (R16 for a third country).
 */
const EXECUTE = { type: 'ExecuteReturn' } as const;

describe('the departure gate', () => {
  it('R12: without her choice of a return or a third country, nothing else is looked at', () => {
    for (const past of [
      [opened()],
      history(
        [opened()],
        [{ type: 'RecordPathwayChoice', pathway: 'integration', communication: COMM }, day(1)],
      ),
    ]) {
      const e = given(...past)
        .when(EXECUTE, day(40))
        .thenRejectedBy('R12', 'conflict');
      expect(e.message).toBe('She has not chosen a return or a third country.');
    }
  });

  it('R7: during the reflection period that is the answer, whatever else is missing', () => {
    const early = history([opened()], ...departureSteps('return').slice(0, 3));
    const e = given(...early)
      .when(EXECUTE, day(20))
      .thenRejectedBy('R7', 'conflict');
    expect(e.message).toBe('No return or removal during the reflection period.');
  });

  it('R14: every missing item is named, in the checklist’s order', () => {
    const steps = departureSteps('return').filter((_, i) => i !== 9 && i !== 11);
    const past = history([opened()], ...steps, END_REFLECTION);
    const e = given(...past)
      .when(EXECUTE, day(32))
      .thenRejectedBy('R14', 'conflict');
    expect(e.message).toBe('Not ready to depart; missing: contacts-given, travel-arranged.');
  });

  it('R16: the same words for a third country, under its own rule', () => {
    const steps = departureSteps('third-country').filter((_, i) => i !== 10);
    const past = history([opened()], ...steps, END_REFLECTION);
    const e = given(...past)
      .when(EXECUTE, day(32))
      .thenRejectedBy('R16', 'conflict');
    expect(e.message).toBe('Not ready to depart; missing: legal-status-considered.');
  });
});
