import type { CaseState, ServiceRecord } from './state';
import type { NeedArea, ServiceStatus } from './types';

/** Where one assessed need stands in her plan (R6). */
export interface PlanEntry {
  readonly need: NeedArea;
  /** The best state among the services for this need; 'unaddressed' when none was requested. */
  readonly status: ServiceStatus | 'unaddressed';
  readonly serviceIds: readonly string[];
}

export interface SupportPlan {
  readonly assessedAt?: string;
  readonly entries: readonly PlanEntry[];
  /** Services outside the assessed needs: immediate needs (R2) and health care (R4). */
  readonly outsideAssessedNeeds: readonly string[];
}

const BEST_FIRST: readonly ServiceStatus[] = ['provided', 'requested', 'unavailable', 'declined'];

/** R6: her individual plan is her assessed needs, each with the services that answer it. */
export function supportPlan(state: CaseState): SupportPlan {
  if (state.status === 'none') return { entries: [], outsideAssessedNeeds: [] };
  const needs = state.needsAssessment?.needs ?? [];
  const byKind = (need: NeedArea): ServiceRecord[] => state.services.filter((x) => x.kind === need);
  const entries = needs.map((need): PlanEntry => {
    const services = byKind(need);
    const status = BEST_FIRST.find((st) => services.some((x) => x.status === st)) ?? 'unaddressed';
    return { need, status, serviceIds: services.map((x) => x.serviceId) };
  });
  return {
    ...(state.needsAssessment && { assessedAt: state.needsAssessment.assessedAt }),
    entries,
    outsideAssessedNeeds: state.services
      .filter((x) => !needs.includes(x.kind))
      .map((x) => x.serviceId),
  };
}
