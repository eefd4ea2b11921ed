import type { DataCategory, PersonalData } from '../personal';
import type { ReferralPurpose, ReferralResponse } from '../types';

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

export interface RecordCrossBorderReferralResponse {
  readonly type: 'RecordCrossBorderReferralResponse';
  readonly referralId: string;
  readonly response: ReferralResponse;
}

export type ReferralCommand = SendCrossBorderReferral | RecordCrossBorderReferralResponse;
