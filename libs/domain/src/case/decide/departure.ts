import { RuleViolation } from '../../errors';
import type { OpenCaseState } from '../state';
import {
  DEPARTURE_PATHWAYS,
  type DeparturePathway,
  FOLLOW_UP_CONTACTS,
  RE_TRAFFICKING_RISKS,
} from '../types';
import { type Deciders, requireOneOf } from './context';
import { readinessFailure } from './gate';
import { requireNotDeparted } from './pathway';

/** Preparations follow the pathway she chose (R12); nothing is prepared for one she did not. */
function requireChosen(s: OpenCaseState, pathway: unknown): DeparturePathway {
  requireOneOf(pathway, DEPARTURE_PATHWAYS, 'R14', 'pathway');
  requireNotDeparted(s);
  if (s.pathway !== pathway) {
    throw new RuleViolation('R12', `Her recorded pathway is ${s.pathway}, not ${pathway}.`);
  }
  return pathway;
}

function requireDeparted(s: OpenCaseState): void {
  if (!s.departure) throw new RuleViolation('R17', 'She has not departed; there is no return yet.');
}

export const departureDeciders: Deciders<
  | 'RecordReintegrationPlan'
  | 'RecordReintegrationFundingApproved'
  | 'RecordAssistingContactsGiven'
  | 'RecordLegalStatusConsidered'
  | 'RecordTravelArranged'
  | 'ExecuteReturn'
  | 'RecordFollowUp'
  | 'RecordReturnFinancialAssistance'
  | 'RecordReTraffickingRisk'
> = {
  RecordReintegrationPlan: (s, c, ctx) => {
    const pathway = requireChosen(s, c.pathway);
    return [
      {
        type: 'ReintegrationPlanRecorded',
        data: { pathway, recordedAt: ctx.now, ...(c.personal && { personal: c.personal }) },
      },
    ];
  },

  RecordReintegrationFundingApproved: (s, c, ctx) => {
    const pathway = requireChosen(s, c.pathway);
    const plan = s.reintegrationPlans[pathway];
    if (!plan) throw new RuleViolation('R14', 'There is no reintegration plan to fund.');
    if (plan.fundingApprovedAt) throw new RuleViolation('R14', 'The plan is already funded.');
    return [{ type: 'ReintegrationFundingApproved', data: { pathway, approvedAt: ctx.now } }];
  },

  RecordAssistingContactsGiven: (s, c, ctx) => {
    const pathway = requireChosen(s, c.pathway);
    return [
      {
        type: 'AssistingContactsGiven',
        data: { pathway, givenAt: ctx.now, ...(c.personal && { personal: c.personal }) },
      },
    ];
  },

  /** R14 asks that the legal status be considered; R3 forbids making anything depend on it. */
  RecordLegalStatusConsidered: (s, c, ctx) => {
    requireNotDeparted(s);
    return [
      {
        type: 'LegalStatusConsidered',
        data: { consideredAt: ctx.now, ...(c.personal && { personal: c.personal }) },
      },
    ];
  },

  RecordTravelArranged: (s, c, ctx) => {
    const pathway = requireChosen(s, c.pathway);
    return [
      {
        type: 'TravelArranged',
        data: { pathway, arrangedAt: ctx.now, ...(c.personal && { personal: c.personal }) },
      },
    ];
  },

  /** R7, R14, R16: she departs only when the whole gate holds at this moment. */
  ExecuteReturn: (s, _c, ctx) => {
    requireNotDeparted(s);
    const gate = readinessFailure(s, ctx.now);
    if (gate.failure) throw gate.failure;
    return [
      {
        type: 'ReturnExecuted',
        data: {
          pathway: gate.pathway,
          departedAt: ctx.now,
          receivingOrganisationId: gate.receivingOrganisationId,
        },
      },
    ];
  },

  /** R17: follow-ups after return, on the policy schedule (deadlines.ts). */
  RecordFollowUp: (s, c, ctx) => {
    requireOneOf(c.contact, FOLLOW_UP_CONTACTS, 'R17', 'contact');
    requireDeparted(s);
    return [
      {
        type: 'FollowUpRecorded',
        data: {
          number: s.followUps.length + 1,
          contact: c.contact,
          recordedAt: ctx.now,
          ...(c.personal && { personal: c.personal }),
        },
      },
    ];
  },

  RecordReturnFinancialAssistance: (s, c, ctx) => {
    requireDeparted(s);
    return [
      {
        type: 'ReturnFinancialAssistancePaid',
        data: { paidAt: ctx.now, ...(c.personal && { personal: c.personal }) },
      },
    ];
  },

  RecordReTraffickingRisk: (s, c, ctx) => {
    requireOneOf(c.risk, RE_TRAFFICKING_RISKS, 'R17', 'risk');
    requireDeparted(s);
    if (s.reTraffickingRisk === (c.risk === 'flagged')) {
      throw new RuleViolation('R17', `The re-trafficking risk is already ${c.risk}.`);
    }
    return [{ type: 'ReTraffickingRiskRecorded', data: { risk: c.risk, recordedAt: ctx.now } }];
  },
};
