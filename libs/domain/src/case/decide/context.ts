import { RuleViolation } from '../../errors';
import type { CaseCommand, CaseCommandType } from '../commands';
import type { CaseEvent } from '../events';
import { type Communication, isLanguage } from '../personal';
import type { ClosedCaseState, OpenCaseState } from '../state';
import type { Actor, Role } from '../types';

/** What a decision may depend on besides the state: the time and who is acting. */
export interface DecisionContext {
  readonly now: string;
  /**
   * The envelope's actor. Optional so that callers without one keep compiling; commands reserved
   * to a role (R8, R22: supervisors) are refused without it, and timed commands accept it only
   * as the 'system' actor.
   */
  readonly actor?: Actor;
  /**
   * Rules as they were before a change, for workflow runs that began before it (docs/adr/0005).
   * `referralsAnsweredBySender`: before R18's delivery, the sender recorded the receiver's answer
   * and withdrawing her consent did not touch the referrals it covered.
   * `decidedByOptional` (R27): identification decisions were recorded without who decided.
   */
  readonly legacy?: {
    readonly referralsAnsweredBySender?: boolean;
    readonly decidedByOptional?: boolean;
  };
  /**
   * When the recorded fact happened, when the command said so (R24–R26; set by `decide` after
   * checking the command's `occurredAt`). Deciders date what runs from the fact with it.
   */
  readonly occurredAt?: string;
  /**
   * R26a: the command carries over a fact from the organisation's previous records (the HTCDS
   * import, docs/htcds.md). Such facts are exempt from the maximum recording lag (R26), never
   * from R24 or R25. Set by the workflow from the envelope's `carriedOver`, which only the API's
   * import service sets: no command body, DTO or header reaches it.
   */
  readonly carriedOver?: CarriedOverFrom;
}

/** Where carried-over facts come from (R26a): so far only the HTCDS Excel template import. */
export type CarriedOverFrom = 'htcds-import';
export const CARRIED_OVER_FROM: readonly CarriedOverFrom[] = ['htcds-import'];

export type CommandOf<T extends CaseCommandType> = Extract<CaseCommand, { type: T }>;

export type Decider<T extends CaseCommandType, S = OpenCaseState> = (
  s: S,
  c: CommandOf<T>,
  ctx: DecisionContext,
) => CaseEvent[];

export type Deciders<T extends CaseCommandType, S = OpenCaseState> = {
  readonly [K in T]: Decider<K, S>;
};
export type ClosedDeciders<T extends CaseCommandType> = Deciders<T, ClosedCaseState>;

/** R8, R22: a supervisor of the case's own organisation decides. */
export function requireSupervisor(
  s: OpenCaseState | ClosedCaseState,
  ctx: DecisionContext,
  rule: string,
  what: string,
): Actor {
  const a = ctx.actor;
  if (!a || a.role !== 'supervisor' || a.organisationId !== s.organisationId) {
    throw new RuleViolation(
      rule,
      `${what} is decided by a supervisor of the case's organisation.`,
      'forbidden',
    );
  }
  return a;
}

/** Timed commands record what the clock did; only the case itself (the 'system' actor) issues them. */
export function requireSystem(ctx: DecisionContext, rule: string): void {
  if (ctx.actor && ctx.actor.role !== 'system') {
    throw new RuleViolation(rule, 'This command is issued by the case timer only.', 'forbidden');
  }
}

/** Her decisions are recorded by the people who work with her, never by the system or an admin. */
const RECORDERS: readonly Role[] = ['caseworker', 'supervisor'];

export function requireRecorderOfHerDecision(ctx: DecisionContext, rule: string): void {
  if (ctx.actor && !RECORDERS.includes(ctx.actor.role)) {
    throw new RuleViolation(
      rule,
      'Her decisions are recorded by a caseworker or a supervisor.',
      'forbidden',
    );
  }
}

/** R12 and friends: her decision comes with the language she used and the interpreter noted. */
export function requireCommunication(c: Communication | undefined, rule: string): void {
  if (!c || !isLanguage(c.language) || typeof c.interpreterUsed !== 'boolean') {
    throw new RuleViolation(
      rule,
      'Her decision needs communication.language (a BCP 47 code) and communication.interpreterUsed.',
      'invalid',
    );
  }
}

/** Commands also arrive from outside TypeScript (JSON), so enum fields are checked at run time. */
export function requireOneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  rule: string,
  field: string,
): asserts value is T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new RuleViolation(rule, `${field} must be one of: ${allowed.join(', ')}.`, 'invalid');
  }
}

export function requireAllOf<T extends string>(
  values: unknown,
  allowed: readonly T[],
  rule: string,
  field: string,
  options: { nonEmpty?: boolean } = {},
): asserts values is readonly T[] {
  const ok =
    Array.isArray(values) &&
    values.every((v) => (allowed as readonly unknown[]).includes(v)) &&
    (!options.nonEmpty || values.length > 0);
  if (!ok) {
    const what = options.nonEmpty ? 'a non-empty list of' : 'a list of';
    throw new RuleViolation(rule, `${field} must be ${what}: ${allowed.join(', ')}.`, 'invalid');
  }
}

/** Opaque ids (organisations, users): never a name (P1). */
const OPAQUE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export function requireOpaqueId(
  value: unknown,
  rule: string,
  field: string,
): asserts value is string {
  if (typeof value !== 'string' || !OPAQUE_ID.test(value)) {
    throw new RuleViolation(rule, `${field} must be an opaque id.`, 'invalid');
  }
}

/** Ids the case gives its own records: deterministic, so replays and retries agree. */
export function nextId(prefix: string, existing: number): string {
  return `${prefix}-${existing + 1}`;
}
