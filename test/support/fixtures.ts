import fc from 'fast-check';
import {
  type Actor,
  addDuration,
  type CaseCommand,
  type CaseEvent,
  type CaseState,
  type Communication,
  COUNTRIES,
  type CountryCode,
  type CountryPolicy,
  DATA_CATEGORIES,
  DEFAULT_POLICIES,
  DEPARTURE_PATHWAYS,
  type DeparturePathway,
  EARLY_END_REASONS,
  IMMEDIATE_NEEDS,
  isDeparturePathway,
  LEGAL_STEPS,
  MILESTONES,
  PATHWAYS,
  RECEPTION_PURPOSE,
  RISK_LEVELS,
  SERVICE_KINDS,
} from '@ariadne/domain';
import type { SimulatedStep, Step } from './decider-spec';

export const SE = DEFAULT_POLICIES.SE;
export const OPENED_AT = '2026-01-05T08:00:00.000Z';

export function opened(policy: CountryPolicy = SE, at = OPENED_AT): CaseEvent {
  return {
    type: 'CaseOpened',
    data: {
      referralSource: 'ngo-outreach',
      country: policy.country,
      organisationId: 'se-ngo-1',
      assigneeId: 'cw-1',
      policy,
      openedAt: at,
    },
  };
}

/**
 * A policy with seconds instead of days, for timer wiring tests on a real server only.
 * Reminders are off (a zero lead leaves no time before any due date), so that a timer test
 * sees the timer's own event and nothing else.
 */
export function testPolicy(reflectionPeriod: string): CountryPolicy {
  return {
    ...SE,
    country: 'ZZ',
    version: 'test',
    testOnly: true,
    reflection: { ...SE.reflection, period: reflectionPeriod },
    reminderBefore: 'PT0S',
  };
}

export const CASEWORKER: Actor = { userId: 'cw-1', organisationId: 'se-ngo-1', role: 'caseworker' };
export const SUPERVISOR: Actor = {
  userId: 'sup-1',
  organisationId: 'se-ngo-1',
  role: 'supervisor',
};
/** A supervisor, but of another organisation: not hers to decide for this case. */
export const OTHER_SUPERVISOR: Actor = {
  userId: 'sup-9',
  organisationId: 'se-shelter-2',
  role: 'supervisor',
};
export const COORDINATOR: Actor = { userId: 'co-1', organisationId: 'se-nrm', role: 'coordinator' };

/** How she expressed a decision: in Romanian, with an interpreter. */
export const COMM: Communication = { language: 'ro', interpreterUsed: true };

/** `days` after `from` (default: the case's opening), as an ISO timestamp. */
export function day(days: number, from = OPENED_AT): string {
  return addDuration(from, `P${days}D`);
}

export const IDENTIFY: CaseCommand = {
  type: 'RecordIdentification',
  outcome: 'reasonable-grounds',
  decidedBy: 'police',
};

/** Planted in every personal field of random journeys; must never surface outside `personal`. */
export const PERSONAL_MARKER = 'personal-marker-7f3a';

/** The receiving organisation abroad in the departure fixtures. */
export const RECEIVER = 'ro-ngo-1';
/** R18: a caseworker of the receiving organisation answers its referrals itself. */
export const RECEIVER_CASEWORKER: Actor = {
  userId: 'ro-cw-1',
  organisationId: RECEIVER,
  role: 'caseworker',
};
/** The receiver's case linked to the referral when it accepts. */
export const LINKED_CASE_ID = '7d1e0c8a-2b3f-4c5d-8e9f-0a1b2c3d4e5f';

/**
 * Everything R14 asks for, for a case opened at OPENED_AT under SE (30-day reflection, which
 * these steps do not end: add `endReflection` or simulate the timer). Departure risk assessed
 * on day 25, so recent until day 55 (returnRiskAssessmentValidFor P30D).
 */
