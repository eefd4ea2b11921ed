import { RuleViolation } from '../errors';
import type { CaseCommand, CaseCommandType } from './commands';
import { assessmentDeciders } from './decide/assessment';
import { consentDeciders } from './decide/consent';
import type { ClosedDeciders, DecisionContext, Deciders } from './decide/context';
import { departureDeciders } from './decide/departure';
import { intakeDeciders, openCase } from './decide/intake';
import { closedCaseDeciders, managementDeciders } from './decide/management';
import { resolveRefusedFact, transferDeciders } from './decide/network';
import { requirePartnerCommand } from './network';
import { pathwayDeciders } from './decide/pathway';
import { referralDeciders } from './decide/referral';
import { reflectionDeciders } from './decide/reflection';
import { serviceDeciders } from './decide/services';
import { timedDeciders } from './decide/timed';
import { type CaseEvent, isProgress } from './events';
import { occurredAtOf, stampOccurred } from './occurred';
import type { CaseState, ClosedCaseState, OpenCaseState } from './state';

export type { CarriedOverFrom, DecisionContext } from './decide/context';

type ClosedCommandType = 'ReopenCase' | 'ErasePersonalData' | 'EraseOnRequest';
type OpenCommandType = Exclude<
  CaseCommandType,
  'OpenCase' | 'ResolveRefusedFact' | ClosedCommandType
>;

/** One decider per command, one phase of the journey per file; the compiler refuses a gap. */
const ON_OPEN: Deciders<OpenCommandType> = {
  ...intakeDeciders,
  ...reflectionDeciders,
  ...assessmentDeciders,
  ...serviceDeciders,
  ...consentDeciders,
  ...pathwayDeciders,
  ...departureDeciders,
  ...referralDeciders,
  ...managementDeciders,
  ...timedDeciders,
  ...transferDeciders,
};
const ON_CLOSED: ClosedDeciders<ClosedCommandType> = closedCaseDeciders;

/**
 * The table is keyed by command type, so the decider found for `command.type` takes exactly that
 * command; TypeScript cannot correlate the two through a union, hence this one widening.
 */
type AnyDecider<S> = (s: S, c: CaseCommand, ctx: DecisionContext) => CaseEvent[];

function isClosedCommand(c: CaseCommand): c is Extract<CaseCommand, { type: ClosedCommandType }> {
  return c.type === 'ReopenCase' || c.type === 'ErasePersonalData' || c.type === 'EraseOnRequest';
}

/**
 * Decides which events a command produces, or throws a RuleViolation naming the broken rule.
 * Pure: the same state, command and context always give the same answer.
 */
export function decide(state: CaseState, command: CaseCommand, ctx: DecisionContext): CaseEvent[] {
  requirePartnerCommand(command, ctx.actor);
  if (command.type === 'OpenCase') return openCase(state, command, ctx);
  if (state.status === 'none') {
    throw new RuleViolation('R22', 'The case is not open.');
  }
  if (state.erasedAt) {
    throw new RuleViolation('R23', 'Her personal data is erased; the case is final.');
  }
  // R30: a refused partner fact is resolved on an open or a closed case alike.
  if (command.type === 'ResolveRefusedFact') return resolveRefusedFact(state, command, ctx);
  if (isClosedCommand(command)) {
    if (state.status !== 'closed') {
      throw new RuleViolation('R23', 'The case is open; close it first, with a reason.');
    }
    return (ON_CLOSED[command.type] as AnyDecider<ClosedCaseState>)(state, command, ctx);
  }
  if (state.status !== 'open') {
    throw new RuleViolation('R23', 'The case is closed; reopen it first.');
  }
  // R24–R26: a fact dated when it happened; its events keep both times (occurred.ts).
  const occurredAt = occurredAtOf(
    state,
    command,
    ctx.now,
    ctx.carriedOver ? { carriedOver: ctx.carriedOver } : {},
  );
  const decider = ON_OPEN[command.type] as AnyDecider<OpenCaseState>;
  const events = decider(state, command, occurredAt ? { ...ctx, occurredAt } : ctx);
  return withStallCleared(state, stampOccurred(events, occurredAt), ctx);
}

/** R21: the first progress after a stall clears it, as a recorded fact of the same decision. */
function withStallCleared(
  s: OpenCaseState,
  events: CaseEvent[],
  ctx: DecisionContext,
): CaseEvent[] {
  if (!s.stalled || !events.some(isProgress)) return events;
  return [...events, { type: 'CaseStallCleared', data: { clearedAt: ctx.now } }];
}

export type { OpenCaseState };
