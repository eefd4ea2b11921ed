import { RuleViolation } from '../../errors';
import { addDuration, isAtOrAfter, isDuration } from '../../policy/duration';
import type { OpenCaseState, ReflectionState } from '../state';
import { EARLY_END_REASONS } from '../types';
import { type Deciders, requireOneOf, requireSupervisor, requireSystem } from './context';

function running(s: OpenCaseState): ReflectionState {
  const r = s.reflection;
  if (!r || r.endedAt) {
    throw new RuleViolation('R7', 'There is no running reflection period.');
  }
  return r;
}

export const reflectionDeciders: Deciders<
  'ExtendReflectionPeriod' | 'EndReflectionPeriodEarly' | 'EndReflectionPeriod'
> = {
  /** R7: extendable up to the policy's maximum, never shortened. */
  ExtendReflectionPeriod: (s, c, ctx) => {
    const r = running(s);
    if (typeof c.totalPeriod !== 'string' || !isDuration(c.totalPeriod)) {
      throw new RuleViolation('R7', 'totalPeriod must be an ISO 8601 duration.', 'invalid');
    }
    const endsAt = addDuration(r.startedAt, c.totalPeriod);
    if (isAtOrAfter(r.endsAt, endsAt)) {
      throw new RuleViolation(
        'R7',
        'An extension must end later than the current end; the period is never shortened.',
        'invalid',
      );
    }
    const max = s.policy.reflection.maxExtendedTo;
    if (max && !isAtOrAfter(addDuration(r.startedAt, max), endsAt)) {
      throw new RuleViolation(
        'R7',
        `totalPeriod exceeds the policy's reflection.maxExtendedTo (${max}).`,
        'invalid',
      );
    }
    return [
      {
        type: 'ReflectionPeriodExtended',
        data: { extendedAt: ctx.now, previousEndsAt: r.endsAt, endsAt, totalPeriod: c.totalPeriod },
      },
    ];
  },

  /** R8: only for public order or an improper claim, decided by a supervisor, reason recorded. */
  EndReflectionPeriodEarly: (s, c, ctx) => {
    const supervisor = requireSupervisor(s, ctx, 'R8', 'An early end of the reflection period');
    requireOneOf(c.reason, EARLY_END_REASONS, 'R8', 'reason');
    running(s);
    return [
      {
        type: 'ReflectionPeriodEnded',
        data: { endedAt: ctx.now, reason: c.reason, decidedBy: supervisor.userId },
      },
    ];
  },

  /** R7: the period ends only when its time has come (early ends are R8, a supervisor's decision). */
  EndReflectionPeriod: (s, _c, ctx) => {
    requireSystem(ctx, 'R8');
    const r = running(s);
    if (!isAtOrAfter(ctx.now, r.endsAt)) {
      throw new RuleViolation(
        'R8',
        'The reflection period has not run its course; an early end needs a supervisor and a reason.',
      );
    }
    return [{ type: 'ReflectionPeriodEnded', data: { endedAt: ctx.now, reason: 'elapsed' } }];
  },
};
