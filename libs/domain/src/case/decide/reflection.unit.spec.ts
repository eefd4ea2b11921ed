import { COUNTRIES, DEFAULT_POLICIES, deadlines, dueActions } from '@ariadne/domain';
import { given, history, stateOf, SYSTEM } from '../../../../../test/support/decider-spec';
import {
  CASEWORKER,
  COMM,
  COORDINATOR,
  day,
  departureSteps,
  IDENTIFY,
  opened,
  OTHER_SUPERVISOR,
  SE,
  SUPERVISOR,
} from '../../../../../test/support/fixtures';

const started = () => history([opened()], [IDENTIFY, day(1)]);

describe('R7 reflection period', () => {
  it('extends up to the policy maximum, from the start of the period', () => {
    const fi = history([opened(DEFAULT_POLICIES.FI)], [IDENTIFY, day(1)]);
    given(...fi)
      .when({ type: 'ExtendReflectionPeriod', totalPeriod: 'P6M' }, day(20))
      .then([
        {
          type: 'ReflectionPeriodExtended',
          data: {
            extendedAt: day(20),
            previousEndsAt: day(31),
            endsAt: '2026-07-06T08:00:00.000Z',
            totalPeriod: 'P6M',
          },
        },
      ]);
    given(...fi)
      .when({ type: 'ExtendReflectionPeriod', totalPeriod: 'P7M' }, day(20))
      .thenRejectedBy('R7', 'invalid');
  });

  it('is never shortened by an extension', () => {
    const extended = history(started(), [
      { type: 'ExtendReflectionPeriod', totalPeriod: 'P60D' },
      day(10),
    ]);
    given(...extended)
      .when({ type: 'ExtendReflectionPeriod', totalPeriod: 'P45D' }, day(11))
      .thenRejectedBy('R7', 'invalid');
    given(...extended)
      .when({ type: 'ExtendReflectionPeriod', totalPeriod: 'P60D' }, day(11))
      .thenRejectedBy('R7', 'invalid');
  });

  it('without a policy maximum it may be extended further', () => {
    given(...started())
      .when({ type: 'ExtendReflectionPeriod', totalPeriod: 'P90D' }, day(10))
      .thenTypes(['ReflectionPeriodExtended']);
  });

  it('the extension moves the timer and the reminder to the new end', () => {
    const extended = history(started(), [
      { type: 'ExtendReflectionPeriod', totalPeriod: 'P60D' },
      day(10),
    ]);
    const s = stateOf(extended);
    expect(dueActions(s).find((a) => a.command.type === 'EndReflectionPeriod')?.at).toBe(day(61));
    expect(deadlines(s).find((d) => d.deadline === 'reflection-end')).toMatchObject({
      dueAt: day(61),
      reminderAt: day(58),
    });
  });

  it('no return is executed during it, however ready she is', () => {
    const events = history([opened()], ...departureSteps('return'));
    given(...events)
      .when({ type: 'ExecuteReturn' }, day(30))
      .thenRejectedBy('R7');
  });

  it('no pathway decision is demanded: no deadline or timed action concerns her pathway', () => {
    const s = stateOf(started());
    expect(s.phase).toBe('reflection');
    const kinds = [
      ...deadlines(s, day(29)).map((d) => d.kind),
      ...dueActions(s).map((a) => a.command.type),
    ];
    expect(kinds.join(' ')).not.toMatch(/pathway/i);
    // She may still say what she wants; the phase stays reflection until the period ends.
    const chosen = history(started(), [
      { type: 'RecordPathwayChoice', pathway: 'integration', communication: COMM },
      day(5),
    ]);
    expect(stateOf(chosen).phase).toBe('reflection');
  });

  it.each(COUNTRIES)('%s: the default period is at least 30 days', (country) => {
    const s = stateOf(history([opened(DEFAULT_POLICIES[country])], [IDENTIFY, day(0)]));
    expect(Date.parse(s.reflection?.endsAt ?? '')).toBeGreaterThanOrEqual(Date.parse(day(30)));
  });

  it('a reminder is sent when it is ending (R7, R20)', () => {
    const s = stateOf(started());
    const reminder = deadlines(s).find((d) => d.deadline === 'reflection-end');
    expect(reminder).toMatchObject({ dueAt: day(31), reminderAt: day(28) });
    expect(reminder?.escalateAt).toBeUndefined();
  });

  it('the timer ends it, and only the timer', () => {
    given(...started())
      .when({ type: 'EndReflectionPeriod' }, day(31), SYSTEM)
      .thenTypes(['ReflectionPeriodEnded']);
    given(...started())
      .when({ type: 'EndReflectionPeriod' }, day(31), CASEWORKER)
      .thenRejectedBy('R8', 'forbidden');
  });
});

describe('R8 early end only with reasons', () => {
  it('a supervisor of the organisation ends it early for public order, the reason recorded', () => {
    given(...started())
      .when({ type: 'EndReflectionPeriodEarly', reason: 'public-order' }, day(10), SUPERVISOR)
      .then([
        {
          type: 'ReflectionPeriodEnded',
          data: { endedAt: day(10), reason: 'public-order', decidedBy: SUPERVISOR.userId },
        },
      ]);
  });

  it.each([
    ['a caseworker', CASEWORKER],
    ['a coordinator', COORDINATOR],
    ['a supervisor of another organisation', OTHER_SUPERVISOR],
    ['nobody known', undefined],
  ])('refuses %s', (_who, actor) => {
    given(...started())
      .when({ type: 'EndReflectionPeriodEarly', reason: 'improper-claim' }, day(10), actor)
      .thenRejectedBy('R8', 'forbidden');
  });

  it('refuses any other reason', () => {
    given(...started())
      .when(
        { type: 'EndReflectionPeriodEarly', reason: 'she-is-not-cooperating' as 'public-order' },
        day(10),
        SUPERVISOR,
      )
      .thenRejectedBy('R8', 'invalid');
  });

  it('the policy cannot shorten it either: a policy under 30 days is refused', () => {
    given()
      .when({
        type: 'OpenCase',
        referralSource: 'police',
        policy: { ...SE, reflection: { ...SE.reflection, period: 'P4W' } },
        organisationId: 'se-ngo-1',
        assigneeId: 'cw-1',
      })
      .thenRejectedBy('R19', 'invalid');
  });
});
