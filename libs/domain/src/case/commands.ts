import type { CountryPolicy } from '../policy/policy';
import type { IdentificationOutcome, ReferralSource } from './types';

/** Open a case. Needs no personal data at all (P6). */
export interface OpenCase {
  readonly type: 'OpenCase';
  readonly referralSource: ReferralSource;
  /** The policy in force for the case's country, captured once so that replays never change. */
  readonly policy: CountryPolicy;
  readonly organisationId: string;
  /** The responsible caseworker (R22). */
  readonly assigneeId: string;
}

/** R1: a reasonable-grounds decision. Low threshold, no proof required. */
export interface RecordIdentification {
  readonly type: 'RecordIdentification';
  readonly outcome: IdentificationOutcome;
}

/** Issued by the case's own timer when the reflection period has run its course (R7). */
export interface EndReflectionPeriod {
  readonly type: 'EndReflectionPeriod';
}

export type CaseCommand = OpenCase | RecordIdentification | EndReflectionPeriod;
export type CaseCommandType = CaseCommand['type'];
