import type { Occurred } from '../occurred';
import type { CountryPolicy } from '../../policy/policy';
import type { PersonalData } from '../personal';
import type { LinkedReferral } from './referral';
import type {
  ConclusiveOutcome,
  IdentificationDecider,
  IdentificationOutcome,
  ImmediateNeed,
  ReferralSource,
} from '../types';

/** Open a case. Needs no personal data at all (P6). `occurredAt`: when she was referred. */
export interface OpenCase extends Occurred {
  readonly type: 'OpenCase';
  readonly referralSource: ReferralSource;
  /** The policy in force for the case's country, captured once so that replays never change. */
  readonly policy: CountryPolicy;
  readonly organisationId: string;
  /** The responsible caseworker (R22). */
  readonly assigneeId: string;
  /** The case reference people say and write (reference.ts); reserved by the API first. */
  readonly reference?: string;
  /** R18: a case the receiving organisation opens by accepting a referral; only its consented data. */
  readonly linkedReferral?: LinkedReferral;
}

/** Who she is and how to reach her, when she chooses to say (P6: never required). */
export interface RecordPersonDetails {
  readonly type: 'RecordPersonDetails';
  readonly personal: PersonalData<'identity' | 'contact-location'>;
}

/** R2: an immediate need, recordable from the first minute. */
export interface RecordImmediateNeed {
  readonly type: 'RecordImmediateNeed';
  readonly need: ImmediateNeed;
}

export interface RecordImmediateNeedMet extends Occurred {
  readonly type: 'RecordImmediateNeedMet';
  readonly need: ImmediateNeed;
}

/** R1: a reasonable-grounds decision. Low threshold, no proof required. */
export interface RecordIdentification extends Occurred {
  readonly type: 'RecordIdentification';
  readonly outcome: IdentificationOutcome;
  /** R27: who decided; required for new decisions (older events without it still fold). */
  readonly decidedBy?: IdentificationDecider;
}

/**
 * R28: the conclusive decision after a positive reasonable-grounds decision (UK NRM; HTCDS
 * `vic_TraffickingStatus`). A negative one ends no support by itself (docs/rules.md R28).
 */
export interface RecordConclusiveIdentification extends Occurred {
  readonly type: 'RecordConclusiveIdentification';
  readonly outcome: ConclusiveOutcome;
  readonly decidedBy: IdentificationDecider;
}

export type IntakeCommand =
  | OpenCase
  | RecordPersonDetails
  | RecordImmediateNeed
  | RecordImmediateNeedMet
  | RecordIdentification
  | RecordConclusiveIdentification;
