import type { CaseCommand } from './commands';
import type { CaseState } from './state';

/** A point in time at which the case itself must act, and the command it issues then. */
export interface DueAction {
  readonly at: string;
  readonly command: CaseCommand;
}

/** The next time-driven action for this state, or none. Pure, so the workflow's timers follow it. */
export function nextDueAction(state: CaseState): DueAction | undefined {
  if (state.status !== 'open') return undefined;
  const r = state.reflection;
  if (r && !r.endedAt) return { at: r.endsAt, command: { type: 'EndReflectionPeriod' } };
  return undefined;
}
