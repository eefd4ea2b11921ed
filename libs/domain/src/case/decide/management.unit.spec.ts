import { dueActions, isProgress, LEGAL_STEPS, withoutPersonal } from '@ariadne/domain';
import { given, history, stateOf, SYSTEM } from '../../../../../test/support/decider-spec';
import {
  CASEWORKER,
  COMM,
  day,
  departureSteps,
  END_REFLECTION,
  IDENTIFY,
  opened,
  OTHER_SUPERVISOR,
  SE,
  SUPERVISOR,
} from '../../../../../test/support/fixtures';

describe('R3 no conditionality', () => {
  const refusedEverything = () =>
    history(
      [opened()],
      { type: 'RecordLegalStep', step: 'police-report-declined' },
      { type: 'RecordLegalStep', step: 'witness-role-declined' },
      { type: 'RecordLegalStep', step: 'investigation-closed' },
    );

  it('a woman who will not report or testify gets the same services', () => {
    for (const past of [[opened()], refusedEverything()]) {
      given(...past)
        .when({ type: 'RequestService', kind: 'shelter', basis: 'immediate' }, day(1))
        .then([
          {
            type: 'ServiceRequested',
            data: {
              serviceId: 'service-1',
              kind: 'shelter',
              basis: 'immediate',
              requestedAt: day(1),
            },
          },
        ]);
    }
  });

  it('the legal track leaves the journey’s state untouched', () => {
    const withLegal = { ...stateOf(refusedEverything()), version: 0 };
    const without = { ...stateOf([opened()]), version: 0 };
    expect(withLegal).toEqual(without);
  });

  it('a departure is decided the same with or without any legal proceedings', () => {
    const ready = history([opened()], ...departureSteps('return'), END_REFLECTION);
    const withLegal = history(
      ready,
      { type: 'RecordLegalStep', step: 'prosecution-started' },
      { type: 'RecordLegalStep', step: 'witness-role-accepted' },
    );
    expect(
      given(...withLegal)
        .when({ type: 'ExecuteReturn' }, day(32))
        .events(),
    ).toEqual(
      given(...ready)
        .when({ type: 'ExecuteReturn' }, day(32))
        .events(),
    );
  });

  it.each(LEGAL_STEPS)('the legal step %s is recordable in any phase of an open case', (step) => {
    for (const past of [[opened()], history([opened()], [IDENTIFY, day(1)])]) {
      given(...past)
        .when({ type: 'RecordLegalStep', step }, day(2))
        .thenTypes(['LegalStepRecorded']);
    }
  });
});

describe('R22 one responsible caseworker', () => {
  it('a supervisor of the organisation reassigns, with a reason', () => {
    given(opened())
      .when(
        { type: 'ReassignCase', assigneeId: 'cw-2', reason: 'caseworker-unavailable' },
        day(5),
        SUPERVISOR,
      )
      .then([
        {
          type: 'CaseReassigned',
          data: {
            previousAssigneeId: 'cw-1',
            assigneeId: 'cw-2',
            reason: 'caseworker-unavailable',
            decidedBy: 'sup-1',
            reassignedAt: day(5),
          },
        },
      ]);
  });

  it('a caseworker, another organisation’s supervisor or an unknown actor cannot', () => {
    for (const actor of [CASEWORKER, OTHER_SUPERVISOR, undefined]) {
      given(opened())
        .when({ type: 'ReassignCase', assigneeId: 'cw-2', reason: 'workload' }, day(5), actor)
        .thenRejectedBy('R22', 'forbidden');
    }
  });

  it('never orphaned: no empty assignee, and no reassignment to the same person', () => {
    given(opened())
      .when({ type: 'ReassignCase', assigneeId: '', reason: 'workload' }, day(5), SUPERVISOR)
      .thenRejectedBy('R22', 'invalid');
    given(opened())
      .when({ type: 'ReassignCase', assigneeId: 'cw-1', reason: 'workload' }, day(5), SUPERVISOR)
      .thenRejectedBy('R22');
  });

  it('reminders go to the new assignee', () => {
    const events = history(
      [opened()],
      [{ type: 'ReassignCase', assigneeId: 'cw-2', reason: 'workload' }, day(0), SUPERVISOR],
    );
    const reminder = dueActions(stateOf(events)).find(
      (a) => a.command.type === 'SendDeadlineReminder',
    );
    expect(reminder).toBeDefined();
    const [sent] = given(...events)
      .when(reminder!.command, reminder!.at, SYSTEM)
      .events();
    expect(sent).toMatchObject({ data: { to: { role: 'assignee', userId: 'cw-2' } } });
  });
});

