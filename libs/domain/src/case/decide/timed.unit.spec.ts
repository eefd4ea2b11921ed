import { given, history, SYSTEM } from '../../../../../test/support/decider-spec';
import {
  CASEWORKER,
  day,
  departureSteps,
  END_REFLECTION,
  opened,
  SUPERVISOR,
} from '../../../../../test/support/fixtures';

/**
 * R20, R21: the clock's commands (decide/timed.ts). Each records what the case timer did, only
 * as the 'system' actor, only once, never before its time, and only for a deadline still open.
 * Under SE the health-check offer (opened on day 0) is reminded on day 1 and escalated on day 3;
 * a case is stalled 30 days after its last progress.
 */
const REMIND = { type: 'SendDeadlineReminder', deadline: 'health-check-offered' } as const;
const ESCALATE = { type: 'EscalateDeadline', deadline: 'health-check-offered' } as const;
const FLAG = { type: 'FlagCaseStalled' } as const;

describe('R20 SendDeadlineReminder', () => {
  it('records the reminder to the assignee at its time, with the deadline it is about', () => {
    given(opened())
      .when(REMIND, day(1), SYSTEM)
      .then([
        {
          type: 'DeadlineReminderSent',
          data: {
            deadline: 'health-check-offered',
            kind: 'health-check-offered',
            dueAt: day(2),
            to: { role: 'assignee', userId: 'cw-1' },
            sentAt: day(1),
          },
        },
      ]);
  });

  it('is accepted without an actor (the workflow timer) but refused from a person', () => {
    expect(given(opened()).when(REMIND, day(1)).events()).toHaveLength(1);
    given(opened()).when(REMIND, day(1), CASEWORKER).thenRejectedBy('R20', 'forbidden');
    given(opened()).when(REMIND, day(1), SUPERVISOR).thenRejectedBy('R20', 'forbidden');
  });

  it('is refused before the reminder is due, naming when it is', () => {
    const e = given(opened()).when(REMIND, '2026-01-05T20:00:00.000Z', SYSTEM);
    expect(e.thenRejectedBy('R20', 'conflict').message).toBe(`The reminder is due at ${day(1)}.`);
  });

  it('is sent once', () => {
    const past = history([opened()], [REMIND, day(1), SYSTEM]);
    const e = given(...past).when(REMIND, day(2), SYSTEM);
    expect(e.thenRejectedBy('R20', 'conflict').message).toBe('The reminder was already sent.');
  });

  it('is refused for a deadline already met', () => {
    const past = history([opened()], [{ type: 'RecordHealthCheckOffered' }, day(1)]);
    const e = given(...past).when(REMIND, day(1), SYSTEM);
    expect(e.thenRejectedBy('R20', 'conflict').message).toBe(
      'The health-check-offered deadline is met.',
    );
  });

  it('is refused, as invalid input, for a deadline the case does not have', () => {
    const e = given(opened()).when(
      { type: 'SendDeadlineReminder', deadline: 'permit-expiry' },
      day(1),
      SYSTEM,
    );
    expect(e.thenRejectedBy('R20', 'invalid').message).toBe(
      'deadline names no deadline of this case.',
    );
  });
});

describe('R20 EscalateDeadline', () => {
  it('records the escalation to the case organisation’s supervisors once overdue', () => {
    given(opened())
      .when(ESCALATE, day(3), SYSTEM)
      .then([
        {
          type: 'DeadlineEscalated',
          data: {
            deadline: 'health-check-offered',
            kind: 'health-check-offered',
            dueAt: day(2),
            to: { role: 'supervisor', organisationId: 'se-ngo-1' },
            escalatedAt: day(3),
          },
        },
      ]);
  });

  it('only from the timer, not before its time, once, and only while unmet', () => {
    given(opened()).when(ESCALATE, day(3), CASEWORKER).thenRejectedBy('R20', 'forbidden');
    expect(
      given(opened()).when(ESCALATE, day(2), SYSTEM).thenRejectedBy('R20', 'conflict').message,
    ).toBe(`The escalation is due at ${day(3)}.`);
    const escalated = history([opened()], [ESCALATE, day(3), SYSTEM]);
    expect(
      given(...escalated)
        .when(ESCALATE, day(4), SYSTEM)
        .thenRejectedBy('R20').message,
    ).toBe('The deadline was already escalated.');
    const met = history([opened()], [{ type: 'RecordHealthCheckOffered' }, day(2)]);
    given(...met)
      .when(ESCALATE, day(3), SYSTEM)
      .thenRejectedBy('R20', 'conflict');
  });

  it('an escalation does not stand for the reminder, nor the reminder for it', () => {
    const escalated = history([opened()], [ESCALATE, day(3), SYSTEM]);
    expect(
      given(...escalated)
        .when(REMIND, day(3), SYSTEM)
        .events(),
    ).toHaveLength(1);
    const reminded = history([opened()], [REMIND, day(1), SYSTEM]);
    expect(
      given(...reminded)
        .when(ESCALATE, day(3), SYSTEM)
        .events(),
    ).toHaveLength(1);
  });
});

describe('R20 a deadline without that step', () => {
  it('the reflection end is reminded but never escalated: an escalation is refused', () => {
    const started = history(
      [opened()],
      [
        { type: 'RecordIdentification', outcome: 'reasonable-grounds', decidedBy: 'police' },
        day(1),
      ],
    );
    const e = given(...started)
      .when({ type: 'EscalateDeadline', deadline: 'reflection-end' }, day(40), SYSTEM)
      .thenRejectedBy('R20', 'conflict');
    expect(e.message).toBe('There is no escalation for this deadline.');
  });
});

describe('R21 FlagCaseStalled', () => {
  it('flags the case 30 days after its last progress, with the phase and since when', () => {
    given(opened())
      .when(FLAG, day(30), SYSTEM)
      .then([
        {
          type: 'CaseFlaggedStalled',
          data: { phase: 'intake', since: day(0), flaggedAt: day(30) },
        },
      ]);
  });

  it('is refused before then, naming the time it would be stalled', () => {
    const past = history([opened()], [{ type: 'RecordHealthCheckOffered' }, day(5)]);
    const e = given(...past).when(FLAG, day(30), SYSTEM);
    expect(e.thenRejectedBy('R21', 'conflict').message).toBe(
      `The case has progressed recently; stalled from ${day(35)}.`,
    );
    expect(
      given(...past)
        .when(FLAG, day(35), SYSTEM)
        .events(),
    ).toHaveLength(1);
  });

  it('only from the timer, and only once', () => {
    given(opened()).when(FLAG, day(30), SUPERVISOR).thenRejectedBy('R21', 'forbidden');
    const stalled = history([opened()], [FLAG, day(30), SYSTEM]);
    expect(
      given(...stalled)
        .when(FLAG, day(61), SYSTEM)
        .thenRejectedBy('R21', 'conflict').message,
    ).toBe('The case is already flagged stalled.');
  });

  it('is not watched in follow-up, which runs on its own schedule', () => {
    const departed = history([opened()], ...departureSteps(), END_REFLECTION, [
      { type: 'ExecuteReturn' },
      day(32),
    ]);
    const e = given(...departed).when(FLAG, day(200), SYSTEM);
    expect(e.thenRejectedBy('R21', 'conflict').message).toBe(
      'Stalls are not watched in follow-up.',
    );
  });
});
