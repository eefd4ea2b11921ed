import type { Occurred } from '../occurred';
import type { PersonalData } from '../personal';
import type { DeparturePathway, FollowUpContact, ReTraffickingRisk } from '../types';

/** R14: the reintegration and financial-assistance plan for her chosen departure. */
export interface RecordReintegrationPlan {
  readonly type: 'RecordReintegrationPlan';
  readonly pathway: DeparturePathway;
  readonly personal?: PersonalData<'return'>;
}

/** R14: the host country approved the funding of the latest reintegration plan. */
export interface RecordReintegrationFundingApproved extends Occurred {
  readonly type: 'RecordReintegrationFundingApproved';
  readonly pathway: DeparturePathway;
}

/** R14: she was given the contact details of the assisting structures at her destination. */
export interface RecordAssistingContactsGiven extends Occurred {
  readonly type: 'RecordAssistingContactsGiven';
  readonly pathway: DeparturePathway;
  readonly personal?: PersonalData<'return'>;
}

/** R14: the state of any legal proceedings was considered (considered, never required: R3). */
export interface RecordLegalStatusConsidered {
  readonly type: 'RecordLegalStatusConsidered';
  readonly personal?: PersonalData<'legal'>;
}

export interface RecordTravelArranged {
  readonly type: 'RecordTravelArranged';
  readonly pathway: DeparturePathway;
  readonly personal?: PersonalData<'return'>;
}

/** R14/R16: she departs. Accepted only when the whole gate holds at this moment. */
export interface ExecuteReturn extends Occurred {
  readonly type: 'ExecuteReturn';
}

/** R17: a follow-up with the receiving organisation after her return. */
export interface RecordFollowUp extends Occurred {
  readonly type: 'RecordFollowUp';
  readonly contact: FollowUpContact;
  readonly personal?: PersonalData<'return'>;
}

/** R17: financial assistance paid after her return. */
export interface RecordReturnFinancialAssistance extends Occurred {
  readonly type: 'RecordReturnFinancialAssistance';
  readonly personal?: PersonalData<'return'>;
}

/** R17: a re-trafficking risk flagged or cleared. */
export interface RecordReTraffickingRisk {
  readonly type: 'RecordReTraffickingRisk';
  readonly risk: ReTraffickingRisk;
}

export type DepartureCommand =
  | RecordReintegrationPlan
  | RecordReintegrationFundingApproved
  | RecordAssistingContactsGiven
  | RecordLegalStatusConsidered
  | RecordTravelArranged
  | ExecuteReturn
  | RecordFollowUp
  | RecordReturnFinancialAssistance
  | RecordReTraffickingRisk;
