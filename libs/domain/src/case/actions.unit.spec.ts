import fc from 'fast-check';
import {
  availableActions,
  type CaseCommand,
  decide,
  isTimedCommand,
  MANUAL_COMMAND_TYPES,
  refusePartnerFact,
  TIMED_COMMANDS,
} from '@ariadne/domain';
import {
  actionJourneyArbs,
  expectActionsMatchDecide,
  NETWORK_COMMANDS,
} from '../../../../test/support/actions-check';
import { accepts, history, stateOf } from '../../../../test/support/decider-spec';
import {
  CASEWORKER,
  COMM,
  COORDINATOR,
  day,
  departureSteps,
  END_REFLECTION,
  IDENTIFY,
  opened,
  OTHER_SUPERVISOR,
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

  it('a case whose own ids match the probes’ placeholders still offers reassignment and transfer', () => {
    // The probes reassign and transfer to placeholder ids; each picks another one when the case
    // already has it, since decide refuses the case's own caseworker or organisation.
    const s = {
      ...stateOf(history([opened()], [IDENTIFY, day(1)])),
      assigneeId: 'probe-a',
      organisationId: 'probe-org',
    };
    const supervisor = { ...SUPERVISOR, organisationId: 'probe-org' };
    expect(availableActions(s, supervisor, day(2))).toEqual(
      expect.arrayContaining(['ReassignCase', 'ProposeTransfer']),
    );
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

describe('availableActions ⇔ decide, for every command a person may issue', () => {
  it('the closed case offers a supervisor the erasure on her request (P7)', () => {
    const s = stateOf(history([opened()], { type: 'CloseCase', reason: 'contact-lost' }));
    expect(availableActions(s, SUPERVISOR, day(1))).toEqual(
      expect.arrayContaining(['ReopenCase', 'EraseOnRequest']),
    );
    expect(availableActions(s, CASEWORKER, day(1))).not.toContain('EraseOnRequest');
  });

  it('lists every command type a person may issue, and no other', () => {
    const timedOrOpen = new Set<string>([...TIMED_COMMANDS, 'OpenCase']);
    expect(MANUAL_COMMAND_TYPES.filter((t) => timedOrOpen.has(t))).toEqual([]);
  });

  it('accepted ⇒ listed, and listed ⇒ accepted, for each actor, along three fixed journeys', () => {
    // One journey of each kind (random, departure, services and integration), sampled with a
    // fixed seed. The fast-check property (actions.properties.unit.spec.ts) runs many more; these
    // three reach every command type a person may issue but the erasure (the test above) and the
    // network's (below). Change the seed when journeys change.
    const seen = new Set<string>();
    for (const arb of actionJourneyArbs) {
      for (const j of fc.sample(arb, { numRuns: 1, seed: 28 })) expectActionsMatchDecide(j, seen);
    }
    expect(
      MANUAL_COMMAND_TYPES.filter((t) => !seen.has(t) && !NETWORK_COMMANDS.includes(t)),
    ).toEqual(['EraseOnRequest']);
  });

  it('R30, R31: the network commands are listed exactly when decide accepts them, for each actor', () => {
    const refused = refusePartnerFact(
      stateOf([opened()]),
      { factId: 'fact-1', factKind: 'shelter-check-in', partnerId: 'partner-se-1', rule: 'R2' },
      day(1),
    );
    const proposed = history(
      [opened(), ...refused],
      [
        { type: 'ProposeTransfer', receivingOrganisationId: 'se-shelter-2', communication: COMM },
        day(2),
        CASEWORKER,
      ],
    );
    const closed = history([opened(), ...refused], { type: 'CloseCase', reason: 'contact-lost' });
    const commands: CaseCommand[] = [
      { type: 'ResolveRefusedFact', factId: 'fact-1' },
      { type: 'ProposeTransfer', receivingOrganisationId: 'se-shelter-2', communication: COMM },
      { type: 'AnswerTransfer', response: 'declined' },
      { type: 'AnswerTransfer', response: 'accepted', assigneeId: 'cw-9' },
      { type: 'WithdrawTransfer' },
    ];
    const accepted = new Set<string>();
    for (const past of [[opened()], [opened(), ...refused], proposed, closed]) {
      const s = stateOf(past);
      for (const actor of [CASEWORKER, SUPERVISOR, OTHER_SUPERVISOR, COORDINATOR]) {
        const listed = availableActions(s, actor, day(3));
        for (const type of NETWORK_COMMANDS) {
          const yes = commands.some((c) => c.type === type && accepts(s, c, day(3), actor));
          if (yes) accepted.add(type);
          expect([type, actor.userId, listed.includes(type)]).toEqual([type, actor.userId, yes]);
        }
      }
    }
    expect([...accepted].sort()).toEqual([...NETWORK_COMMANDS].sort());
  });
});