export function departureSteps(pathway: DeparturePathway = 'return'): Step[] {
  return [
    [IDENTIFY, day(1)],
    [{ type: 'RecordNeedsAssessment', needs: ['shelter', 'health-care'] }, day(5)],
    [{ type: 'RecordPathwayChoice', pathway, communication: COMM }, day(10)],
    [{ type: 'GiveConsent', scope: { kind: 'return' }, communication: COMM }, day(11)],
    [
      {
        type: 'GiveConsent',
        scope: {
          kind: 'data-sharing',
          recipientOrganisationId: RECEIVER,
          purpose: RECEPTION_PURPOSE[pathway],
          categories: ['identity'],
        },
        communication: COMM,
      },
      day(11),
    ],
    [
      {
        type: 'SendCrossBorderReferral',
        recipientOrganisationId: RECEIVER,
        recipientCountry: 'RO',
        purpose: RECEPTION_PURPOSE[pathway],
        categories: ['identity'],
        personal: { identity: { givenName: 'A.' } },
      },
      day(12),
    ],
    [
      {
        type: 'RecordCrossBorderReferralResponse',
        referralId: 'referral-1',
        response: 'accepted',
        linkedCaseId: LINKED_CASE_ID,
      },
      day(14),
      RECEIVER_CASEWORKER,
    ],
    [{ type: 'RecordReintegrationPlan', pathway }, day(15)],
    [{ type: 'RecordReintegrationFundingApproved', pathway }, day(16)],
    [{ type: 'RecordAssistingContactsGiven', pathway }, day(17)],
    [{ type: 'RecordLegalStatusConsidered' }, day(18)],
    [{ type: 'RecordTravelArranged', pathway }, day(20)],
    [
      {
        type: 'RecordRiskAssessment',
        scope: 'departure',
        pathway,
        level: 'medium',
        protectionMeasures: ['escorted-travel'],
        acceptable: true,
      },
      day(25),
    ],
  ];
}

/** The timer's own end of an SE reflection period started on day 1. */
export const END_REFLECTION: Step = [{ type: 'EndReflectionPeriod' }, day(31)];

// ---------------------------------------------------------------------------------------------
// fast-check: random journeys. A move is resolved against the state when it is played, so that
// it can name the services, consents and referrals that exist by then.

export const MOVES = [
  'identify+',
  'identify-',
  'conclusive',
  'person',
  'immediate-need',
  'immediate-need-met',
  'rights',
  'health-check',
  'needs',
  'risk-general',
  'risk-departure',
  'request-service',
  'provide-service',
  'decline-service',
  'unavailable-service',
  'consent-service',
  'consent-return',
  'consent-sharing',
  'withdraw-consent',
  'pathway',
  'integration-plan',
  'milestone',
  'permit-apply',
  'permit-decision',
  'asylum',
  'reintegration-plan',
  'funding',
  'contacts',
  'legal-considered',
  'travel',
  'execute-return',
  'send-referral',
  'referral-response',
  'follow-up',
  'return-financial',
  're-trafficking',
  'legal-step',
  'extend',
  'end-early',
  'reassign',
  'close',
  'reopen',
] as const;
export type MoveKind = (typeof MOVES)[number];

/** Moves towards a departure come more often, so that random journeys reach the R14 gate. */
const DEPARTURE_MOVES: readonly MoveKind[] = [
  'pathway',
  'consent-return',
  'consent-sharing',
  'send-referral',
  'referral-response',
  'risk-departure',
  'needs',
  'reintegration-plan',
  'funding',
  'contacts',
  'legal-considered',
  'travel',
  'execute-return',
  'identify+',
];

export interface Move {
  readonly kind: MoveKind;
  readonly pick: number;
  /** Minutes since the previous move. */
  readonly gap: number;
  readonly actor: number;
}

