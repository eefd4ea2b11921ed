import type { DataCategory, PersonalData } from '../personal';
import type { ReferralDeclineReason, ReferralPurpose } from '../types';

export interface CrossBorderReferralSent {
  readonly type: 'CrossBorderReferralSent';
  readonly data: {
    readonly referralId: string;
    readonly recipientOrganisationId: string;
    readonly recipientCountry: string;
    readonly purpose: ReferralPurpose;
    readonly categories: readonly DataCategory[];
    /** The data-sharing consent this referral relies on (R18, P4). */
    readonly consentId: string;
    readonly sentAt: string;
    /** Only the consented categories. */
    readonly personal: PersonalData;
  };
}

export interface CrossBorderReferralAccepted {
  readonly type: 'CrossBorderReferralAccepted';
  readonly data: {
    readonly referralId: string;
    readonly respondedAt: string;
    /** The receiving organisation's linked case (absent in answers recorded by the sender). */
    readonly linkedCaseId?: string;
    readonly linkedCaseReference?: string;
  };
}

export interface CrossBorderReferralDeclined {
  readonly type: 'CrossBorderReferralDeclined';
  readonly data: {
    readonly referralId: string;
    readonly respondedAt: string;
    readonly reasonCode?: ReferralDeclineReason;
  };
}

/** R18, P4: her consent was withdrawn before the receiver answered; the referral is withdrawn. */
export interface CrossBorderReferralWithdrawn {
  readonly type: 'CrossBorderReferralWithdrawn';
  readonly data: {
    readonly referralId: string;
    readonly consentId: string;
    readonly withdrawnAt: string;
  };
}

/** R18, P4: her consent was withdrawn after acceptance: nothing more is shared with the receiver. */
export interface CrossBorderReferralSharingStopped {
  readonly type: 'CrossBorderReferralSharingStopped';
  readonly data: {
    readonly referralId: string;
    readonly consentId: string;
    readonly linkedCaseId?: string;
    readonly stoppedAt: string;
  };
}

/** On the receiver's linked case: what the referral carried, re-encrypted under this case's key. */
export interface ReferralReceived {
  readonly type: 'ReferralReceived';
  readonly data: {
    readonly sourceCaseId: string;
    readonly sourceReference?: string;
    readonly sourceOrganisationId: string;
    readonly referralId: string;
    readonly purpose: ReferralPurpose;
    readonly categories: readonly DataCategory[];
    readonly receivedAt: string;
    /** Only the consented categories. */
    readonly personal: PersonalData;
  };
}

/** On the receiver's linked case: the sender stopped sharing (her consent was withdrawn). */
export interface LinkedSharingStopped {
  readonly type: 'LinkedSharingStopped';
  readonly data: {
    readonly sourceCaseId: string;
    readonly referralId: string;
    readonly stoppedAt: string;
  };
}

export type ReferralEvent =
  | CrossBorderReferralSent
  | CrossBorderReferralAccepted
  | CrossBorderReferralDeclined
  | CrossBorderReferralWithdrawn
  | CrossBorderReferralSharingStopped
  | ReferralReceived
  | LinkedSharingStopped;
