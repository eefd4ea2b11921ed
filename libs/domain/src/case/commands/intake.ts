import type { CountryPolicy } from '../../policy/policy';
import type { PersonalData } from '../personal';
import type { IdentificationOutcome, ImmediateNeed, ReferralSource } from '../types';

/** Open a case. Needs no personal data at all (P6). */
export interface OpenCase {
  readonly type: 'OpenCase';
  readonly referralSource: ReferralSource;
  /** The policy in force for the case's country, captured once so that replays never change. */
  readonly policy: CountryPolicy;
  readonly organisationId: string;
  /** The responsible caseworker (R22). */
  readonly assigneeId: string;
  /** The case reference people say and write (reference.ts); reserved by the API first. */
  readonly reference?: string;
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

export interface RecordImmediateNeedMet {
  readonly type: 'RecordImmediateNeedMet';
  readonly need: ImmediateNeed;
}

/** R1: a reasonable-grounds decision. Low threshold, no proof required. */
export interface RecordIdentification {
  readonly type: 'RecordIdentification';
  readonly outcome: IdentificationOutcome;
}

export type IntakeCommand =
  | OpenCase
  | RecordPersonDetails
  | RecordImmediateNeed
  | RecordImmediateNeedMet
  | RecordIdentification;
