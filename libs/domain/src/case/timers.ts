import { addDuration } from '../policy/duration';
import type { CaseCommand, TimedCommandType } from './commands';
import { compareText, deadlines } from './deadlines';
import type { CaseState, OpenCaseState } from './state';

/** A point in time at which the case itself must act, and the command it issues then. */
export interface DueAction {
  readonly at: string;
  readonly command: CaseCommand;
}

/** R21: stalls are watched in every open phase but follow-up, which runs on its own schedule. */
export function stallWatched(s: OpenCaseState): boolean {
  return s.phase !== 'follow-up';
}

export function stallDueAt(s: OpenCaseState): string {
  return addDuration(s.lastProgressAt, s.policy.stalledAfter);
}

/** At equal times: end the period first (it may meet a deadline), escalate before reminding. */
const ORDER: Readonly<Record<TimedCommandType, number>> = {
  EndReflectionPeriod: 0,
  EscalateDeadline: 1,
  SendDeadlineReminder: 2,
  FlagCaseStalled: 3,
  ErasePersonalData: 4,
};

function rank(a: DueAction): number {
  return ORDER[a.command.type as TimedCommandType] ?? ORDER.ErasePersonalData + 1;
}

function sortKey(a: DueAction): string {
  return 'deadline' in a.command ? a.command.deadline : '';
}

/**
 * Every time-driven action the case has pending, earliest first: the reflection end (R7),
 * reminders and escalations (R20), the stalled flag (R21) and erasure after retention (R23).
 * Each one is accepted by decide at or after its time, and issued once: it leaves the list
 * as soon as its event is recorded.
 */
export function dueActions(state: CaseState): DueAction[] {
  if (state.status === 'none') return [];
  if (state.status === 'closed') {
    return state.erasedAt
      ? []
      : [{ at: state.closure.erasureDueAt, command: { type: 'ErasePersonalData' } }];
  }
  const actions: DueAction[] = [];
  const r = state.reflection;
  if (r && !r.endedAt) actions.push({ at: r.endsAt, command: { type: 'EndReflectionPeriod' } });
  for (const d of deadlines(state)) {
    if (d.metAt) continue;
    if (d.reminderAt && !d.remindedAt) {
      actions.push({
        at: d.reminderAt,
        command: { type: 'SendDeadlineReminder', deadline: d.deadline },
      });
    }
    if (d.escalateAt && !d.escalatedAt) {
      actions.push({
        at: d.escalateAt,
        command: { type: 'EscalateDeadline', deadline: d.deadline },
      });
    }
  }
  if (stallWatched(state) && !state.stalled) {
    actions.push({ at: stallDueAt(state), command: { type: 'FlagCaseStalled' } });
  }
  return actions.sort(
    (a, b) =>
      Date.parse(a.at) - Date.parse(b.at) ||
      rank(a) - rank(b) ||
      compareText(sortKey(a), sortKey(b)),
  );
}

/** The earliest time-driven action, or none. The workflow sleeps until `at`, then sends it. */
export function nextDueAction(state: CaseState): DueAction | undefined {
  return dueActions(state)[0];
}
