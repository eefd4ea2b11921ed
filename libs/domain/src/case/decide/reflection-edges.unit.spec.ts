import { DEFAULT_POLICIES } from '@ariadne/domain';
import { given, history, SYSTEM } from '../../../../../test/support/decider-spec';
import {
  CASEWORKER,
  day,
  IDENTIFY,
  opened,
  SUPERVISOR,
} from '../../../../../test/support/fixtures';

/**
 * R7, R8 at their edges (decide/reflection.ts): nothing acts on a period that is not running,
 * and every refusal says why (the API answers 409/422 with the message).
 */
const started = () => history([opened()], [IDENTIFY, day(1)]);
const ended = () => history(started(), [{ type: 'EndReflectionPeriod' }, day(31), SYSTEM]);

describe('R7 only a running reflection period is extended or ended', () => {
  const commands = [
    [{ type: 'ExtendReflectionPeriod', totalPeriod: 'P60D' }, undefined],
    [{ type: 'EndReflectionPeriodEarly', reason: 'public-order' }, SUPERVISOR],
    [{ type: 'EndReflectionPeriod' }, SYSTEM],
  ] as const;

  it.each(commands)('before identification: %p is refused', (command, actor) => {
    const e = given(opened()).when(command, day(40), actor).thenRejectedBy('R7', 'conflict');
    expect(e.message).toBe('There is no running reflection period.');
  });

  it.each(commands)('after it ended: %p is refused', (command, actor) => {
    const e = given(...ended())
      .when(command, day(40), actor)
      .thenRejectedBy('R7', 'conflict');
    expect(e.message).toBe('There is no running reflection period.');
  });
});

describe('R7 an extension says what is wrong with it', () => {
  it.each([['P'], ['60 days'], [60], [undefined]])('totalPeriod %p is no duration', (total) => {
    const e = given(...started())
      .when({ type: 'ExtendReflectionPeriod', totalPeriod: total as string }, day(10))
      .thenRejectedBy('R7', 'invalid');
    expect(e.message).toBe('totalPeriod must be an ISO 8601 duration.');
  });

  it('a total that ends no later than the current end is a shortening', () => {
    const e = given(...started())
      .when({ type: 'ExtendReflectionPeriod', totalPeriod: 'P30D' }, day(10))
      .thenRejectedBy('R7', 'invalid');
    expect(e.message).toBe(
      'An extension must end later than the current end; the period is never shortened.',
    );
    // One day longer is an extension.
    given(...started())
      .when({ type: 'ExtendReflectionPeriod', totalPeriod: 'P31D' }, day(10))
      .thenTypes(['ReflectionPeriodExtended']);
  });

  it('up to the policy maximum exactly, not one second beyond, naming the maximum', () => {
    const dk = history([opened(DEFAULT_POLICIES.DK)], [IDENTIFY, day(1)]);
    const max = DEFAULT_POLICIES.DK.reflection.maxExtendedTo;
    expect(max).toBeDefined();
    given(...dk)
      .when({ type: 'ExtendReflectionPeriod', totalPeriod: max as string }, day(10))
      .thenTypes(['ReflectionPeriodExtended']);
    const e = given(...dk)
      .when({ type: 'ExtendReflectionPeriod', totalPeriod: `${max}T1S` }, day(10))
      .thenRejectedBy('R7', 'invalid');
    expect(e.message).toBe(`totalPeriod exceeds the policy's reflection.maxExtendedTo (${max}).`);
  });
});

describe('R8 an early end says who decides it and on what grounds', () => {
  it('a supervisor of the case’s organisation, for a listed reason', () => {
    const early = { type: 'EndReflectionPeriodEarly', reason: 'public-order' } as const;
    expect(
      given(...started())
        .when(early, day(5), CASEWORKER)
        .thenRejectedBy('R8', 'forbidden').message,
    ).toBe(
      "An early end of the reflection period is decided by a supervisor of the case's organisation.",
    );
    expect(
      given(...started())
        .when({ ...early, reason: 'she-is-doing-well' } as never, day(5), SUPERVISOR)
        .thenRejectedBy('R8', 'invalid').message,
    ).toMatch(/^reason must be one of: /);
  });
});

describe('R8 the timer ends the period only when its time has come', () => {
  it('refuses one second early, accepts at the end', () => {
    const e = given(...started())
      .when({ type: 'EndReflectionPeriod' }, '2026-02-05T07:59:59.000Z', SYSTEM)
      .thenRejectedBy('R8', 'conflict');
    expect(e.message).toBe(
      'The reflection period has not run its course; an early end needs a supervisor and a reason.',
    );
    given(...started())
      .when({ type: 'EndReflectionPeriod' }, day(31), SYSTEM)
      .then([{ type: 'ReflectionPeriodEnded', data: { endedAt: day(31), reason: 'elapsed' } }]);
  });
});
