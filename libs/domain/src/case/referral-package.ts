import { RuleViolation } from '../errors';
import { isAtOrAfter } from '../policy/duration';
import type { LinkedReferral } from './commands';
import { requireAllOf, requireOneOf, requireOpaqueId } from './decide/context';
import { categoriesIn, DATA_CATEGORIES, type DataCategory, type PersonalData } from './personal';
import { REFERRAL_PURPOSES, type ReferralPurpose } from './types';

/**
 * The payload inside a referral package (docs/referral-package.md, version 1): a referral sent
 * from another Ariadne instance. Ids are the sender's own opaque ids.
 */
export interface ReferralPackagePayload {
  readonly referral: {
    readonly referralId: string;
    readonly purpose: ReferralPurpose;
    readonly categories: readonly DataCategory[];
    readonly sentAt: string;
  };
  readonly sender: {
    readonly organisationId: string;
    readonly country: string;
    readonly caseId: string;
    readonly reference?: string;
  };
  readonly recipient: { readonly organisationId: string; readonly country: string };
  /** The data-sharing consent the referral relies on (R18, P4), as the sender recorded it. */
  readonly consent: {
    readonly consentId: string;
    readonly recipientOrganisationId: string;
    readonly purpose: ReferralPurpose;
    readonly categories: readonly DataCategory[];
    readonly givenAt: string;
    readonly expiresAt?: string;
  };
  readonly personal: PersonalData;
}

const COUNTRY = /^[A-Z]{2}$/;

function requireCountry(value: unknown, field: string): asserts value is string {
  if (typeof value !== 'string' || !COUNTRY.test(value)) {
    throw new RuleViolation('R18', `${field} must be an ISO 3166-1 alpha-2 code.`, 'invalid');
  }
}

/**
 * R18 and P4 for a package from another instance, as for a referral within this one: addressed
 * to this organisation, from another country, under a current consent of hers for this
 * recipient and purpose that covers every category, carrying nothing outside them. Answers the
 * linked referral the receiver's case opens with; throws a RuleViolation naming what failed
 * (never a value).
 */
export function checkReferralPackage(
  payload: unknown,
  expect: { readonly organisationId: string; readonly country: string; readonly now: string },
): LinkedReferral {
  const p = payload as Partial<ReferralPackagePayload> | null;
  if (!p || typeof p !== 'object' || !p.referral || !p.sender || !p.recipient || !p.consent) {
    throw new RuleViolation('R18', 'The package payload is incomplete.', 'invalid');
  }
  const { referral, sender, recipient, consent } = p;
  requireOpaqueId(referral.referralId, 'R18', 'referral.referralId');
  requireOneOf(referral.purpose, REFERRAL_PURPOSES, 'R18', 'referral.purpose');
  requireAllOf(referral.categories, DATA_CATEGORIES, 'R18', 'referral.categories');
  requireOpaqueId(sender.organisationId, 'R18', 'sender.organisationId');
  requireOpaqueId(sender.caseId, 'R18', 'sender.caseId');
  requireCountry(sender.country, 'sender.country');
  requireCountry(recipient.country, 'recipient.country');
  if (recipient.organisationId !== expect.organisationId || recipient.country !== expect.country) {
    throw new RuleViolation(
      'R18',
      'The package is addressed to another organisation.',
      'forbidden',
    );
  }
  if (sender.country === recipient.country) {
    throw new RuleViolation('R18', 'A referral package comes from another country.', 'invalid');
  }
  const personal = p.personal ?? {};
  const undeclared = categoriesIn(personal).filter((k) => !referral.categories.includes(k));
  if (undeclared.length > 0) {
    throw new RuleViolation(
      'R18',
      `The package carries categories it does not list: ${undeclared.join(', ')}.`,
      'invalid',
    );
  }
  requireOpaqueId(consent.consentId, 'R18', 'consent.consentId');
  requireAllOf(consent.categories, DATA_CATEGORIES, 'R18', 'consent.categories');
  const covers =
    consent.recipientOrganisationId === recipient.organisationId &&
    consent.purpose === referral.purpose &&
    referral.categories.every((k) => consent.categories?.includes(k));
  if (!covers) {
    throw new RuleViolation(
      'R18',
      'Her consent does not cover this recipient, purpose and every category.',
    );
  }
  if (consent.expiresAt !== undefined && isAtOrAfter(expect.now, consent.expiresAt)) {
    throw new RuleViolation('R18', 'Her consent to share has expired.');
  }
  return {
    sourceCaseId: sender.caseId,
    ...(typeof sender.reference === 'string' && { sourceReference: sender.reference }),
    sourceOrganisationId: sender.organisationId,
    referralId: referral.referralId,
    purpose: referral.purpose,
    categories: referral.categories,
    personal,
  };
}