export const moveArb: fc.Arbitrary<Move> = fc.record({
  kind: fc.oneof(
    { arbitrary: fc.constantFrom(...MOVES.filter((m) => m !== 'close')), weight: 4 },
    { arbitrary: fc.constantFrom(...DEPARTURE_MOVES), weight: 4 },
    { arbitrary: fc.constant<MoveKind>('close'), weight: 1 },
  ),
  pick: fc.nat(1023),
  gap: fc.oneof(fc.integer({ min: 1, max: 600 }), fc.integer({ min: 600, max: 60 * 24 * 40 })),
  actor: fc.nat(19),
});

/** Random moves that keep the case open (closure would end the journey early). */
const openMoveArb = moveArb.filter((m) => m.kind !== 'close');

export interface Journey {
  readonly country: CountryCode;
  readonly moves: readonly Move[];
}

export function journeyArb(maxMoves = 60): fc.Arbitrary<Journey> {
  return fc.record({
    country: fc.constantFrom(...COUNTRIES),
    moves: fc.array(moveArb, { minLength: 1, maxLength: maxMoves }),
  });
}

/** Mostly her caseworker; sometimes a supervisor, one of another organisation, or no actor. */
export function actorFor(n: number): Actor | undefined {
  if (n < 14) return CASEWORKER;
  if (n < 17) return SUPERVISOR;
  if (n === 17) return OTHER_SUPERVISOR;
  if (n === 18) return COORDINATOR;
  return undefined;
}

/**
 * R18: a referral's answer comes from the receiving organisation: where the journey's actor is
 * her own organisation's, the receiver's caseworker answers instead (others stay, to be refused).
 */
function actorOf(n: number, command: CaseCommand, s: CaseState): Actor | undefined {
  const actor = actorFor(n);
  if (command.type !== 'RecordCrossBorderReferralResponse' || n >= 17) return actor;
  const referral =
    s.status === 'none' ? undefined : s.referrals.find((r) => r.referralId === command.referralId);
  const organisationId = referral?.recipientOrganisationId ?? RECEIVER;
  return { userId: `${organisationId}-cw`, organisationId, role: 'caseworker' };
}

function pickOf<T>(list: readonly T[], pick: number): T | undefined {
  return list.length === 0 ? undefined : list[pick % list.length];
}

function subset<T>(list: readonly T[], bits: number): T[] {
  return list.filter((_, i) => ((bits >> i) & 1) === 1);
}

const RECIPIENTS = [RECEIVER, 'ua-ngo-2'] as const;
const ASSIGNEES = ['cw-1', 'cw-2', 'cw-3'] as const;

function departurePathwayOf(s: CaseState, pick: number): DeparturePathway {
  if (s.status !== 'none' && isDeparturePathway(s.pathway)) return s.pathway;
  return DEPARTURE_PATHWAYS[pick % 2] as DeparturePathway;
}

