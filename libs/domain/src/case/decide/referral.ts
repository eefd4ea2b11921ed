import { RuleViolation } from '../../errors';
import { isConsentCurrent } from '../consents';
import { categoriesIn, DATA_CATEGORIES, type DataCategory } from '../personal';
import type { CaseEvent } from '../events';
import type { OpenCaseState, ReferralRecord } from '../state';
import {
  REFERRAL_DECLINE_REASONS,
  REFERRAL_PURPOSES,
  REFERRAL_RESPONSES,
  type ReferralPurpose,
} from '../types';
import {
  type DecisionContext,
  type Deciders,
  nextId,
  requireAllOf,
  requireOneOf,
  requireOpaqueId,
} from './context';

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
  'SendCrossBorderReferral' | 'RecordCrossBorderReferralResponse' | 'RecordLinkedSharingStopped'
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

  /**
   * R18: the receiving organisation accepts or declines, once, itself: one of its caseworkers or
   * supervisors answers, never the sender. Accepting names the linked case it opens for her.
   */
  RecordCrossBorderReferralResponse: (s, c, ctx) => {
    requireOneOf(c.response, REFERRAL_RESPONSES, 'R18', 'response');
    const referral = s.referrals.find((r) => r.referralId === c.referralId);
    if (!referral) throw new RuleViolation('R18', 'referralId names no referral.', 'invalid');
    if (ctx.legacy?.referralsAnsweredBySender) {
      if (referral.status !== 'sent') {
        throw new RuleViolation('R18', `The referral is already ${referral.status}.`);
      }
      const data = { referralId: referral.referralId, respondedAt: ctx.now };
      return [
        c.response === 'accepted'
          ? { type: 'CrossBorderReferralAccepted', data }
          : { type: 'CrossBorderReferralDeclined', data },
      ];
    }
    requireReceiver(referral, ctx);
    if (referral.status !== 'sent') {
      throw new RuleViolation('R18', `The referral is already ${referral.status}.`);
    }
    if (c.response === 'declined') {
      if (c.linkedCaseId !== undefined || c.linkedCaseReference !== undefined) {
        throw new RuleViolation('R18', 'A declined referral opens no linked case.', 'invalid');
      }
      if (c.reasonCode !== undefined) {
        requireOneOf(c.reasonCode, REFERRAL_DECLINE_REASONS, 'R18', 'reasonCode');
      }
      return [
        {
          type: 'CrossBorderReferralDeclined',
          data: {
            referralId: referral.referralId,
            respondedAt: ctx.now,
            ...(c.reasonCode !== undefined && { reasonCode: c.reasonCode }),
          },
        },
      ];
    }
    if (c.reasonCode !== undefined) {
      throw new RuleViolation('R18', 'reasonCode is for a declined referral only.', 'invalid');
    }
    requireOpaqueId(c.linkedCaseId, 'R18', 'linkedCaseId');
    return [
      {
        type: 'CrossBorderReferralAccepted',
        data: {
          referralId: referral.referralId,
          respondedAt: ctx.now,
          linkedCaseId: c.linkedCaseId,
          ...(c.linkedCaseReference !== undefined && {
            linkedCaseReference: c.linkedCaseReference,
          }),
        },
      },
    ];
  },

  /** R18, P4: on the receiver's linked case, the sender's sharing stopped (consent withdrawn). */
  RecordLinkedSharingStopped: (s, c, ctx) => {
    const from = s.linkedFrom;
    if (!from || from.sourceCaseId !== c.sourceCaseId || from.referralId !== c.referralId) {
      throw new RuleViolation('R18', 'This case was not opened from that referral.', 'invalid');
    }
    if (from.sharingStoppedAt) throw new RuleViolation('R18', 'Sharing has already stopped.');
    if (ctx.actor && !['caseworker', 'supervisor', 'system'].includes(ctx.actor.role)) {
      throw new RuleViolation('R18', 'Recorded for the sending organisation only.', 'forbidden');
    }
    return [
      {
        type: 'LinkedSharingStopped',
        data: { sourceCaseId: from.sourceCaseId, referralId: from.referralId, stoppedAt: ctx.now },
      },
    ];
  },
};

/** R18: only a caseworker or supervisor of the receiving organisation answers a referral. */
function requireReceiver(referral: ReferralRecord, ctx: DecisionContext): void {
  const a = ctx.actor;
  if (
    !a ||
    a.organisationId !== referral.recipientOrganisationId ||
    (a.role !== 'caseworker' && a.role !== 'supervisor')
  ) {
    throw new RuleViolation(
      'R18',
      'The receiving organisation answers a referral itself (its caseworker or supervisor).',
      'forbidden',
    );
  }
}

/**
 * R18, P4: withdrawing her data-sharing consent withdraws a referral not yet answered under it,
 * and stops further sharing under a referral already accepted (recorded on both cases).
 */
export function referralsOnConsentWithdrawn(
  s: OpenCaseState,
  consentId: string,
  ctx: DecisionContext,
): CaseEvent[] {
  if (ctx.legacy?.referralsAnsweredBySender) return [];
  return s.referrals.flatMap((r): CaseEvent[] => {
    if (r.consentId !== consentId) return [];
    if (r.status === 'sent') {
      return [
        {
          type: 'CrossBorderReferralWithdrawn',
          data: { referralId: r.referralId, consentId, withdrawnAt: ctx.now },
        },
      ];
    }
    if (r.status === 'accepted' && !r.sharingStoppedAt) {
      return [
        {
          type: 'CrossBorderReferralSharingStopped',
          data: {
            referralId: r.referralId,
            consentId,
            ...(r.linkedCaseId !== undefined && { linkedCaseId: r.linkedCaseId }),
            stoppedAt: ctx.now,
          },
        },
      ];
    }
    return [];
  });
}
