import { isRuleViolation } from '../errors';
import { addDuration, daysBetween } from '../policy/duration';
import type { CaseCommand, CaseCommandType } from './commands';
import { decide } from './decide';
import type { Communication } from './personal';
import type { CaseState, ExistingCaseState } from './state';
import {
  type Actor,
  DEPARTURE_PATHWAYS,
  IDENTIFICATION_OUTCOMES,
  IMMEDIATE_NEEDS,
  MILESTONES,
  PATHWAYS,
  PERMIT_GROUNDS,
  RE_TRAFFICKING_RISKS,
} from './types';

/** A placeholder for her communication: only the decision's acceptability is probed. */
const PROBE: Communication = { language: 'en', interpreterUsed: false };

/**
 * One or more concrete commands of each type that a person may issue, built from the state.
 * A type is available when decide accepts at least one of them; timed commands are left out
 * (the case issues them itself, see timers.ts).
 */
function probes(s: ExistingCaseState, now: string): CaseCommand[] {
  const r = s.reflection;
  const longer = r && `P${daysBetween(r.startedAt, r.endsAt) + 1}D`;
  // Any country outside the network is abroad for every policy.
  const abroad = 'RO';
  return [
    { type: 'RecordPersonDetails', personal: {} },
    ...IMMEDIATE_NEEDS.map((need): CaseCommand => ({ type: 'RecordImmediateNeed', need })),
    ...IMMEDIATE_NEEDS.map((need): CaseCommand => ({ type: 'RecordImmediateNeedMet', need })),
    ...IDENTIFICATION_OUTCOMES.map((outcome): CaseCommand => ({
      type: 'RecordIdentification',
      outcome,
    })),
    ...(longer
      ? [
          {
            type: 'ExtendReflectionPeriod',
            totalPeriod: s.policy.reflection.maxExtendedTo ?? longer,
          } as const,
        ]
      : []),
    { type: 'EndReflectionPeriodEarly', reason: 'public-order' },
    { type: 'RecordRightsInformation', topics: ['victim-rights'], communication: PROBE },
    { type: 'RecordHealthCheckOffered' },
    { type: 'RecordNeedsAssessment', needs: [] },
    { type: 'RecordRiskAssessment', scope: 'general', level: 'low', protectionMeasures: [] },
    { type: 'RequestService', kind: 'health-care', basis: 'immediate' },
    ...s.services.flatMap((x): CaseCommand[] => [
      { type: 'RecordServiceProvided', serviceId: x.serviceId },
      { type: 'RecordServiceDeclined', serviceId: x.serviceId, communication: PROBE },
      { type: 'RecordServiceUnavailable', serviceId: x.serviceId, reason: 'no-capacity' },
    ]),
    {
      type: 'GiveConsent',
      scope: { kind: 'service', service: 'health-care' },
      communication: PROBE,
    },
    ...s.consents.map((c): CaseCommand => ({
      type: 'WithdrawConsent',
      consentId: c.consentId,
      communication: PROBE,
    })),
    ...PATHWAYS.map((pathway): CaseCommand => ({
      type: 'RecordPathwayChoice',
      pathway,
      communication: PROBE,
    })),
    { type: 'AgreeIntegrationPlan', milestones: ['housing'] },
    ...MILESTONES.map((milestone): CaseCommand => ({ type: 'RecordMilestoneReached', milestone })),
    ...PERMIT_GROUNDS.map((ground): CaseCommand => ({ type: 'ApplyForResidencePermit', ground })),
    {
      type: 'RecordResidencePermitDecision',
      outcome: 'granted',
      expiresAt: addDuration(now, 'P1Y'),
    },
    { type: 'RecordAsylumClaim', status: 'lodged' },
    ...DEPARTURE_PATHWAYS.flatMap((pathway): CaseCommand[] => [
      { type: 'RecordReintegrationPlan', pathway },
      { type: 'RecordReintegrationFundingApproved', pathway },
      { type: 'RecordAssistingContactsGiven', pathway },
      { type: 'RecordTravelArranged', pathway },
    ]),
    { type: 'RecordLegalStatusConsidered' },
    { type: 'ExecuteReturn' },
    { type: 'RecordFollowUp', contact: 'reached' },
    { type: 'RecordReturnFinancialAssistance' },
    ...RE_TRAFFICKING_RISKS.map((risk): CaseCommand => ({ type: 'RecordReTraffickingRisk', risk })),
    ...s.consents.flatMap((c): CaseCommand[] =>
      c.scope.kind === 'data-sharing'
        ? [
            {
              type: 'SendCrossBorderReferral',
              recipientOrganisationId: c.scope.recipientOrganisationId,
              recipientCountry: abroad,
              purpose: c.scope.purpose,
              categories: [],
              personal: {},
            },
          ]
        : [],
    ),
    ...s.referrals.map((x): CaseCommand => ({
      type: 'RecordCrossBorderReferralResponse',
      referralId: x.referralId,
      response: 'accepted',
    })),
    { type: 'RecordLegalStep', step: 'police-report-filed' },
    {
      type: 'ReassignCase',
      assigneeId: s.assigneeId === 'probe-a' ? 'probe-b' : 'probe-a',
      reason: 'workload',
    },
    { type: 'CloseCase', reason: 'support-completed' },
    { type: 'ReopenCase', reason: 'she-asked-for-support' },
  ];
}

/**
 * The command types this actor may issue now, by asking decide itself, so that the list can
 * never promise what decide refuses. Judged at `now` (default: the case's latest event time).
 */
export function availableActions(state: CaseState, actor?: Actor, now?: string): CaseCommandType[] {
  if (state.status === 'none') return ['OpenCase'];
  const at = now ?? state.updatedAt;
  const accepted = new Set<CaseCommandType>();
  for (const command of probes(state, at)) {
    if (accepted.has(command.type)) continue;
    try {
      decide(state, command, { now: at, ...(actor && { actor }) });
      accepted.add(command.type);
    } catch (e) {
      if (!isRuleViolation(e)) throw e;
    }
  }
  return [...accepted];
}
