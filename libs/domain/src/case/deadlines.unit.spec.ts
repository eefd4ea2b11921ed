import { DEFAULT_POLICIES, type Deadline, deadlines, reminderTime } from '@ariadne/domain';
import { history, stateOf } from '../../../../test/support/decider-spec';
import {
  COMM,
  day,
  departureSteps,
  END_REFLECTION,
  IDENTIFY,
  opened,
  OPENED_AT,
} from '../../../../test/support/fixtures';

const byKey = (list: Deadline[]) => Object.fromEntries(list.map((d) => [d.deadline, d]));

describe('R19 deadlines from the country policy', () => {
  it('at opening (SE): identification, rights information, health check, risk assessment', () => {
    const list = deadlines(stateOf([opened()]), OPENED_AT);
    expect(list.map((d) => [d.deadline, d.rule, d.dueAt, d.status])).toEqual([
      ['health-check-offered', 'R4', day(2), 'pending'],
      ['risk-assessment', 'R9', day(2), 'pending'],
      ['rights-information', 'R10', day(3), 'pending'],
      ['identification-decision', 'R1', day(14), 'pending'],
    ]);
  });

  it('pending, then overdue after the due date, met once done (late counts as met)', () => {
    const s = stateOf([opened()]);
    expect(byKey(deadlines(s, day(3)))['rights-information']?.status).toBe('pending');
    expect(byKey(deadlines(s, '2026-01-08T08:00:00.001Z'))['rights-information']?.status).toBe(
      'overdue',
    );
    const done = history(
      [opened()],
      [{ type: 'RecordRightsInformation', topics: ['victim-rights'], communication: COMM }, day(5)],
    );
    expect(byKey(deadlines(stateOf(done), day(5)))['rights-information']).toMatchObject({
      status: 'met',
      metAt: day(5),
    });
  });

  it('R4: the health check counts as offered at the earlier of the offer and a health-care request', () => {
    const healthCare = { type: 'RequestService', kind: 'health-care', basis: 'plan' } as const;
    const offer = { type: 'RecordHealthCheckOffered' } as const;
    const requestFirst = history([opened()], [healthCare, day(1)], [offer, day(2)]);
    const offerFirst = history([opened()], [offer, day(1)], [healthCare, day(2)]);
    // Only one of them, and a request of another kind before it.
    const requestOnly = history([opened()], [healthCare, day(1)]);
    const offerOnly = history([opened()], [offer, day(1)]);
    const shelterFirst = history(
      [opened()],
      [{ type: 'RequestService', kind: 'shelter', basis: 'immediate' }, day(0)],
      [healthCare, day(1)],
    );
    for (const past of [requestFirst, offerFirst, requestOnly, offerOnly, shelterFirst]) {
      expect(byKey(deadlines(stateOf(past), day(3)))['health-check-offered']).toMatchObject({
        status: 'met',
        metAt: day(1),
      });
    }
  });

  it('SE, 30 days: reflection ends on day 31 for a decision on day 1; needs assessed within 21 days', () => {
    const s = stateOf(history([opened()], [IDENTIFY, day(1)]));
    const d = byKey(deadlines(s, day(1)));
    expect(d['reflection-end']).toMatchObject({ dueAt: day(31), reminderAt: day(28), rule: 'R7' });
    expect(d['needs-assessment']).toMatchObject({
      dueAt: day(22),
      reminderAt: day(19),
      escalateAt: day(23),
    });
    expect(d['identification-decision']?.status).toBe('met');
  });

  it('NO, 6 months: the reflection end and its reminder fall on calendar months', () => {
    const s = stateOf(
      history(
        [opened(DEFAULT_POLICIES.NO, '2026-08-31T10:00:00.000Z')],
        [IDENTIFY, '2026-08-31T10:00:00.000Z'],
      ),
    );
    expect(byKey(deadlines(s, '2026-09-01T00:00:00.000Z'))['reflection-end']).toMatchObject({
      dueAt: '2027-02-28T10:00:00.000Z',
      reminderAt: '2027-02-25T10:00:00.000Z',
      status: 'pending',
    });
  });

  it('IS, 9 months: pending for nine months, met when the timer ends it', () => {
    const events = history([opened(DEFAULT_POLICIES.IS)], [IDENTIFY, OPENED_AT]);
    const s = stateOf(events);
    const end = byKey(deadlines(s, '2026-10-01T00:00:00.000Z'))['reflection-end'];
    expect(end).toMatchObject({ dueAt: '2026-10-05T08:00:00.000Z', status: 'pending' });
    const ended = history(events, [{ type: 'EndReflectionPeriod' }, '2026-10-05T08:00:00.000Z']);
    expect(byKey(deadlines(stateOf(ended)))['reflection-end']?.status).toBe('met');
  });

  it('R17: after return only the follow-ups remain, at 1, 3, 6 and 12 months', () => {
    const departed = history([opened()], ...departureSteps('return'), END_REFLECTION, [
      { type: 'ExecuteReturn' },
      day(32),
    ]);
    const list = deadlines(stateOf(departed), day(32));
    expect(list.map((d) => [d.deadline, d.dueAt])).toEqual([
      ['follow-up-1', '2026-03-06T08:00:00.000Z'],
      ['follow-up-2', '2026-05-06T08:00:00.000Z'],
      ['follow-up-3', '2026-08-06T08:00:00.000Z'],
      ['follow-up-4', '2027-02-06T08:00:00.000Z'],
    ]);
    const first = history(departed, [
      { type: 'RecordFollowUp', contact: 'reached' },
      '2026-03-04T08:00:00.000Z',
    ]);
    expect(byKey(deadlines(stateOf(first)))['follow-up-1']?.status).toBe('met');
    expect(byKey(deadlines(stateOf(first)))['follow-up-2']?.status).toBe('pending');
  });

  it('a closed case has no deadlines', () => {
    const closed = history([opened()], { type: 'CloseCase', reason: 'contact-lost' });
    expect(deadlines(stateOf(closed))).toEqual([]);
  });
});

describe('R20 reminder and escalation times', () => {
  it('the reminder comes reminderBefore ahead, the escalation escalateAfter behind', () => {
    const d = byKey(deadlines(stateOf([opened()])))['identification-decision'];
    expect(d).toMatchObject({ dueAt: day(14), reminderAt: day(11), escalateAt: day(15) });
  });

  it('never in the first half of a short window: a 2-day deadline is reminded after one day', () => {
    const d = byKey(deadlines(stateOf([opened()])))['health-check-offered'];
    expect(d).toMatchObject({ dueAt: day(2), reminderAt: day(1), escalateAt: day(3) });
    expect(reminderTime(OPENED_AT, day(3), 'P3D')).toBe('2026-01-06T20:00:00.000Z');
  });

  it('no reminder when the lead leaves no time before the due date', () => {
    expect(reminderTime(OPENED_AT, day(2), 'PT0S')).toBeUndefined();
  });
});
