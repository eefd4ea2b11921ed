import { DEFAULT_POLICIES, dueActions, nextDueAction } from '@ariadne/domain';
import { given, history, simulate, stateOf, SYSTEM } from '../../../../test/support/decider-spec';
import {
  CASEWORKER,
  COMM,
  day,
  departureSteps,
  END_REFLECTION,
  IDENTIFY,
  opened,
  SUPERVISOR,
  testPolicy,
} from '../../../../test/support/fixtures';

/** Lets the case's clock run until `until`, with nothing else happening. */
const idle = (past: Parameters<typeof simulate>[0], until: string) =>
  simulate(past, [{ command: { type: 'RecordHealthCheckOffered' }, at: until }]);

describe('nextDueAction: the earliest time-driven action of every kind', () => {
  it('at opening (SE): the health-check reminder after one day, not at once', () => {
    expect(nextDueAction(stateOf([opened()]))).toEqual({
      at: day(1),
      command: { type: 'SendDeadlineReminder', deadline: 'health-check-offered' },
    });
  });

  it('lists reminders, escalations, the reflection end and the stall watch, earliest first', () => {
    const s = stateOf(history([opened()], [IDENTIFY, day(1)]));
    const actions = dueActions(s).map((a) => [
      a.at,
      a.command.type,
      'deadline' in a.command ? a.command.deadline : '',
    ]);
    expect(actions).toEqual([
      [day(1), 'SendDeadlineReminder', 'health-check-offered'],
      [day(1), 'SendDeadlineReminder', 'risk-assessment'],
      ['2026-01-06T20:00:00.000Z', 'SendDeadlineReminder', 'rights-information'],
      [day(3), 'EscalateDeadline', 'health-check-offered'],
      [day(3), 'EscalateDeadline', 'risk-assessment'],
      [day(4), 'EscalateDeadline', 'rights-information'],
      [day(19), 'SendDeadlineReminder', 'needs-assessment'],
      [day(23), 'EscalateDeadline', 'needs-assessment'],
      [day(28), 'SendDeadlineReminder', 'reflection-end'],
      [day(31), 'EndReflectionPeriod', ''],
      [day(31), 'FlagCaseStalled', ''],
      // R28: the conclusive decision, P90D from reasonable grounds (reminded P3D before, escalated P1D after).
      ['2026-04-03T08:00:00.000Z', 'SendDeadlineReminder', 'conclusive-identification'],
      ['2026-04-07T08:00:00.000Z', 'EscalateDeadline', 'conclusive-identification'],
    ]);
  });

  it('a short test policy has only the reflection timer before it ends (workflow tests)', () => {
    const events = history([opened(testPolicy('PT4S'))], [IDENTIFY, day(0)]);
    expect(nextDueAction(stateOf(events))).toEqual({
      at: '2026-01-05T08:00:04.000Z',
      command: { type: 'EndReflectionPeriod' },
    });
  });

  it('a closed case waits only for erasure', () => {
    const closed = history([opened()], { type: 'CloseCase', reason: 'support-completed' });
    expect(dueActions(stateOf(closed)).map((a) => a.command.type)).toEqual(['ErasePersonalData']);
  });
});

describe('R20 reminders and escalations are recorded facts, each once', () => {
  it('over 40 idle days every unmet deadline is reminded once and escalated once', () => {
    const { log } = idle([opened(DEFAULT_POLICIES.SE)], day(40));
    const notices = log
      .filter((e) => e.type === 'DeadlineReminderSent' || e.type === 'DeadlineEscalated')
      .map((e) => `${e.type} ${'deadline' in e.data ? e.data.deadline : ''}`);
    expect(notices).toEqual([
      'DeadlineReminderSent health-check-offered',
      'DeadlineReminderSent risk-assessment',
      'DeadlineReminderSent rights-information',
      'DeadlineEscalated health-check-offered',
      'DeadlineEscalated risk-assessment',
      'DeadlineEscalated rights-information',
      'DeadlineReminderSent identification-decision',
      'DeadlineEscalated identification-decision',
    ]);
  });

  it('a reminder goes to the assignee; an escalation to the organisation’s supervisors', () => {
    given(opened())
      .when({ type: 'SendDeadlineReminder', deadline: 'identification-decision' }, day(11), SYSTEM)
      .then([
        {
          type: 'DeadlineReminderSent',
          data: {
            deadline: 'identification-decision',
            kind: 'identification-decision',
            dueAt: day(14),
            to: { role: 'assignee', userId: 'cw-1' },
            sentAt: day(11),
          },
        },
      ]);
    given(opened())
      .when({ type: 'EscalateDeadline', deadline: 'identification-decision' }, day(15), SYSTEM)
      .then([
        {
          type: 'DeadlineEscalated',
          data: {
            deadline: 'identification-decision',
            kind: 'identification-decision',
            dueAt: day(14),
            to: { role: 'supervisor', organisationId: 'se-ngo-1' },
            escalatedAt: day(15),
          },
        },
      ]);
  });

  it('not before its time, not twice, not for a met deadline, and only by the clock', () => {
    const reminder = { type: 'SendDeadlineReminder', deadline: 'identification-decision' } as const;
    given(opened()).when(reminder, '2026-01-16T07:59:59.999Z', SYSTEM).thenRejectedBy('R20');
    const sent = history([opened()], [reminder, day(11), SYSTEM]);
    given(...sent)
      .when(reminder, day(12), SYSTEM)
      .thenRejectedBy('R20');
    const met = history([opened()], [IDENTIFY, day(2)]);
    given(...met)
      .when(reminder, day(11), SYSTEM)
      .thenRejectedBy('R20');
    given(opened()).when(reminder, day(11), SUPERVISOR).thenRejectedBy('R20', 'forbidden');
    given(opened())
      .when({ type: 'EscalateDeadline', deadline: 'identification-decision' }, day(14), SYSTEM)
      .thenRejectedBy('R20');
  });

  it('a deadline that moves is reminded again at its new date (an extended reflection)', () => {
    const events = history(
      [opened()],
      [IDENTIFY, day(1)],
      [{ type: 'SendDeadlineReminder', deadline: 'reflection-end' }, day(28), SYSTEM],
      [{ type: 'ExtendReflectionPeriod', totalPeriod: 'P60D' }, day(29)],
    );
    expect(dueActions(stateOf(events))).toContainEqual({
      at: day(58),
      command: { type: 'SendDeadlineReminder', deadline: 'reflection-end' },
    });
  });
});