describe('R23 closure and retention', () => {
  it('closure needs a reason and sets when her personal data is erased', () => {
    given(opened())
      .when({ type: 'CloseCase', reason: 'support-completed' }, day(100))
      .then([
        {
          type: 'CaseClosed',
          data: {
            reason: 'support-completed',
            closedAt: day(100),
            erasureDueAt: '2031-04-15T08:00:00.000Z',
          },
        },
      ]);
    given(opened())
      .when({ type: 'CloseCase' } as never, day(100))
      .thenRejectedBy('R23', 'invalid');
  });

  it('a closed case takes nothing but a reopening', () => {
    const closed = history([opened()], [{ type: 'CloseCase', reason: 'contact-lost' }, day(10)]);
    given(...closed)
      .when({ type: 'RequestService', kind: 'health-care', basis: 'immediate' }, day(11))
      .thenRejectedBy('R23');
    const reopened = history(closed, [
      { type: 'ReopenCase', reason: 'she-asked-for-support' },
      day(20),
    ]);
    const s = stateOf(reopened);
    expect(s.status).toBe('open');
    expect(s.assigneeId).toBe('cw-1');
    given(...reopened)
      .when({ type: 'RequestService', kind: 'health-care', basis: 'immediate' }, day(21))
      .thenTypes(['ServiceRequested']);
    given(opened()).when({ type: 'ReopenCase', reason: 'new-information' }).thenRejectedBy('R23');
  });

  it('erasure falls due after the retention period, by the timer only, once', () => {
    const closed = history(
      [opened()],
      [{ type: 'CloseCase', reason: 'support-completed' }, day(100)],
    );
    expect(dueActions(stateOf(closed))).toEqual([
      { at: '2031-04-15T08:00:00.000Z', command: { type: 'ErasePersonalData' } },
    ]);
    given(...closed)
      .when({ type: 'ErasePersonalData' }, '2031-04-15T07:59:59.999Z', SYSTEM)
      .thenRejectedBy('R23');
    given(...closed)
      .when({ type: 'ErasePersonalData' }, '2031-04-15T08:00:00.000Z', CASEWORKER)
      .thenRejectedBy('R23', 'forbidden');
    const erased = history(closed, [
      { type: 'ErasePersonalData' },
      '2031-04-15T08:00:00.000Z',
      SYSTEM,
    ]);
    expect(erased.at(-1)).toEqual({
      type: 'PersonalDataErased',
      data: {
        erasedAt: '2031-04-15T08:00:00.000Z',
        categories: [
          'identity',
          'contact-location',
          'health',
          'legal',
          'immigration',
          'return',
          'notes',
        ],
      },
    });
    expect(dueActions(stateOf(erased))).toEqual([]);
    given(...erased)
      .when({ type: 'ReopenCase', reason: 'new-information' }, '2031-05-01T00:00:00.000Z')
      .thenRejectedBy('R23');
  });

  it('anonymised facts survive erasure: the log without personal data gives the same state', () => {
    const events = history(
      [opened()],
      { type: 'RecordPersonDetails', personal: { identity: { givenName: 'A.' } } },
      { type: 'RecordPathwayChoice', pathway: 'integration', communication: COMM },
      [{ type: 'CloseCase', reason: 'support-completed' }, day(100)],
    );
    const erased = events.map(withoutPersonal);
    expect(JSON.stringify(erased)).not.toContain('A.');
    expect(JSON.stringify(erased)).not.toContain('"ro"');
    expect(stateOf(erased)).toEqual(stateOf(events));
    expect(stateOf(erased)).toMatchObject({
      pathway: 'integration',
      referralSource: 'ngo-outreach',
    });
  });

  it('retention follows the policy', () => {
    const short = { ...SE, retentionAfterClosure: 'P2Y' };
    const closed = history([opened(short)], [{ type: 'CloseCase', reason: 'transferred' }, day(0)]);
    expect(stateOf(closed).closure?.erasureDueAt).toBe('2028-01-05T08:00:00.000Z');
  });
});

