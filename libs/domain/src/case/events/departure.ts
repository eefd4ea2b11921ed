import type { PersonalData } from '../personal';
import type { DeparturePathway, FollowUpContact, ReTraffickingRisk } from '../types';

export interface ReintegrationPlanRecorded {
  readonly type: 'ReintegrationPlanRecorded';
  readonly data: {
    readonly pathway: DeparturePathway;
    readonly recordedAt: string;
    readonly personal?: PersonalData<'return'>;
  };
}

export interface ReintegrationFundingApproved {
  readonly type: 'ReintegrationFundingApproved';
  readonly data: {
    readonly occurredAt?: string;
    readonly pathway: DeparturePathway;
    readonly approvedAt: string;
  };
}

export interface AssistingContactsGiven {
  readonly type: 'AssistingContactsGiven';
  readonly data: {
    readonly occurredAt?: string;
    readonly pathway: DeparturePathway;
    readonly givenAt: string;
    readonly personal?: PersonalData<'return'>;
  };
}

export interface LegalStatusConsidered {
  readonly type: 'LegalStatusConsidered';
  readonly data: { readonly consideredAt: string; readonly personal?: PersonalData<'legal'> };
}

export interface TravelArranged {
  readonly type: 'TravelArranged';
  readonly data: {
    readonly pathway: DeparturePathway;
    readonly arrangedAt: string;
    readonly personal?: PersonalData<'return'>;
  };
}

/** R15: she withdrew her consent before departure; every checklist fact stays recorded. */
export interface ReturnSuspended {
  readonly type: 'ReturnSuspended';
  readonly data: {
    readonly occurredAt?: string;
    readonly pathway: DeparturePathway;
    readonly suspendedAt: string;
  };
}

export interface ReturnExecuted {
  readonly type: 'ReturnExecuted';
  readonly data: {
    readonly occurredAt?: string;
    readonly pathway: DeparturePathway;
    readonly departedAt: string;
    readonly receivingOrganisationId: string;
  };
}

export interface FollowUpRecorded {
  readonly type: 'FollowUpRecorded';
  readonly data: {
    readonly occurredAt?: string;
    /** 1 for the first follow-up after return, and so on (meets deadline `follow-up-<n>`). */
    readonly number: number;
    readonly contact: FollowUpContact;
    readonly recordedAt: string;
    readonly personal?: PersonalData<'return'>;
  };
}

export interface ReturnFinancialAssistancePaid {
  readonly type: 'ReturnFinancialAssistancePaid';
  readonly data: {
    readonly occurredAt?: string;
    readonly paidAt: string;
    readonly personal?: PersonalData<'return'>;
  };
}

export interface ReTraffickingRiskRecorded {
  readonly type: 'ReTraffickingRiskRecorded';
  readonly data: { readonly risk: ReTraffickingRisk; readonly recordedAt: string };
}

export type DepartureEvent =
  | ReintegrationPlanRecorded
  | ReintegrationFundingApproved
  | AssistingContactsGiven
  | LegalStatusConsidered
  | TravelArranged
  | ReturnSuspended
  | ReturnExecuted
  | FollowUpRecorded
  | ReturnFinancialAssistancePaid
  | ReTraffickingRiskRecorded;