/** The command a move stands for in this state. */
export function commandFor(m: Move, s: CaseState, now: string): CaseCommand {
  const p = m.pick;
  const file = s.status === 'none' ? undefined : s;
  const serviceId = pickOf(file?.services ?? [], p)?.serviceId ?? 'service-1';
  const dp = departurePathwayOf(s, p);
  switch (m.kind) {
    case 'identify+':
      return IDENTIFY;
    case 'identify-':
      return { type: 'RecordIdentification', outcome: 'no-reasonable-grounds', decidedBy: 'ngo' };
    case 'conclusive':
      return {
        type: 'RecordConclusiveIdentification',
        outcome: p % 2 === 0 ? 'positive' : 'negative',
        decidedBy: 'migration-authority',
      };
    case 'person':
      return {
        type: 'RecordPersonDetails',
        personal: {
          identity: { givenName: PERSONAL_MARKER },
          'contact-location': { phone: '+4670' },
        },
      };
    case 'immediate-need':
      return { type: 'RecordImmediateNeed', need: IMMEDIATE_NEEDS[p % 5] ?? 'safety' };
    case 'immediate-need-met':
      return { type: 'RecordImmediateNeedMet', need: IMMEDIATE_NEEDS[p % 5] ?? 'safety' };
    case 'rights':
      return { type: 'RecordRightsInformation', topics: ['victim-rights'], communication: COMM };
    case 'health-check':
      return { type: 'RecordHealthCheckOffered' };
    case 'needs':
      return {
        type: 'RecordNeedsAssessment',
        needs: subset(SERVICE_KINDS, p),
        personal: { health: { notes: PERSONAL_MARKER } },
      };
    case 'risk-general':
      return {
        type: 'RecordRiskAssessment',
        scope: 'general',
        level: RISK_LEVELS[p % 3] ?? 'low',
        protectionMeasures: p % 2 ? ['safety-plan'] : [],
        personal: { 'contact-location': { notes: PERSONAL_MARKER } },
      };
    case 'risk-departure':
      return {
        type: 'RecordRiskAssessment',
        scope: 'departure',
        pathway: dp,
        level: RISK_LEVELS[p % 3] ?? 'low',
        protectionMeasures: ['escorted-travel'],
        acceptable: p % 5 !== 0,
      };
    case 'request-service':
      return {
        type: 'RequestService',
        kind: SERVICE_KINDS[p % SERVICE_KINDS.length] ?? 'health-care',
        basis: p % 3 === 0 ? 'plan' : 'immediate',
      };
    case 'provide-service':
      return {
        type: 'RecordServiceProvided',
        serviceId,
        personal: { 'contact-location': { address: PERSONAL_MARKER } },
      };
    case 'decline-service':
      return { type: 'RecordServiceDeclined', serviceId, communication: COMM };
    case 'unavailable-service':
      return { type: 'RecordServiceUnavailable', serviceId, reason: 'no-capacity' };
    case 'consent-service':
      return {
        type: 'GiveConsent',
        scope: { kind: 'service', service: SERVICE_KINDS[p % SERVICE_KINDS.length] ?? 'shelter' },
        communication: COMM,
      };
    case 'consent-return':
      return { type: 'GiveConsent', scope: { kind: 'return' }, communication: COMM };
    case 'consent-sharing':
      return {
        type: 'GiveConsent',
        scope: {
          kind: 'data-sharing',
          recipientOrganisationId: RECIPIENTS[p % 2] ?? RECEIVER,
          purpose: p % 4 === 0 ? 'services' : RECEPTION_PURPOSE[dp],
          categories: subset(DATA_CATEGORIES, p >> 2),
        },
        communication: COMM,
      };
    case 'withdraw-consent':
      return {
        type: 'WithdrawConsent',
        consentId: pickOf(file?.consents ?? [], p)?.consentId ?? 'consent-1',
        communication: COMM,
      };
    case 'pathway':
      return {
        type: 'RecordPathwayChoice',
        pathway: PATHWAYS[p % PATHWAYS.length] ?? 'undecided',
        communication: COMM,
      };
    case 'integration-plan':
      return { type: 'AgreeIntegrationPlan', milestones: subset(MILESTONES, p | 1) };
    case 'milestone':
      return { type: 'RecordMilestoneReached', milestone: MILESTONES[p % 5] ?? 'housing' };
    case 'permit-apply':
      return {
        type: 'ApplyForResidencePermit',
        ground: p % 2 ? 'cooperation' : 'personal-situation',
        personal: { immigration: { reference: PERSONAL_MARKER } },
      };
    case 'permit-decision':
      return p % 3 === 0
        ? { type: 'RecordResidencePermitDecision', outcome: 'refused' }
        : {
            type: 'RecordResidencePermitDecision',
            outcome: 'granted',
            expiresAt: addDuration(now, p % 2 ? 'P6M' : 'P1Y'),
          };
    case 'asylum':
      return { type: 'RecordAsylumClaim', status: 'lodged' };
    case 'reintegration-plan':
      return { type: 'RecordReintegrationPlan', pathway: dp };
    case 'funding':
      return { type: 'RecordReintegrationFundingApproved', pathway: dp };
    case 'contacts':
      return { type: 'RecordAssistingContactsGiven', pathway: dp };
    case 'legal-considered':
      return { type: 'RecordLegalStatusConsidered' };
    case 'travel':
      return { type: 'RecordTravelArranged', pathway: dp };
    case 'execute-return':
      return { type: 'ExecuteReturn' };
    case 'send-referral': {
      const consent = pickOf(
        (file?.consents ?? []).filter((c) => c.scope.kind === 'data-sharing'),
        p,
      );
      const scope =
        consent?.scope.kind === 'data-sharing'
          ? consent.scope
          : {
              recipientOrganisationId: RECEIVER,
              purpose: RECEPTION_PURPOSE[dp],
              categories: [] as const,
            };
      // Now and then one category more than she consented to share (R18 must refuse it).
      const categories = p % 7 === 0 ? [...scope.categories, 'health' as const] : scope.categories;
      return {
        type: 'SendCrossBorderReferral',
        recipientOrganisationId: scope.recipientOrganisationId,
        recipientCountry: 'RO',
        purpose: scope.purpose,
        categories,
        personal: Object.fromEntries(categories.map((k) => [k, { notes: PERSONAL_MARKER }])),
      };
    }
    case 'referral-response':
      return p % 4 === 0
        ? {
            type: 'RecordCrossBorderReferralResponse',
            referralId: pickOf(file?.referrals ?? [], p)?.referralId ?? 'referral-1',
            response: 'declined',
          }
        : {
            type: 'RecordCrossBorderReferralResponse',
            referralId: pickOf(file?.referrals ?? [], p)?.referralId ?? 'referral-1',
            response: 'accepted',
            linkedCaseId: LINKED_CASE_ID,
          };
    case 'follow-up':
      return {
        type: 'RecordFollowUp',
        contact: p % 3 ? 'reached' : 'not-reached',
        personal: { return: { notes: PERSONAL_MARKER } },
      };
    case 'return-financial':
      return { type: 'RecordReturnFinancialAssistance' };
    case 're-trafficking':
      return { type: 'RecordReTraffickingRisk', risk: p % 2 ? 'flagged' : 'cleared' };
    case 'legal-step':
      return {
        type: 'RecordLegalStep',
        step: LEGAL_STEPS[p % LEGAL_STEPS.length] ?? 'police-report-filed',
        personal: { legal: { reference: PERSONAL_MARKER } },
      };
    case 'extend':
      return {
        type: 'ExtendReflectionPeriod',
        totalPeriod: ['P45D', 'P60D', 'P3M', 'P6M', 'P120D', 'P1Y'][p % 6] ?? 'P60D',
      };
    case 'end-early':
      return {
        type: 'EndReflectionPeriodEarly',
        reason: EARLY_END_REASONS[p % 2] ?? 'public-order',
      };
    case 'reassign':
      return { type: 'ReassignCase', assigneeId: ASSIGNEES[p % 3] ?? 'cw-2', reason: 'workload' };
    case 'close':
      return { type: 'CloseCase', reason: 'support-completed' };
    case 'reopen':
      return { type: 'ReopenCase', reason: 'she-asked-for-support' };
  }
}

