import { availableActions, decide, isTimedCommand, TIMED_COMMANDS } from '@ariadne/domain';
import { history, stateOf } from '../../../../test/support/decider-spec';
import {
  CASEWORKER,
  COORDINATOR,
  day,
  departureSteps,
  END_REFLECTION,
  IDENTIFY,
  opened,
  SUPERVISOR,
} from '../../../../test/support/fixtures';

describe('availableActions', () => {
  it('before a case exists, only opening it', () => {
    expect(availableActions({ status: 'none', version: 0 })).toEqual(['OpenCase']);
  });

  it('a fresh case: help, identification, her decisions; no departure, no early end', () => {
    const actions = availableActions(stateOf([opened()]), CASEWORKER, day(0));
    expect(actions).toEqual(
      expect.arrayContaining([
        'RequestService',
        'RecordImmediateNeed',
        'RecordIdentification',
        'RecordRightsInformation',
        'RecordPathwayChoice',
        'GiveConsent',
        'RecordLegalStep',
        'CloseCase',
      ]),
    );
    for (const absent of [
      'ExecuteReturn',
      'EndReflectionPeriodEarly',
      'ReassignCase',
      'ReopenCase',
    ]) {
      expect(actions).not.toContain(absent);
    }
  });

  it('never lists the case’s own timed commands', () => {
    const s = stateOf(history([opened()], [IDENTIFY, day(1)]));
    for (const actor of [CASEWORKER, SUPERVISOR, undefined]) {
      expect(availableActions(s, actor, day(60)).filter(isTimedCommand)).toEqual([]);
    }
    expect(TIMED_COMMANDS).toContain('EndReflectionPeriod');
  });

  it('depends on the actor: a supervisor may end reflection early and reassign', () => {
    const s = stateOf(history([opened()], [IDENTIFY, day(1)]));
    expect(availableActions(s, SUPERVISOR, day(2))).toEqual(
      expect.arrayContaining(['EndReflectionPeriodEarly', 'ReassignCase']),
    );
    expect(availableActions(s, CASEWORKER, day(2))).not.toContain('EndReflectionPeriodEarly');
    expect(availableActions(s, COORDINATOR, day(2))).not.toContain('RecordPathwayChoice');
  });

  it('lists ExecuteReturn exactly when the gate holds at that time', () => {
    const s = stateOf(history([opened()], ...departureSteps('return'), END_REFLECTION));
    expect(availableActions(s, CASEWORKER, day(32))).toContain('ExecuteReturn');
    expect(availableActions(s, CASEWORKER, day(60))).not.toContain('ExecuteReturn');
  });

  it('a closed case: only reopening', () => {
    const s = stateOf(history([opened()], { type: 'CloseCase', reason: 'contact-lost' }));
    expect(availableActions(s, CASEWORKER, day(1))).toEqual(['ReopenCase']);
  });

  it('is honest: RequestService listed means a health-care request is accepted', () => {
    const s = stateOf([opened()]);
    expect(availableActions(s, CASEWORKER, day(0))).toContain('RequestService');
    expect(() =>
      decide(s, { type: 'RequestService', kind: 'health-care', basis: 'plan' }, { now: day(0) }),
    ).not.toThrow();
  });
});
