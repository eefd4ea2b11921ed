import { isRuleViolation } from '../errors';
import { addDuration, daysBetween } from '../policy/duration';
import type {
  CaseCommand,
  CaseCommandType,
  ReceiverCommandType,
  TimedCommandType,
} from './commands';
import { decide } from './decide';
import type { Communication } from './personal';
import type { CaseState, ExistingCaseState } from './state';
import {
  type Actor,
  DEPARTURE_PATHWAYS,
  CONCLUSIVE_OUTCOMES,
  IDENTIFICATION_OUTCOMES,
  IMMEDIATE_NEEDS,
  MILESTONES,
  PATHWAYS,
  PERMIT_GROUNDS,
  RE_TRAFFICKING_RISKS,
} from './types';

/** A placeholder for her communication: only the decision's acceptability is probed. */
const PROBE: Communication = { language: 'en', interpreterUsed: false };

/** The commands a person issues: every command but opening a case and the case's own timers. */
export type ManualCommandType = Exclude<
  CaseCommandType,
  TimedCommandType | ReceiverCommandType | 'OpenCase'
>;
type CommandOf<T extends CaseCommandType> = Extract<CaseCommand, { type: T }>;

/**
 * One or more concrete commands of a type that a person may issue, built from the state. A type
 * is available when decide accepts at least one of them.
 */
type Probe<T extends ManualCommandType> = (s: ExistingCaseState, now: string) => CommandOf<T>[];

const each = <T extends ManualCommandType, V>(
  values: readonly V[],
  make: (v: V) => CommandOf<T>,
): CommandOf<T>[] => values.map(make);

/**
 * A probe for every command a person may issue, keyed by type: a command type without a probe
 * does not compile, so /actions can never forget a command that decide accepts. Timed commands
 * are left out (the case issues them itself, see timers.ts).
 */
