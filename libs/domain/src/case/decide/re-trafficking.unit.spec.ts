import { availableActions } from '@ariadne/domain';
import { given, history, stateOf } from '../../../../../test/support/decider-spec';
import {
  CASEWORKER,
  day,
  departureSteps,
  END_REFLECTION,
  opened,
} from '../../../../../test/support/fixtures';

/** R17: after her return a re-trafficking risk is flagged and, when it has passed, cleared. */
const departed = () =>
  history([opened()], ...departureSteps('return'), END_REFLECTION, [
    { type: 'ExecuteReturn' },
    day(32),
  ]);
const flag = { type: 'RecordReTraffickingRisk', risk: 'flagged' } as const;
const clear = { type: 'RecordReTraffickingRisk', risk: 'cleared' } as const;

describe('R17 re-trafficking risk', () => {
  it('a flag can be cleared: the event says so and the case no longer carries the risk', () => {
    const flagged = history(departed(), [flag, day(40)]);
    expect(stateOf(flagged).reTraffickingRisk).toBe(true);
    given(...flagged)
      .when(clear, day(50))
      .then([
        { type: 'ReTraffickingRiskRecorded', data: { risk: 'cleared', recordedAt: day(50) } },
      ]);
    const cleared = history(flagged, [clear, day(50)]);
    expect(stateOf(cleared).reTraffickingRisk).toBe(false);
  });

  it('once cleared it can be flagged again, and cleared again', () => {
    const events = history(departed(), [flag, day(40)], [clear, day(50)], [flag, day(60)]);
    expect(stateOf(events).reTraffickingRisk).toBe(true);
    expect(stateOf(history(events, [clear, day(70)])).reTraffickingRisk).toBe(false);
  });

  it('nothing to clear before a flag, and a flag is not raised twice', () => {
    given(...departed())
      .when(clear, day(40))
      .thenRejectedBy('R17');
    const flagged = history(departed(), [flag, day(40)]);
    given(...flagged)
      .when(flag, day(41))
      .thenRejectedBy('R17');
    const cleared = history(flagged, [clear, day(50)]);
    given(...cleared)
      .when(clear, day(51))
      .thenRejectedBy('R17');
  });

  it('her caseworker is offered the command to clear a flag and to raise a new one once cleared', () => {
    const flagged = stateOf(history(departed(), [flag, day(40)]));
    expect(availableActions(flagged, CASEWORKER, day(41))).toContain('RecordReTraffickingRisk');
    const cleared = stateOf(history(departed(), [flag, day(40)], [clear, day(50)]));
    expect(availableActions(cleared, CASEWORKER, day(51))).toContain('RecordReTraffickingRisk');
  });
});
