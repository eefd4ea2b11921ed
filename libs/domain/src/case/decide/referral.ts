import { RuleViolation } from '../../errors';
import { isConsentCurrent } from '../consents';
import { categoriesIn, DATA_CATEGORIES, type DataCategory } from '../personal';
import type { OpenCaseState } from '../state';
import { REFERRAL_PURPOSES, REFERRAL_RESPONSES, type ReferralPurpose } from '../types';
import { type Deciders, nextId, requireAllOf, requireOneOf, requireOpaqueId } from './context';

const COUNTRY_CODE = /^[A-Z]{2}$/;

interface SharingConsent {
  readonly consentId: string;
  readonly categories: readonly DataCategory[];
}

/** Her current (not withdrawn, not expired) consents to share with this recipient for this purpose (P4). */
function sharingConsents(
  s: OpenCaseState,
  recipientOrganisationId: string,
  purpose: ReferralPurpose,
  now: string,
): SharingConsent[] {
  return s.consents.flatMap((x) =>
    x.scope.kind === 'data-sharing' &&
    isConsentCurrent(x, now) &&
    x.scope.recipientOrganisationId === recipientOrganisationId &&
    x.scope.purpose === purpose
      ? [{ consentId: x.consentId, categories: x.scope.categories }]
      : [],
  );
}

export const referralDeciders: Deciders<
  'SendCrossBorderReferral' | 'RecordCrossBorderReferralResponse'
> = {
  /** R18, P4: only the categories she consented to share with this recipient for this purpose. */
  SendCrossBorderReferral: (s, c, ctx) => {
    requireOpaqueId(c.recipientOrganisationId, 'R18', 'recipientOrganisationId');
    requireOneOf(c.purpose, REFERRAL_PURPOSES, 'R18', 'purpose');
    requireAllOf(c.categories, DATA_CATEGORIES, 'R18', 'categories');
    if (typeof c.recipientCountry !== 'string' || !COUNTRY_CODE.test(c.recipientCountry)) {
      throw new RuleViolation(
        'R18',
        'recipientCountry must be an ISO 3166-1 alpha-2 code.',
        'invalid',
      );
    }
    if (c.recipientCountry === s.policy.country) {
      throw new RuleViolation('R18', 'recipientCountry is the case’s own country.', 'invalid');
    }
    const carried = categoriesIn(c.personal);
    const undeclared = carried.filter((k) => !c.categories.includes(k));
    if (undeclared.length > 0) {
      throw new RuleViolation(
        'R18',
        `personal carries categories not listed in categories: ${undeclared.join(', ')}.`,
        'invalid',
      );
    }
    if (c.purpose !== 'services') {
      const pathway = c.purpose === 'return-reception' ? 'return' : 'third-country';
      if (s.pathway !== pathway) {
        throw new RuleViolation('R12', `A ${c.purpose} referral follows her choice of ${pathway}.`);
      }
    }
    const consents = sharingConsents(s, c.recipientOrganisationId, c.purpose, ctx.now);
    const covering = consents.find((x) => c.categories.every((k) => x.categories.includes(k)));
    if (!covering) {
      throw new RuleViolation(
        'R18',
        consents.length === 0
          ? 'No current consent of hers to share with this recipient for this purpose.'
          : `Her consent does not cover every category: ${c.categories.join(', ')}.`,
      );
    }
    return [
      {
        type: 'CrossBorderReferralSent',
        data: {
          referralId: nextId('referral', s.referrals.length),
          recipientOrganisationId: c.recipientOrganisationId,
          recipientCountry: c.recipientCountry,
          purpose: c.purpose,
          categories: c.categories,
          consentId: covering.consentId,
          sentAt: ctx.now,
          personal: c.personal ?? {},
        },
      },
    ];
  },

  /** R18: the receiver accepts or declines, once. */
  RecordCrossBorderReferralResponse: (s, c, ctx) => {
    requireOneOf(c.response, REFERRAL_RESPONSES, 'R18', 'response');
    const referral = s.referrals.find((r) => r.referralId === c.referralId);
    if (!referral) throw new RuleViolation('R18', 'referralId names no referral.', 'invalid');
    if (referral.status !== 'sent') {
      throw new RuleViolation('R18', `The referral is already ${referral.status}.`);
    }
    const data = { referralId: referral.referralId, respondedAt: ctx.now };
    return [
      c.response === 'accepted'
        ? { type: 'CrossBorderReferralAccepted', data }
        : { type: 'CrossBorderReferralDeclined', data },
    ];
  },
};