/** A journey as steps for `simulate`, each resolved against the state it meets. */
export function journeySteps(j: Journey): {
  readonly past: CaseEvent[];
  readonly steps: Array<(s: CaseState) => SimulatedStep>;
} {
  let at = OPENED_AT;
  const steps = j.moves.map((m) => {
    at = addDuration(at, `PT${m.gap}M`);
    const now = at;
    return (s: CaseState): SimulatedStep => {
      const command = commandFor(m, s, now);
      const actor = actorOf(m.actor, command, s);
      return { command, at: now, ...(actor && { actor }) };
    };
  });
  return { past: [opened(DEFAULT_POLICIES[j.country])], steps };
}

/** The move that resolves to each step of a departure (see `commandFor` for the picks). */
function departureScript(pathway: DeparturePathway): Array<Pick<Move, 'kind' | 'pick'>> {
  return [
    { kind: 'identify+', pick: 0 },
    { kind: 'needs', pick: 3 },
    { kind: 'pathway', pick: pathway === 'return' ? 2 : 3 },
    { kind: 'consent-return', pick: 0 },
    { kind: 'consent-sharing', pick: 2 }, // RECEIVER, reception purpose, no categories
    { kind: 'send-referral', pick: 1 },
    { kind: 'referral-response', pick: 1 }, // accepted
    { kind: 'reintegration-plan', pick: 0 },
    { kind: 'funding', pick: 0 },
    { kind: 'contacts', pick: 0 },
    { kind: 'legal-considered', pick: 0 },
    { kind: 'travel', pick: 0 },
  ];
}

