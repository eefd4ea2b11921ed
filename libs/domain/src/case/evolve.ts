import type { CaseEvent } from './events';
import type { CaseState, OpenCaseState } from './state';

/** Applies one event. Pure and total: replaying the log always gives the same state. */
export function evolve(state: CaseState, event: CaseEvent): CaseState {
  if (event.type === 'CaseOpened') {
    const d = event.data;
    return {
      status: 'open',
      version: state.version + 1,
      phase: 'intake',
      referralSource: d.referralSource,
      organisationId: d.organisationId,
      assigneeId: d.assigneeId,
      policy: d.policy,
      openedAt: d.openedAt,
      lastProgressAt: d.openedAt,
    };
  }
  if (state.status !== 'open') {
    throw new Error(`${event.type} cannot apply to a case that is not open`);
  }
  const next = evolveOpen(state, event);
  return { ...next, version: state.version + 1 };
}

function evolveOpen(
  s: OpenCaseState,
  event: Exclude<CaseEvent, { type: 'CaseOpened' }>,
): OpenCaseState {
  switch (event.type) {
    case 'IdentificationDecided':
      return {
        ...s,
        identification: { outcome: event.data.outcome, decidedAt: event.data.decidedAt },
        lastProgressAt: event.data.decidedAt,
      };
    case 'ReflectionPeriodStarted':
      return {
        ...s,
        phase: 'reflection',
        reflection: { startedAt: event.data.startedAt, endsAt: event.data.endsAt },
      };
    case 'ReflectionPeriodEnded':
      return {
        ...s,
        phase: s.phase === 'reflection' ? 'assessment' : s.phase,
        reflection: s.reflection && { ...s.reflection, endedAt: event.data.endedAt },
      };
  }
}

export function evolveAll(state: CaseState, events: readonly CaseEvent[]): CaseState {
  return events.reduce(evolve, state);
}
