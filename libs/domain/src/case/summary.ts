import { deadlines } from './deadlines';
import { returnReadiness } from './readiness';
import { nextDueAction } from './timers';
import type { CaseState } from './state';

/** Where a case stands on the R14 gate, for boards and search attributes. */
export type ReadinessStatus = 'not-applicable' | 'incomplete' | 'ready';

export function readinessStatus(state: CaseState): ReadinessStatus {
  const r = returnReadiness(state);
  return !r.applicable ? 'not-applicable' : r.ready ? 'ready' : 'incomplete';
}

function checklist(state: CaseState): CaseSummary['returnChecklist'] {
  const r = returnReadiness(state);
  return r.applicable ? r.items.map(({ item, met }) => ({ item, met })) : null;
}

/** The case summary read model, derived from state by one pure function (workflow and rebuilds). */
export interface CaseSummary {
  readonly caseId: string;
  /** The case reference people say and write; null for cases opened before references. */
  readonly reference: string | null;
  readonly version: number;
  readonly status: 'open' | 'closed';
  readonly phase: string;
  /** Her choice (R12): undecided, integration, return or third-country. */
  readonly pathway: string;
  /** R21: set while the case is flagged stalled. */
  readonly stalledSince: string | null;
  readonly returnReadiness: ReadinessStatus;
  /** R14: the readiness checklist (item names and whether each holds), when on a departure path. */
  readonly returnChecklist: ReadonlyArray<{ readonly item: string; readonly met: boolean }> | null;
  /** R19: the due date of the earliest obligation not yet met; overdue once it is past. */
  readonly earliestDueAt: string | null;
  readonly country: string;
  readonly organisationId: string;
  readonly assigneeId: string;
  readonly referralSource: string;
  readonly policyVersion: string;
  readonly openedAt: string;
  readonly identificationOutcome: string | null;
  readonly reflectionStartedAt: string | null;
  readonly reflectionEndsAt: string | null;
  readonly reflectionEndedAt: string | null;
  readonly lastProgressAt: string;
  readonly nextDueAt: string | null;
}

export function caseSummary(caseId: string, state: CaseState): CaseSummary | undefined {
  if (state.status === 'none') return undefined;
  return {
    caseId,
    reference: state.reference ?? null,
    version: state.version,
    status: state.status,
    phase: state.phase,
    pathway: state.pathway,
    stalledSince: state.stalled?.since ?? null,
    returnReadiness: readinessStatus(state),
    returnChecklist: checklist(state),
    earliestDueAt: deadlines(state).find((d) => !d.metAt)?.dueAt ?? null,
    country: state.policy.country,
    organisationId: state.organisationId,
    assigneeId: state.assigneeId,
    referralSource: state.referralSource,
    policyVersion: state.policy.version,
    openedAt: state.openedAt,
    identificationOutcome: state.identification?.outcome ?? null,
    reflectionStartedAt: state.reflection?.startedAt ?? null,
    reflectionEndsAt: state.reflection?.endsAt ?? null,
    reflectionEndedAt: state.reflection?.endedAt ?? null,
    lastProgressAt: state.lastProgressAt,
    nextDueAt: nextDueAction(state)?.at ?? null,
  };
}
