import { DEFAULT_POLICIES, deadlines, dueActions } from '@ariadne/domain';
import { given, history, stateOf, SYSTEM } from '../../../../../test/support/decider-spec';
import { day, opened } from '../../../../../test/support/fixtures';

/**
 * R11, R20: a granted renewal starts a new expiry that is watched exactly like the first one —
 * reminded, escalated, and met only by the next renewal application.
 */
const FI = DEFAULT_POLICIES.FI;
const FIRST_EXPIRY = '2026-07-15T08:00:00.000Z';
const RENEWAL_APPLIED = '2026-06-01T08:00:00.000Z';
const RENEWAL_DECIDED = '2026-06-20T08:00:00.000Z';
const NEW_EXPIRY = '2027-07-15T08:00:00.000Z';

const renewed = () =>
  history(
    [opened(FI)],
    [{ type: 'ApplyForResidencePermit', ground: 'personal-situation' }, day(10)],
    [
      { type: 'RecordResidencePermitDecision', outcome: 'granted', expiresAt: FIRST_EXPIRY },
      day(15),
    ],
    [{ type: 'ApplyForResidencePermit', ground: 'personal-situation' }, RENEWAL_APPLIED],
    [
      { type: 'RecordResidencePermitDecision', outcome: 'granted', expiresAt: NEW_EXPIRY },
      RENEWAL_DECIDED,
    ],
  );

const permitExpiry = (events: ReturnType<typeof history>, now?: string) =>
  deadlines(stateOf(events), now).find((d) => d.kind === 'permit-expiry');

describe('R11 a granted renewal', () => {
  it('starts a new expiry that is pending, not already met', () => {
    const expiry = permitExpiry(renewed(), '2026-06-21T08:00:00.000Z');
    expect(expiry).toMatchObject({
      deadline: 'permit-expiry',
      from: RENEWAL_DECIDED,
      dueAt: NEW_EXPIRY,
      status: 'pending',
      reminderAt: '2027-05-15T08:00:00.000Z',
      escalateAt: '2027-07-16T08:00:00.000Z',
    });
    expect(expiry?.metAt).toBeUndefined();
    expect(stateOf(renewed()).permit).toMatchObject({ status: 'granted', expiresAt: NEW_EXPIRY });
    // Unrenewed, it is overdue the day after.
    expect(permitExpiry(renewed(), '2027-07-16T08:00:00.000Z')?.status).toBe('overdue');
  });

  it('puts the reminder and the escalation of the new expiry on the case clock', () => {
    const due = dueActions(stateOf(renewed())).filter(
      (a) => 'deadline' in a.command && a.command.deadline === 'permit-expiry',
    );
    expect(due).toEqual([
      {
        at: '2027-05-15T08:00:00.000Z',
        command: { type: 'SendDeadlineReminder', deadline: 'permit-expiry' },
      },
      {
        at: '2027-07-16T08:00:00.000Z',
        command: { type: 'EscalateDeadline', deadline: 'permit-expiry' },
      },
    ]);
  });

  it('is reminded to the assignee and escalated to the supervisors when it falls due', () => {
    const events = renewed();
    given(...events)
      .when(
        { type: 'SendDeadlineReminder', deadline: 'permit-expiry' },
        '2027-05-15T08:00:00.000Z',
        SYSTEM,
      )
      .thenTypes(['DeadlineReminderSent']);
    const reminded = history(events, [
      { type: 'SendDeadlineReminder', deadline: 'permit-expiry' },
      '2027-05-15T08:00:00.000Z',
      SYSTEM,
    ]);
    expect(reminded.at(-1)).toMatchObject({ data: { dueAt: NEW_EXPIRY } });
    given(...reminded)
      .when(
        { type: 'EscalateDeadline', deadline: 'permit-expiry' },
        '2027-07-16T08:00:00.000Z',
        SYSTEM,
      )
      .thenTypes(['DeadlineEscalated']);
  });

  it('can be renewed again, and that application meets the new expiry', () => {
    const again = history(renewed(), [
      { type: 'ApplyForResidencePermit', ground: 'personal-situation' },
      '2027-05-20T08:00:00.000Z',
    ]);
    expect(again.at(-1)).toMatchObject({
      type: 'ResidencePermitApplied',
      data: { renewal: true, appliedAt: '2027-05-20T08:00:00.000Z' },
    });
    expect(permitExpiry(again)).toMatchObject({
      dueAt: NEW_EXPIRY,
      status: 'met',
      metAt: '2027-05-20T08:00:00.000Z',
    });
  });

  it('a refused renewal leaves no expiry to watch', () => {
    const refused = history(
      [opened(FI)],
      [{ type: 'ApplyForResidencePermit', ground: 'personal-situation' }, day(10)],
      [
        { type: 'RecordResidencePermitDecision', outcome: 'granted', expiresAt: FIRST_EXPIRY },
        day(15),
      ],
      [{ type: 'ApplyForResidencePermit', ground: 'personal-situation' }, RENEWAL_APPLIED],
      [{ type: 'RecordResidencePermitDecision', outcome: 'refused' }, RENEWAL_DECIDED],
    );
    expect(stateOf(refused).permit).toMatchObject({
      status: 'refused',
      decidedAt: RENEWAL_DECIDED,
    });
    expect(permitExpiry(refused)).toBeUndefined();
  });
});