describe('P7 erasure on her request (GDPR 17)', () => {
  const closed = (): ReturnType<typeof history> =>
    history(
      [opened()],
      { type: 'RecordPersonDetails', personal: { identity: { givenName: 'A.' } } },
      [{ type: 'CloseCase', reason: 'support-completed' }, day(100)],
    );
  const erase = { type: 'EraseOnRequest', communication: COMM } as const;

  it('a supervisor of the organisation erases a closed case at once, before retention ends', () => {
    given(...closed())
      .when(erase, day(101), SUPERVISOR)
      .then([
        {
          type: 'PersonalDataErased',
          data: {
            erasedAt: day(101),
            categories: [
              'identity',
              'contact-location',
              'health',
              'legal',
              'immigration',
              'return',
              'notes',
            ],
            reason: 'her-request',
            erasedBy: SUPERVISOR.userId,
            interpreterUsed: true,
            personal: { identity: { language: 'ro' } },
          },
        },
      ]);
    const erased = history(closed(), [erase, day(101), SUPERVISOR]);
    expect(stateOf(erased).erasedAt).toBe(day(101));
    // Final: the retention timer has nothing left to do, and nothing else is accepted.
    expect(dueActions(stateOf(erased))).toEqual([]);
    given(...erased)
      .when({ type: 'ReopenCase', reason: 'new-information' }, day(102))
      .thenRejectedBy('R23');
  });

  it('a caseworker, another organisation’s supervisor or an unknown actor cannot (P7)', () => {
    for (const actor of [CASEWORKER, OTHER_SUPERVISOR, undefined]) {
      given(...closed())
        .when(erase, day(101), actor)
        .thenRejectedBy('P7', 'forbidden');
    }
  });

  it('an open case is closed first, with a reason (R23 conflict)', () => {
    given(opened()).when(erase, day(1), SUPERVISOR).thenRejectedBy('R23', 'conflict');
  });

  it('twice is refused: the case is final once erased (R23 conflict)', () => {
    const erased = history(closed(), [erase, day(101), SUPERVISOR]);
    given(...erased)
      .when(erase, day(102), SUPERVISOR)
      .thenRejectedBy('R23', 'conflict');
    const byTimer = history(closed(), [
      { type: 'ErasePersonalData' },
      '2031-04-15T08:00:00.000Z',
      SYSTEM,
    ]);
    given(...byTimer)
      .when(erase, '2031-04-16T08:00:00.000Z', SUPERVISOR)
      .thenRejectedBy('R23', 'conflict');
  });

  it('her request is recorded with her language and the interpreter noted', () => {
    given(...closed())
      .when({ type: 'EraseOnRequest' } as never, day(101), SUPERVISOR)
      .thenRejectedBy('P7', 'invalid');
  });
});

describe('case notes (AddNote, P2)', () => {
  it('records the note as personal data under personal.notes; nothing of it reaches the state', () => {
    const note = { notes: { text: 'She asked to be called after 18:00.' } };
    const when = given(opened()).when({ type: 'AddNote', personal: note }, day(2));
    when.then([{ type: 'NoteAdded', data: { addedAt: day(2), personal: note } }]);
    expect(when.state()).toEqual({ ...stateOf([opened()]), version: 2, updatedAt: day(2) });
  });

  it('refuses a note without text (P2, invalid)', () => {
    given(opened())
      .when({ type: 'AddNote', personal: { notes: { text: '  ' } } })
      .thenRejectedBy('P2', 'invalid');
  });

  it('a note is not progress (R21): it neither clears a stall nor moves lastProgressAt', () => {
    const note = { type: 'NoteAdded', data: { addedAt: day(2), personal: {} } } as const;
    expect(isProgress(note)).toBe(false);
    expect(stateOf([opened(), note]).lastProgressAt).toBe(stateOf([opened()]).lastProgressAt);
  });
});
