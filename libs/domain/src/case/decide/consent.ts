import { RuleViolation } from '../../errors';
import { isAtOrAfter } from '../../policy/duration';
import type { ConsentScope } from '../commands';
import type { CaseEvent } from '../events';
import { communicationRecord, DATA_CATEGORIES } from '../personal';
import type { OpenCaseState } from '../state';
import { isDeparturePathway, REFERRAL_PURPOSES, SERVICE_KINDS } from '../types';
import { referralsOnConsentWithdrawn } from './referral';
import {
  type Deciders,
  nextId,
  requireAllOf,
  requireCommunication,
  requireOneOf,
  requireOpaqueId,
  requireRecorderOfHerDecision,
} from './context';

function validateScope(s: OpenCaseState, scope: ConsentScope): void {
  if (scope.kind === 'service') {
    requireOneOf(scope.service, SERVICE_KINDS, 'R5', 'scope.service');
  } else if (scope.kind === 'return') {
    // Consent to a departure is consent to the departure she chose (R12, R14).
    if (!isDeparturePathway(s.pathway)) {
      throw new RuleViolation(
        'R14',
        'Consent to return is given for her chosen return or third-country pathway; none is chosen.',
      );
    }
    if (s.departure) throw new RuleViolation('R17', 'She has already departed.');
  } else if (scope.kind === 'data-sharing') {
    requireOpaqueId(scope.recipientOrganisationId, 'R18', 'scope.recipientOrganisationId');
    requireOneOf(scope.purpose, REFERRAL_PURPOSES, 'R18', 'scope.purpose');
    requireAllOf(scope.categories, DATA_CATEGORIES, 'R18', 'scope.categories');
  } else {
    throw new RuleViolation('R5', 'scope.kind must be service, return or data-sharing.', 'invalid');
  }
}

/** P4: an expiry, when she sets one, is a timestamp strictly after the decision. */
function validExpiry(expiresAt: unknown, now: string): string | undefined {
  if (expiresAt === undefined) return undefined;
  const valid = typeof expiresAt === 'string' && !Number.isNaN(Date.parse(expiresAt));
  if (!valid || isAtOrAfter(now, expiresAt)) {
    throw new RuleViolation('P4', 'expiresAt must be an ISO timestamp in the future.', 'invalid');
  }
  return new Date(expiresAt).toISOString();
}

export const consentDeciders: Deciders<'GiveConsent' | 'WithdrawConsent'> = {
  GiveConsent: (s, c, ctx) => {
    requireRecorderOfHerDecision(ctx, 'R5');
    requireCommunication(c.communication, 'R5');
    validateScope(s, c.scope);
    const expiresAt = validExpiry(c.expiresAt, ctx.now);
    return [
      {
        type: 'ConsentGiven',
        data: {
          consentId: nextId('consent', s.consents.length),
          scope: c.scope,
          givenAt: ctx.now,
          ...(expiresAt !== undefined && { expiresAt }),
          ...communicationRecord(c.communication),
        },
      },
    ];
  },

  /** R5, P4: withdrawable at any time. R15: withdrawing a return before departure suspends it. */
  WithdrawConsent: (s, c, ctx) => {
    requireRecorderOfHerDecision(ctx, 'R5');
    requireCommunication(c.communication, 'R5');
    const consent = s.consents.find((x) => x.consentId === c.consentId);
    if (!consent) throw new RuleViolation('R5', 'consentId names no consent of hers.', 'invalid');
    if (consent.withdrawnAt) throw new RuleViolation('R5', 'This consent is already withdrawn.');
    const withdrawn: CaseEvent = {
      type: 'ConsentWithdrawn',
      data: {
        consentId: consent.consentId,
        scope: consent.scope,
        withdrawnAt: ctx.now,
        ...communicationRecord(c.communication),
      },
    };
    if (consent.scope.kind === 'data-sharing') {
      return [withdrawn, ...referralsOnConsentWithdrawn(s, consent.consentId, ctx)];
    }
    if (consent.scope.kind !== 'return' || s.departure || !isDeparturePathway(s.pathway)) {
      return [withdrawn];
    }
    return [
      withdrawn,
      { type: 'ReturnSuspended', data: { pathway: s.pathway, suspendedAt: ctx.now } },
    ];
  },
};