const PROBES: { readonly [T in ManualCommandType]: Probe<T> } = {
  // Referral & intake
  RecordPersonDetails: () => [{ type: 'RecordPersonDetails', personal: {} }],
  RecordImmediateNeed: () =>
    each(IMMEDIATE_NEEDS, (need) => ({ type: 'RecordImmediateNeed', need })),
  RecordImmediateNeedMet: () =>
    each(IMMEDIATE_NEEDS, (need) => ({ type: 'RecordImmediateNeedMet', need })),
  RecordIdentification: () =>
    each(IDENTIFICATION_OUTCOMES, (outcome) => ({
      type: 'RecordIdentification',
      outcome,
      decidedBy: 'other',
    })),
  RecordConclusiveIdentification: () =>
    each(CONCLUSIVE_OUTCOMES, (outcome) => ({
      type: 'RecordConclusiveIdentification',
      outcome,
      decidedBy: 'other',
    })),
  // Recovery & reflection
  ExtendReflectionPeriod: (s) => {
    const r = s.reflection;
    if (!r) return [];
    const longer = `P${daysBetween(r.startedAt, r.endsAt) + 1}D`;
    return [
      { type: 'ExtendReflectionPeriod', totalPeriod: s.policy.reflection.maxExtendedTo ?? longer },
    ];
  },
  EndReflectionPeriodEarly: () => [{ type: 'EndReflectionPeriodEarly', reason: 'public-order' }],
  // Assessment & support
  RecordRightsInformation: () => [
    { type: 'RecordRightsInformation', topics: ['victim-rights'], communication: PROBE },
  ],
  RecordHealthCheckOffered: () => [{ type: 'RecordHealthCheckOffered' }],
  RecordNeedsAssessment: () => [{ type: 'RecordNeedsAssessment', needs: [] }],
  RecordRiskAssessment: () => [
    { type: 'RecordRiskAssessment', scope: 'general', level: 'low', protectionMeasures: [] },
  ],
  RequestService: () => [{ type: 'RequestService', kind: 'health-care', basis: 'immediate' }],
  RecordServiceProvided: (s) =>
    each(s.services, (x) => ({ type: 'RecordServiceProvided', serviceId: x.serviceId })),
  RecordServiceDeclined: (s) =>
    each(s.services, (x) => ({
      type: 'RecordServiceDeclined',
      serviceId: x.serviceId,
      communication: PROBE,
    })),
  RecordServiceUnavailable: (s) =>
    each(s.services, (x) => ({
      type: 'RecordServiceUnavailable',
      serviceId: x.serviceId,
      reason: 'no-capacity',
    })),
  GiveConsent: () => [
    {
      type: 'GiveConsent',
      scope: { kind: 'service', service: 'health-care' },
      communication: PROBE,
    },
  ],
  WithdrawConsent: (s) =>
    each(s.consents, (c) => ({
      type: 'WithdrawConsent',
      consentId: c.consentId,
      communication: PROBE,
    })),
  // Pathway & integration
  RecordPathwayChoice: () =>
    each(PATHWAYS, (pathway) => ({ type: 'RecordPathwayChoice', pathway, communication: PROBE })),
  AgreeIntegrationPlan: () => [{ type: 'AgreeIntegrationPlan', milestones: ['housing'] }],
  RecordMilestoneReached: () =>
    each(MILESTONES, (milestone) => ({ type: 'RecordMilestoneReached', milestone })),
  ApplyForResidencePermit: () =>
    each(PERMIT_GROUNDS, (ground) => ({ type: 'ApplyForResidencePermit', ground })),
  RecordResidencePermitDecision: (_s, now) => [
    {
      type: 'RecordResidencePermitDecision',
      outcome: 'granted',
      expiresAt: addDuration(now, 'P1Y'),
    },
  ],
  RecordAsylumClaim: () => [{ type: 'RecordAsylumClaim', status: 'lodged' }],
  // Departure & follow-up
  RecordReintegrationPlan: () =>
    each(DEPARTURE_PATHWAYS, (pathway) => ({ type: 'RecordReintegrationPlan', pathway })),
  RecordReintegrationFundingApproved: () =>
    each(DEPARTURE_PATHWAYS, (pathway) => ({
      type: 'RecordReintegrationFundingApproved',
      pathway,
    })),
  RecordAssistingContactsGiven: () =>
    each(DEPARTURE_PATHWAYS, (pathway) => ({ type: 'RecordAssistingContactsGiven', pathway })),
  RecordTravelArranged: () =>
    each(DEPARTURE_PATHWAYS, (pathway) => ({ type: 'RecordTravelArranged', pathway })),
  RecordLegalStatusConsidered: () => [{ type: 'RecordLegalStatusConsidered' }],
  ExecuteReturn: () => [{ type: 'ExecuteReturn' }],
  RecordFollowUp: () => [{ type: 'RecordFollowUp', contact: 'reached' }],
  RecordReturnFinancialAssistance: () => [{ type: 'RecordReturnFinancialAssistance' }],
  RecordReTraffickingRisk: () =>
    each(RE_TRAFFICKING_RISKS, (risk) => ({ type: 'RecordReTraffickingRisk', risk })),
  // Cross-border referral, under a data-sharing consent; any country outside the network is
  // abroad for every policy.
  SendCrossBorderReferral: (s) =>
    s.consents.flatMap((c): CommandOf<'SendCrossBorderReferral'>[] =>
      c.scope.kind === 'data-sharing'
        ? [
            {
              type: 'SendCrossBorderReferral',
              recipientOrganisationId: c.scope.recipientOrganisationId,
              recipientCountry: 'RO',
              purpose: c.scope.purpose,
              categories: [],
              personal: {},
            },
          ]
        : [],
    ),
  // Case management
  RecordLegalStep: () => [{ type: 'RecordLegalStep', step: 'police-report-filed' }],
  AddNote: () => [{ type: 'AddNote', personal: { notes: { text: 'probe' } } }],
  ReassignCase: (s) => [
    {
      type: 'ReassignCase',
      assigneeId: s.assigneeId === 'probe-a' ? 'probe-b' : 'probe-a',
      reason: 'workload',
    },
  ],
  CloseCase: () => [{ type: 'CloseCase', reason: 'support-completed' }],
  ReopenCase: () => [{ type: 'ReopenCase', reason: 'she-asked-for-support' }],
  EraseOnRequest: () => [{ type: 'EraseOnRequest', communication: PROBE }],
  // The network (R30, R31)
  ResolveRefusedFact: (s) =>
    each(s.refusedFacts ?? [], (f) => ({ type: 'ResolveRefusedFact', factId: f.factId })),
  ProposeTransfer: (s) => [
    {
      type: 'ProposeTransfer',
      receivingOrganisationId: s.organisationId === 'probe-org' ? 'probe-org-2' : 'probe-org',
      communication: PROBE,
    },
  ],
  AnswerTransfer: () => [{ type: 'AnswerTransfer', response: 'declined' }],
  WithdrawTransfer: () => [{ type: 'WithdrawTransfer' }],
};

/** Every command type a person may issue, in the order /actions lists them. */
export const MANUAL_COMMAND_TYPES = Object.keys(PROBES) as readonly ManualCommandType[];

/** The probes of one type for this state (for tests: what /actions tried). */
export function probesOf<T extends ManualCommandType>(
  type: T,
  state: ExistingCaseState,
  now: string,
): CommandOf<T>[] {
  return (PROBES[type] as Probe<T>)(state, now);
}

function accepts(
  state: ExistingCaseState,
  command: CaseCommand,
  ctx: { now: string; actor?: Actor },
): boolean {
  try {
    decide(state, command, ctx);
    return true;
  } catch (e) {
    if (isRuleViolation(e)) return false;
    throw e;
  }
}

/**
 * The command types this actor may issue now, by asking decide itself, so that the list can
 * never promise what decide refuses. Judged at `now` (default: the case's latest event time).
 */
export function availableActions(state: CaseState, actor?: Actor, now?: string): CaseCommandType[] {
  if (state.status === 'none') return ['OpenCase'];
  const at = now ?? state.updatedAt;
  const ctx = { now: at, ...(actor && { actor }) };
  return MANUAL_COMMAND_TYPES.filter((type) =>
    probesOf(type, state, at).some((command) => accepts(state, command, ctx)),
  );
}
