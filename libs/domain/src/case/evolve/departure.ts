import type { Evolvers } from './types';

export const departureEvolvers: Evolvers<
  | 'ReintegrationPlanRecorded'
  | 'ReintegrationFundingApproved'
  | 'AssistingContactsGiven'
  | 'LegalStatusConsidered'
  | 'TravelArranged'
  | 'ReturnSuspended'
  | 'ReturnExecuted'
  | 'FollowUpRecorded'
  | 'ReturnFinancialAssistancePaid'
  | 'ReTraffickingRiskRecorded'
> = {
  ReintegrationPlanRecorded: (s, e) => ({
    ...s,
    reintegrationPlans: {
      ...s.reintegrationPlans,
      [e.data.pathway]: { recordedAt: e.data.recordedAt },
    },
  }),
  ReintegrationFundingApproved: (s, e) => {
    const plan = s.reintegrationPlans[e.data.pathway];
    if (!plan) return s;
    return {
      ...s,
      reintegrationPlans: {
        ...s.reintegrationPlans,
        [e.data.pathway]: { ...plan, fundingApprovedAt: e.data.approvedAt },
      },
    };
  },
  AssistingContactsGiven: (s, e) => ({
    ...s,
    contactsGiven: { ...s.contactsGiven, [e.data.pathway]: e.data.givenAt },
  }),
  LegalStatusConsidered: (s, e) => ({ ...s, legalStatusConsideredAt: e.data.consideredAt }),
  TravelArranged: (s, e) => ({
    ...s,
    travelArranged: { ...s.travelArranged, [e.data.pathway]: e.data.arrangedAt },
  }),
  // R15: back to the pathway choice; every checklist fact above stays recorded.
  ReturnSuspended: (s, e) => ({
    ...s,
    pathway: 'undecided',
    returnSuspendedAt: e.data.suspendedAt,
  }),
  ReturnExecuted: (s, e) => ({
    ...s,
    departure: {
      pathway: e.data.pathway,
      departedAt: e.data.departedAt,
      receivingOrganisationId: e.data.receivingOrganisationId,
    },
  }),
  FollowUpRecorded: (s, e) => ({
    ...s,
    followUps: [
      ...s.followUps,
      { number: e.data.number, contact: e.data.contact, recordedAt: e.data.recordedAt },
    ],
  }),
  ReturnFinancialAssistancePaid: (s) => ({
    ...s,
    returnFinancialAssistancePayments: s.returnFinancialAssistancePayments + 1,
  }),
  ReTraffickingRiskRecorded: (s, e) => ({ ...s, reTraffickingRisk: e.data.risk === 'flagged' }),
};
