import {
  asHappened,
  BESIDE_THE_JOURNEY,
  type CaseEvent,
  type CaseEventType,
  type EventOf,
  eventTime,
  isProgress,
} from './events';
import { departureEvolvers } from './evolve/departure';
import { intakeEvolvers } from './evolve/intake';
import { managementEvolvers } from './evolve/management';
import { networkEvolvers } from './evolve/network';
import { pathwayEvolvers } from './evolve/pathway';
import { phaseOf } from './evolve/phase';
import { reflectionEvolvers } from './evolve/reflection';
import { referralEvolvers } from './evolve/referral';
import { supportEvolvers } from './evolve/support';
import type { Evolvers } from './evolve/types';
import type { CaseState, ExistingCaseState, OpenCaseState } from './state';

type AnyEvolver = (s: ExistingCaseState, e: CaseEvent, seq: number) => ExistingCaseState;

/** One evolver per event type; the compiler refuses a missing one. */
const EVOLVERS: Evolvers<Exclude<CaseEventType, 'CaseOpened'>> = {
  ...intakeEvolvers,
  ...reflectionEvolvers,
  ...supportEvolvers,
  ...pathwayEvolvers,
  ...departureEvolvers,
  ...referralEvolvers,
  ...managementEvolvers,
  ...networkEvolvers,
};

/** Applies one event. Pure and total: replaying the log always gives the same state. */
export function evolve(state: CaseState, event: CaseEvent): CaseState {
  if (event.type === 'CaseOpened') return opened(event);
  if (state.status === 'none') {
    throw new Error(`${event.type} cannot apply to a case that is not open`);
  }
  const seq = state.version + 1;
  // R3, R11: the legal track and an asylum claim never reach the journey's state.
  if (BESIDE_THE_JOURNEY.includes(event.type)) return { ...state, version: seq };
  const at = eventTime(event);
  // Keyed by event type, so the evolver found takes exactly this event (see decide.ts).
  const apply = EVOLVERS[event.type] as AnyEvolver;
  const applied = apply(state, asHappened(event), seq);
  const next: ExistingCaseState = {
    ...applied,
    version: seq,
    updatedAt: at,
    ...(isProgress(event) ? { lastProgressAt: at } : {}),
  };
  return { ...next, phase: phaseOf(next) };
}

function opened(event: EventOf<'CaseOpened'>): OpenCaseState {
  const d = event.data;
  return {
    status: 'open',
    version: 1,
    phase: 'intake',
    referralSource: d.referralSource,
    organisationId: d.organisationId,
    assigneeId: d.assigneeId,
    policy: d.policy,
    openedAt: d.openedAt,
    ...(d.occurredAt !== undefined && { referredAt: d.occurredAt }),
    ...(d.reference !== undefined && { reference: d.reference }),
    updatedAt: d.openedAt,
    lastProgressAt: d.openedAt,
    immediateNeeds: [],
    riskAssessments: [],
    services: [],
    consents: [],
    pathway: 'undecided',
    milestonesReached: {},
    reintegrationPlans: {},
    contactsGiven: {},
    travelArranged: {},
    followUps: [],
    returnFinancialAssistancePayments: 0,
    reTraffickingRisk: false,
    referrals: [],
    notices: [],
  };
}

export function evolveAll(state: CaseState, events: readonly CaseEvent[]): CaseState {
  return events.reduce(evolve, state);
}
