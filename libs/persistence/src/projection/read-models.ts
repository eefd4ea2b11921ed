import type { EventToAppend } from '@ariadne/contracts';
import {
  type CaseEvent,
  type CaseState,
  type CaseSummary,
  caseSummary,
  evolve,
  initialState,
} from '@ariadne/domain';
import { notificationsFor } from '../notifications-for';

/**
 * The read models as pure functions of the log (ADR 0016). The append writes them in its own
 * transaction from the workflow's summary (`caseSummary(evolve…)`, the same functions as here)
 * and `notificationsFor`; a rebuild folds the stored events with `foldCase` and writes the same
 * rows through `summaryRow` and `notificationRow`. Nothing here reads a clock or a database.
 */

/** One row of case_summaries, by column name; timestamps as ISO strings (JSON for the append). */
export type SummaryRow = Readonly<
  Record<
    (typeof SUMMARY_COLUMNS)[number][0],
    string | number | null | ReadonlyArray<{ readonly item: string; readonly met: boolean }>
  >
>;

/** case_summaries' columns and their PostgreSQL types, in table order (the append writes the same). */
export const SUMMARY_COLUMNS = [
  ['case_id', 'uuid'],
  ['reference', 'text'],
  ['version', 'int4'],
  ['status', 'text'],
  ['phase', 'text'],
  ['pathway', 'text'],
  ['stalled_since', 'timestamptz'],
  ['return_readiness', 'text'],
  ['return_checklist', 'jsonb'],
  ['earliest_due_at', 'timestamptz'],
  ['country', 'text'],
  ['organisation_id', 'text'],
  ['assignee_id', 'text'],
  ['referral_source', 'text'],
  ['policy_version', 'text'],
  ['opened_at', 'timestamptz'],
  ['identification_outcome', 'text'],
  ['reflection_started_at', 'timestamptz'],
  ['reflection_ends_at', 'timestamptz'],
  ['reflection_ended_at', 'timestamptz'],
  ['last_progress_at', 'timestamptz'],
  ['next_due_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
] as const;

/** notifications' derived columns (id and read_at are not in the log: a rebuild carries them). */
export const NOTIFICATION_COLUMNS = [
  ['event_id', 'uuid'],
  ['case_id', 'uuid'],
  ['organisation_id', 'text'],
  ['recipient_user_id', 'text'],
  ['recipient_role', 'text'],
  ['kind', 'text'],
  ['deadline', 'text'],
  ['due_at', 'timestamptz'],
  ['created_at', 'timestamptz'],
] as const;

export type NotificationRow = Readonly<
  Record<(typeof NOTIFICATION_COLUMNS)[number][0], string | null>
>;

const instant = (v: string | null | undefined): string | null =>
  v === null || v === undefined ? null : new Date(v).toISOString();

/**
 * The summary row of a case. `updatedAt` is when its last append committed: the append leaves
 * it out and writes its transaction's `now()`, which is also its events' `recorded_at`.
 */
export function summaryRow(s: CaseSummary, updatedAt: string | null = null): SummaryRow {
  return {
    case_id: s.caseId,
    reference: s.reference ?? null,
    version: s.version,
    status: s.status,
    phase: s.phase,
    pathway: s.pathway,
    stalled_since: instant(s.stalledSince),
    return_readiness: s.returnReadiness,
    return_checklist: s.returnChecklist ? s.returnChecklist.map((i) => ({ ...i })) : null,
    earliest_due_at: instant(s.earliestDueAt),
    country: s.country,
    organisation_id: s.organisationId,
    assignee_id: s.assigneeId,
    referral_source: s.referralSource,
    policy_version: s.policyVersion,
    opened_at: instant(s.openedAt),
    identification_outcome: s.identificationOutcome ?? null,
    reflection_started_at: instant(s.reflectionStartedAt),
    reflection_ends_at: instant(s.reflectionEndsAt),
    reflection_ended_at: instant(s.reflectionEndedAt),
    last_progress_at: instant(s.lastProgressAt),
    next_due_at: instant(s.nextDueAt),
    updated_at: updatedAt,
  };
}

/** The inbox rows of one appended event, by column name (R18, R20, R21; see notificationsFor). */
export function notificationRows(
  caseId: string,
  organisationId: string,
  event: EventToAppend,
): NotificationRow[] {
  return notificationsFor(caseId, organisationId, event).map((n) => ({
    event_id: n.eventId,
    case_id: n.caseId,
    organisation_id: n.organisationId,
    recipient_user_id: n.recipientUserId,
    recipient_role: n.recipientRole,
    kind: n.kind,
    deadline: n.deadline,
    due_at: n.dueAt ? n.dueAt.toISOString() : null,
    created_at: n.createdAt.toISOString(),
  }));
}

/** An event as stored: what the fold needs of a case_events row. */
export interface LoggedEvent {
  readonly eventId: string;
  readonly version: number;
  readonly type: string;
  readonly data: unknown;
  /** The writing transaction (xid8 as text): one append, one transaction. */
  readonly txId: string;
  /** The append's `now()`, as PostgreSQL prints it (microseconds kept). */
  readonly recordedAt: string;
}

export interface FoldedCase {
  readonly summary: SummaryRow | undefined;
  readonly notifications: NotificationRow[];
}

/**
 * Folds one case's whole log (in version order) into its read-model rows. Events of one append
 * (one transaction) address their inbox rows with the organisation the case has after all of
 * them, as the append does with the workflow's summary.
 */
export function foldCase(caseId: string, events: readonly LoggedEvent[]): FoldedCase {
  try {
    return fold(caseId, events);
  } catch (e) {
    // The case's opaque id and where its log stopped folding; nothing from the events themselves.
    throw new Error(`Case ${caseId} does not fold: ${(e as Error).message}`, { cause: e });
  }
}

function fold(caseId: string, events: readonly LoggedEvent[]): FoldedCase {
  let state: CaseState = initialState();
  const notifications: NotificationRow[] = [];
  let i = 0;
  while (i < events.length) {
    const first = events[i] as LoggedEvent;
    let j = i;
    while (j < events.length) {
      const e = events[j] as LoggedEvent;
      if (e.txId !== first.txId || e.recordedAt !== first.recordedAt) break;
      if (e.version !== state.version + 1) {
        throw new Error(`version ${e.version} follows ${state.version}`);
      }
      state = evolve(state, { type: e.type, data: e.data } as CaseEvent);
      j += 1;
    }
    const organisationId = state.status === 'none' ? '' : state.organisationId;
    for (let k = i; k < j; k += 1) {
      const e = events[k] as LoggedEvent;
      notifications.push(
        ...notificationRows(caseId, organisationId, {
          eventId: e.eventId,
          type: e.type,
          data: e.data,
        }),
      );
    }
    i = j;
  }
  const summary = caseSummary(caseId, state);
  const last = events[events.length - 1];
  return {
    summary: summary && last ? summaryRow(summary, last.recordedAt) : undefined,
    notifications,
  };
}
