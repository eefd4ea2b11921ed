import { nextDueAction } from './timers';
import type { CaseState } from './state';

/** The case summary read model, derived from state by one pure function (workflow and rebuilds). */
export interface CaseSummary {
  readonly caseId: string;
  readonly version: number;
  readonly phase: string;
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
    version: state.version,
    phase: state.phase,
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
