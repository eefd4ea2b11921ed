import type { ReferralRecord } from '../state';
import type { Evolvers } from './types';

function answer(
  referrals: readonly ReferralRecord[],
  referralId: string,
  status: 'accepted' | 'declined',
  respondedAt: string,
): ReferralRecord[] {
  return referrals.map((r) => (r.referralId === referralId ? { ...r, status, respondedAt } : r));
}

export const referralEvolvers: Evolvers<
  'CrossBorderReferralSent' | 'CrossBorderReferralAccepted' | 'CrossBorderReferralDeclined'
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
    referrals: answer(s.referrals, e.data.referralId, 'accepted', e.data.respondedAt),
  }),
  CrossBorderReferralDeclined: (s, e) => ({
    ...s,
    referrals: answer(s.referrals, e.data.referralId, 'declined', e.data.respondedAt),
  }),
};
