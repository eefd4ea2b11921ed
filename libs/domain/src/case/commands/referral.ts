import type { DataCategory, PersonalData } from '../personal';
import type { ReferralDeclineReason, ReferralPurpose, ReferralResponse } from '../types';

/** R18: a referral abroad carries only the categories she consented to share with the recipient. */
export interface SendCrossBorderReferral {
  readonly type: 'SendCrossBorderReferral';
  readonly recipientOrganisationId: string;
  /** ISO 3166-1 alpha-2; must differ from the case's country. */
  readonly recipientCountry: string;
  readonly purpose: ReferralPurpose;
  readonly categories: readonly DataCategory[];
  readonly personal: PersonalData;
}

/**
 * R18: the receiving organisation's own answer, issued by one of its caseworkers or supervisors
 * (never by the sender). Accepting names the linked case the receiver opens for her.
 */
export interface RecordCrossBorderReferralResponse {
  readonly type: 'RecordCrossBorderReferralResponse';
  readonly referralId: string;
  readonly response: ReferralResponse;
  /** Declined only, optional: why, as a code (no free text, no personal data). */
  readonly reasonCode?: ReferralDeclineReason;
  /** Accepted only: the receiver's new case, linked to this one (an opaque id). */
  readonly linkedCaseId?: string;
  /** Accepted only: the linked case's reference. */
  readonly linkedCaseReference?: string;
}

/** The data of a referral that the receiver's linked case holds (only the consented categories). */
export interface LinkedReferral {
  readonly sourceCaseId: string;
  readonly sourceReference?: string;
  readonly sourceOrganisationId: string;
  readonly referralId: string;
  readonly purpose: ReferralPurpose;
  readonly categories: readonly DataCategory[];
  readonly personal: PersonalData;
}

/** On the receiver's linked case: her consent was withdrawn after acceptance; sharing stops. */
export interface RecordLinkedSharingStopped {
  readonly type: 'RecordLinkedSharingStopped';
  readonly sourceCaseId: string;
  readonly referralId: string;
}

export type ReferralCommand =
  SendCrossBorderReferral | RecordCrossBorderReferralResponse | RecordLinkedSharingStopped;

/**
 * Commands the referral service issues on behalf of the receiving organisation (or for it): not
 * routes of the sender's case, and not offered by /actions.
 */
export const RECEIVER_COMMANDS = [
  'RecordCrossBorderReferralResponse',
  'RecordLinkedSharingStopped',
] as const;
export type ReceiverCommandType = (typeof RECEIVER_COMMANDS)[number];
