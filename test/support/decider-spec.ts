/**
 * Given / when / then for the case decider: given past events, when a command (at a time, by an
 * actor), then these new events, or a RuleViolation naming the rule. Plus `history`, which
 * builds the past by running commands, and `simulate`, which replays steps the way the workflow
 * does: time-driven actions first, as the 'system' actor, whenever they fall due.
 */
import {
  type Actor,
  type CaseCommand,
  type CaseEvent,
  type CaseEventType,
  type CaseState,
  decide,
  evolve,
  evolveAll,
  type ExistingCaseState,
  initialState,
  isRuleViolation,
  nextDueAction,
  RuleViolation,
  type RuleViolationKind,
} from '@ariadne/domain';

export const DEFAULT_NOW = '2026-01-10T09:00:00.000Z';
export const SYSTEM: Actor = { userId: 'system', organisationId: 'system', role: 'system' };

export function given(...past: CaseEvent[]) {
  const state = evolveAll(initialState(), past);
  return {
    state,
    when(command: CaseCommand, now = DEFAULT_NOW, actor?: Actor) {
      const run = (): CaseEvent[] => decide(state, command, { now, ...(actor && { actor }) });
      return {
        then(expected: CaseEvent[]): void {
          expect(run()).toEqual(expected);
        },
        /** Only the types, in order: for specs where the data is not the point. */
        thenTypes(expected: CaseEventType[]): void {
          expect(run().map((e) => e.type)).toEqual(expected);
        },
        thenRejectedBy(rule: string, kind?: RuleViolationKind): RuleViolation {
          let error: unknown;
          try {
            run();
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(RuleViolation);
          expect((error as RuleViolation).rule).toBe(rule);
          if (kind) expect((error as RuleViolation).kind).toBe(kind);
          return error as RuleViolation;
        },
        events: run,
        state: (): CaseState => evolveAll(state, run()),
      };
    },
  };
}

/** The state after these events, as an existing case (fails the test if there is none). */
export function stateOf(events: readonly CaseEvent[]): ExistingCaseState {
  const state = evolveAll(initialState(), events);
  if (state.status === 'none') throw new Error('No case in these events');
  return state;
}

/** Whether decide accepts the command (a RuleViolation is "no"; any other error fails the test). */
export function accepts(s: CaseState, c: CaseCommand, now: string, actor: Actor): boolean {
  try {
    decide(s, c, { now, actor });
    return true;
  } catch (e) {
    if (isRuleViolation(e)) return false;
    throw e;
  }
}

/** One command of a history: the command alone (at DEFAULT_NOW), or with its time and actor. */
export type Step = CaseCommand | readonly [CaseCommand, string?, Actor?];

/** The events of `past` followed by those of each step; a rejected step fails the test. */
export function history(past: readonly CaseEvent[], ...steps: Step[]): CaseEvent[] {
  const events = [...past];
  let state = evolveAll(initialState(), events);
  for (const step of steps) {
    const [command, now = DEFAULT_NOW, actor] = Array.isArray(step)
      ? (step as readonly [CaseCommand, string?, Actor?])
      : [step as CaseCommand];
    const produced = decide(state, command, { now, ...(actor && { actor }) });
    state = evolveAll(state, produced);
    events.push(...produced);
  }
  return events;
}

export interface SimulatedStep {
  readonly command: CaseCommand;
  readonly at: string;
  readonly actor?: Actor;
}

export interface StepOutcome {
  readonly step: SimulatedStep;
  readonly before: CaseState;
  /** Events in the log before this step (the history decide saw). */
  readonly logLength: number;
  readonly events: CaseEvent[];
  readonly rejectedBy?: RuleViolation;
  /** True for an action the case issued itself (nextDueAction). */
  readonly timed: boolean;
}

export interface Simulation {
  readonly state: CaseState;
  readonly log: CaseEvent[];
  readonly outcomes: StepOutcome[];
}

/**
 * Runs steps like the workflow: before each step, every due action up to its time is issued at
 * its own time by the system actor. A timed action that decide refuses is a bug (the workflow
 * would spin), so it throws. Rejected steps are recorded and change nothing. A step given as a
 * function is resolved against the state it meets, after the due actions of its time.
 */
export function simulate(
  past: readonly CaseEvent[],
  steps: ReadonlyArray<SimulatedStep | ((s: CaseState) => SimulatedStep)>,
): Simulation {
  let state = evolveAll(initialState(), past);
  const log = [...past];
  const outcomes: StepOutcome[] = [];
  const apply = (step: SimulatedStep, timed: boolean): void => {
    const before = state;
    try {
      const events = decide(state, step.command, {
        now: step.at,
        ...(step.actor && { actor: step.actor }),
      });
      outcomes.push({ step, before, logLength: log.length, events, timed });
      state = events.reduce(evolve, state);
      log.push(...events);
    } catch (e) {
      if (!isRuleViolation(e) || timed) throw e;
      outcomes.push({ step, before, logLength: log.length, events: [], rejectedBy: e, timed });
    }
  };
  let clock = '1970-01-01T00:00:00.000Z';
  let guard = 0;
  for (const next of steps) {
    const when = typeof next === 'function' ? next(state).at : next.at;
    for (let due = nextDueAction(state); due; due = nextDueAction(state)) {
      if (Date.parse(due.at) > Date.parse(when)) break;
      if (++guard > 10_000)
        throw new Error('A due action keeps coming back: the timer would spin.');
      // Like the workflow: an action already due when the state changed fires at once, not in the past.
      const at = Date.parse(due.at) > Date.parse(clock) ? due.at : clock;
      apply({ command: due.command, at, actor: SYSTEM }, true);
      clock = at;
    }
    const step = typeof next === 'function' ? next(state) : next;
    apply(step, false);
    clock = step.at;
  }
  return { state, log, outcomes };
}