/**
 * Journeys aimed at the R14 gate: the steps of a departure, each dropped now and then, with
 * random moves in between, then waits (past even a 9-month reflection period) each followed by
 * a fresh departure risk assessment and an attempt to depart.
 */
export function departureJourneyArb(): fc.Arbitrary<Journey> {
  const script = 12;
  return fc
    .record({
      country: fc.constantFrom(...COUNTRIES),
      pathway: fc.constantFrom(...DEPARTURE_PATHWAYS),
      keep: fc.array(fc.integer({ min: 0, max: 19 }), { minLength: script, maxLength: script }),
      noise: fc.array(fc.array(openMoveArb, { maxLength: 2 }), {
        minLength: script,
        maxLength: script,
      }),
      gaps: fc.array(fc.integer({ min: 1, max: 60 * 24 * 3 }), {
        minLength: script,
        maxLength: script,
      }),
      waits: fc.array(
        fc.record({
          wait: fc.integer({ min: 60 * 24, max: 60 * 24 * 60 }),
          risk: fc.integer({ min: 0, max: 9 }),
          gap: fc.integer({ min: 1, max: 60 * 24 * 40 }),
        }),
        { minLength: 1, maxLength: 8 },
      ),
    })
    .map(({ country, pathway, keep, noise, gaps, waits }): Journey => {
      const moves: Move[] = [];
      departureScript(pathway).forEach((m, i) => {
        if ((keep[i] ?? 0) > 0) moves.push({ ...m, gap: gaps[i] ?? 1, actor: 0 });
        moves.push(...(noise[i] ?? []));
      });
      for (const w of waits) {
        if (w.risk > 0) moves.push({ kind: 'risk-departure', pick: w.risk, gap: w.wait, actor: 0 });
        moves.push({ kind: 'execute-return', pick: 0, gap: w.risk > 0 ? w.gap : w.wait, actor: 0 });
      }
      return { country, moves };
    });
}

/** Journeys that dwell on a few moves (after an optional fixed start), to reach rare states. */
export function focusedJourneyArb(
  focus: readonly MoveKind[],
  start: ReadonlyArray<MoveKind | Pick<Move, 'kind' | 'pick'>> = [],
  maxMoves = 30,
): fc.Arbitrary<Journey> {
  const focused = fc.record({
    kind: fc.oneof(
      { arbitrary: fc.constantFrom(...focus), weight: 3 },
      { arbitrary: fc.constantFrom(...MOVES), weight: 1 },
    ),
    pick: fc.nat(1023),
    gap: fc.oneof(fc.integer({ min: 1, max: 600 }), fc.integer({ min: 600, max: 60 * 24 * 40 })),
    actor: fc.nat(19),
  });
  return fc.record({
    country: fc.constantFrom(...COUNTRIES),
    moves: fc.array(focused, { minLength: 1, maxLength: maxMoves }).map((ms) => [
      ...start.map((m): Move => ({
        ...(typeof m === 'string' ? { kind: m, pick: 0 } : m),
        gap: 1,
        actor: 0,
      })),
      ...ms,
    ]),
  });
}