describe('R21 stalled cases', () => {
  it('no progress for stalledAfter in the current phase flags the case', () => {
    given(opened())
      .when({ type: 'FlagCaseStalled' }, day(30), SYSTEM)
      .then([
        {
          type: 'CaseFlaggedStalled',
          data: { phase: 'intake', since: day(0), flaggedAt: day(30) },
        },
      ]);
    given(opened())
      .when({ type: 'FlagCaseStalled' }, '2026-02-04T07:59:59.999Z', SYSTEM)
      .thenRejectedBy('R21');
  });

  it('reminders, escalations, legal steps and reassignment are not progress', () => {
    const { log, state } = simulate(
      [opened()],
      [
        { command: { type: 'RecordLegalStep', step: 'police-report-filed' }, at: day(20) },
        {
          command: { type: 'ReassignCase', assigneeId: 'cw-2', reason: 'workload' },
          at: day(25),
          actor: SUPERVISOR,
        },
        { command: { type: 'RecordLegalStep', step: 'investigation-opened' }, at: day(31) },
      ],
    );
    expect(log.map((e) => e.type)).toContain('CaseFlaggedStalled');
    expect(state.status !== 'none' && state.stalled).toEqual({ since: day(0), flaggedAt: day(30) });
  });

  it('the next progress clears it, recorded in the same decision', () => {
    const stalled = history([opened()], [{ type: 'FlagCaseStalled' }, day(30), SYSTEM]);
    given(...stalled)
      .when({ type: 'RecordHealthCheckOffered' }, day(31), CASEWORKER)
      .then([
        { type: 'HealthCheckOffered', data: { offeredAt: day(31) } },
        { type: 'CaseStallCleared', data: { clearedAt: day(31) } },
      ]);
    given(...stalled)
      .when({ type: 'RecordLegalStep', step: 'police-report-filed' }, day(31))
      .thenTypes(['LegalStepRecorded']);
    const cleared = history(stalled, [{ type: 'RecordHealthCheckOffered' }, day(31)]);
    expect(stateOf(cleared).stalled).toBeUndefined();
    expect(nextDueAction(stateOf(cleared))?.command).not.toEqual({ type: 'FlagCaseStalled' });
    expect(dueActions(stateOf(cleared))).toContainEqual({
      at: day(61),
      command: { type: 'FlagCaseStalled' },
    });
  });

  it('follow-up after return runs on its own schedule: no stall watch there', () => {
    const departed = history([opened()], ...departureSteps('return'), END_REFLECTION, [
      { type: 'ExecuteReturn' },
      day(32),
    ]);
    expect(dueActions(stateOf(departed)).map((a) => a.command.type)).not.toContain(
      'FlagCaseStalled',
    );
    given(...departed)
      .when({ type: 'FlagCaseStalled' }, day(200), SYSTEM)
      .thenRejectedBy('R21');
  });

  it('a pathway choice is progress, and moves the phase', () => {
    const events = history([opened()], [IDENTIFY, day(1)], END_REFLECTION, [
      { type: 'RecordPathwayChoice', pathway: 'integration', communication: COMM },
      day(40),
    ]);
    expect(stateOf(events)).toMatchObject({ phase: 'integration', lastProgressAt: day(40) });
  });
});
