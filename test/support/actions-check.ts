/**
 * availableActions checked against decide along a journey: every command decide accepts is
 * listed, and every listed type has a probe decide accepts. Used by the fast-check property
 * (actions.properties.unit.spec.ts) and, on a few fixed samples, by actions.unit.spec.ts.
 */
import fc from 'fast-check';
import {
  availableActions,
  type CaseCommand,
  type CaseCommandType,
  type CaseState,
  IMMEDIATE_NEEDS,
  isTimedCommand,
  type ManualCommandType,
  MILESTONES,
  PATHWAYS,
  probesOf,
} from '@ariadne/domain';
import { accepts, simulate } from './decider-spec';
import {
  CASEWORKER,
  COMM,
  commandFor,
  COORDINATOR,
  departureJourneyArb,
  focusedJourneyArb,
  type Journey,
  journeyArb,
  journeySteps,
  MOVES,
  OTHER_SUPERVISOR,
  SUPERVISOR,
} from './fixtures';

/** The network's commands need states random journeys do not reach (tested on fixed states). */
export const NETWORK_COMMANDS: readonly CaseCommandType[] = [
  'ResolveRefusedFact',
  'ProposeTransfer',
  'AnswerTransfer',
  'WithdrawTransfer',
];

const ACTORS = [CASEWORKER, SUPERVISOR, OTHER_SUPERVISOR, COORDINATOR];

/**
 * Along the journey, for two of the four actors at each step (in turn, so each meets every kind
 * of state): accepted ⇒ listed, listed ⇒ accepted. Adds each accepted command type to `seen`.
 */
export function expectActionsMatchDecide(j: Journey, seen: Set<string>): void {
  const { past, steps } = journeySteps(j);
  for (const o of simulate(past, steps).outcomes) {
    const s = o.before;
    if (s.status === 'none' || o.timed) continue;
    const at = o.step.at;
    for (const actor of [ACTORS[o.logLength % 4], ACTORS[(o.logLength + 1) % 4]]) {
      if (!actor) continue;
      const listed = availableActions(s, actor, at);
      for (const c of candidates(s, at)) {
        if (isTimedCommand(c.type) || c.type === 'OpenCase') continue;
        if (!accepts(s, c, at, actor)) continue;
        seen.add(c.type);
        expect([c.type, listed]).toEqual([c.type, expect.arrayContaining([c.type])]);
      }
      for (const type of listed as ManualCommandType[]) {
        const ok = probesOf(type, s, at).some((c) => accepts(s, c, at, actor));
        expect([type, ok]).toEqual([type, true]);
      }
    }
  }
}

/**
 * Commands to try in a state, made independently of the probes: every move of the random
 * journeys with a few picks, and the commands the journeys never make.
 */
function candidates(s: CaseState, now: string): CaseCommand[] {
  const all: CaseCommand[] = [
    ...MOVES.flatMap((kind) =>
      [0, 1, 2].map((pick) => commandFor({ kind, pick, gap: 1, actor: 0 }, s, now)),
    ),
    ...(s.status === 'none' ? [] : s.services).map((x): CaseCommand => ({
      type: 'RecordServiceProvided',
      serviceId: x.serviceId,
    })),
    ...MILESTONES.map((milestone): CaseCommand => ({ type: 'RecordMilestoneReached', milestone })),
    ...IMMEDIATE_NEEDS.map((need): CaseCommand => ({ type: 'RecordImmediateNeedMet', need })),
    { type: 'EraseOnRequest', communication: COMM },
    { type: 'AddNote', personal: { notes: { text: 'note' } } },
  ];
  const unique = new Map(all.map((c) => [JSON.stringify(c), c]));
  return [...unique.values()];
}

/** Journeys that reach the rarer states: a consented service, an integration plan. */
const serviceAndIntegrationArb = focusedJourneyArb(
  ['request-service', 'consent-service', 'provide-service', 'integration-plan', 'milestone'],
  [
    { kind: 'pathway', pick: PATHWAYS.indexOf('integration') },
    'integration-plan',
    { kind: 'request-service', pick: 1 }, // an immediate request, of the kind consented next
    { kind: 'consent-service', pick: 1 },
  ],
  15,
);

/** Random journeys, the departure ones and those reaching services and integration. */
export const actionJourneyArbs = [journeyArb(20), departureJourneyArb(), serviceAndIntegrationArb];
export const actionJourneyArb = fc.oneof(...actionJourneyArbs);
