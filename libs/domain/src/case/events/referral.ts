import type { DataCategory, PersonalData } from '../personal';
import type { ReferralPurpose } from '../types';

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
  readonly data: { readonly referralId: string; readonly respondedAt: string };
}

export interface CrossBorderReferralDeclined {
  readonly type: 'CrossBorderReferralDeclined';
  readonly data: { readonly referralId: string; readonly respondedAt: string };
}

export type ReferralEvent =
  CrossBorderReferralSent | CrossBorderReferralAccepted | CrossBorderReferralDeclined;
