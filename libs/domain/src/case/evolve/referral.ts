import type { ReferralRecord } from '../state';
import type { Evolvers } from './types';

function update(
  referrals: readonly ReferralRecord[],
  referralId: string,
  change: (r: ReferralRecord) => ReferralRecord,
): ReferralRecord[] {
  return referrals.map((r) => (r.referralId === referralId ? change(r) : r));
}

export const referralEvolvers: Evolvers<
  | 'CrossBorderReferralSent'
  | 'CrossBorderReferralAccepted'
  | 'CrossBorderReferralDeclined'
  | 'CrossBorderReferralWithdrawn'
  | 'CrossBorderReferralSharingStopped'
  | 'ReferralReceived'
  | 'LinkedSharingStopped'
> = {
  CrossBorderReferralSent: (s, e) => ({
    ...s,
    referrals: [
      ...s.referrals,
      {
        referralId: e.data.referralId,
        recipientOrganisationId: e.data.recipientOrganisationId,
        purpose: e.data.purpose,
        consentId: e.data.consentId,
        status: 'sent',
        sentAt: e.data.sentAt,
      },
    ],
  }),
  CrossBorderReferralAccepted: (s, e) => ({
    ...s,
    referrals: update(s.referrals, e.data.referralId, (r) => ({
      ...r,
      status: 'accepted',
      respondedAt: e.data.respondedAt,
      ...(e.data.linkedCaseId !== undefined && { linkedCaseId: e.data.linkedCaseId }),
    })),
  }),
  CrossBorderReferralDeclined: (s, e) => ({
    ...s,
    referrals: update(s.referrals, e.data.referralId, (r) => ({
      ...r,
      status: 'declined',
      respondedAt: e.data.respondedAt,
    })),
  }),
  CrossBorderReferralWithdrawn: (s, e) => ({
    ...s,
    referrals: update(s.referrals, e.data.referralId, (r) => ({ ...r, status: 'withdrawn' })),
  }),
  CrossBorderReferralSharingStopped: (s, e) => ({
    ...s,
    referrals: update(s.referrals, e.data.referralId, (r) => ({
      ...r,
      sharingStoppedAt: e.data.stoppedAt,
    })),
  }),
  ReferralReceived: (s, e) => ({
    ...s,
    linkedFrom: {
      sourceCaseId: e.data.sourceCaseId,
      referralId: e.data.referralId,
      categories: e.data.categories,
    },
  }),
  LinkedSharingStopped: (s, e) =>
    s.linkedFrom
      ? { ...s, linkedFrom: { ...s.linkedFrom, sharingStoppedAt: e.data.stoppedAt } }
      : s,
};
