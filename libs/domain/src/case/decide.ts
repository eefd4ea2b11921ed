import { addDuration } from '../policy/duration';
import { policyProblems } from '../policy/policy';
import { RuleViolation } from '../errors';
import type { CaseCommand, EndReflectionPeriod, OpenCase, RecordIdentification } from './commands';
import type { CaseEvent } from './events';
import type { CaseState, OpenCaseState } from './state';

/** What a decision may depend on besides the state: the time, given by the caller. */
export interface DecisionContext {
  readonly now: string;
}

/**
 * Decides which events a command produces, or throws a RuleViolation naming the broken rule.
 * Pure: the same state, command and time always give the same answer.
 */
export function decide(state: CaseState, command: CaseCommand, ctx: DecisionContext): CaseEvent[] {
  if (command.type === 'OpenCase') return openCase(state, command, ctx);
  if (state.status !== 'open') {
    throw new RuleViolation('R22', 'The case is not open.');
  }
  switch (command.type) {
    case 'RecordIdentification':
      return recordIdentification(state, command, ctx);
    case 'EndReflectionPeriod':
      return endReflection(state, command, ctx);
  }
}

function openCase(state: CaseState, c: OpenCase, ctx: DecisionContext): CaseEvent[] {
  if (state.status !== 'none') {
    throw new RuleViolation('R22', 'The case is already open.');
  }
  const problems = policyProblems(c.policy);
  if (problems.length > 0) {
    throw new RuleViolation(
      'R19',
      `Country policy is not valid: ${problems.join('; ')}`,
      'invalid',
    );
  }
  return [
    {
      type: 'CaseOpened',
      data: {
        referralSource: c.referralSource,
        country: c.policy.country,
        organisationId: c.organisationId,
        assigneeId: c.assigneeId,
        policy: c.policy,
        openedAt: ctx.now,
      },
    },
  ];
}

/** R1: a positive decision starts assistance and the reflection period at once (R7). */
function recordIdentification(
  s: OpenCaseState,
  c: RecordIdentification,
  ctx: DecisionContext,
): CaseEvent[] {
  if (s.identification?.outcome === 'reasonable-grounds') {
    throw new RuleViolation(
      'R1',
      'A reasonable-grounds decision has already been recorded; it is not decided again.',
    );
  }
  const decided: CaseEvent = {
    type: 'IdentificationDecided',
    data: { outcome: c.outcome, decidedAt: ctx.now },
  };
  if (c.outcome !== 'reasonable-grounds') return [decided];
  return [
    decided,
    {
      type: 'ReflectionPeriodStarted',
      data: {
        startedAt: ctx.now,
        endsAt: addDuration(ctx.now, s.policy.reflection.period),
        period: s.policy.reflection.period,
        policyVersion: s.policy.version,
      },
    },
  ];
}

/** R7: the period ends only when its time has come (early ends are R8, a supervisor's decision). */
function endReflection(
  s: OpenCaseState,
  _c: EndReflectionPeriod,
  ctx: DecisionContext,
): CaseEvent[] {
  const r = s.reflection;
  if (!r || r.endedAt) {
    throw new RuleViolation('R7', 'There is no running reflection period to end.');
  }
  if (Date.parse(ctx.now) < Date.parse(r.endsAt)) {
    throw new RuleViolation(
      'R8',
      'The reflection period has not run its course; an early end needs a supervisor and a reason.',
    );
  }
  return [{ type: 'ReflectionPeriodEnded', data: { endedAt: ctx.now, reason: 'elapsed' } }];
}

export type { OpenCaseState };
