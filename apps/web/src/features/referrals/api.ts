import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';
import type { components } from '../../lib/api/schema';

export type ReceivedReferral = components['schemas']['ReceivedReferralDto'];
export type ReceivedReferralDetail = components['schemas']['ReceivedReferralDetailDto'];
export type AnswerReferral = components['schemas']['AnswerReferralDto'];
export type DeclineReason = NonNullable<AnswerReferral['reasonCode']>;

export const DECLINE_REASONS: readonly DeclineReason[] = [
  'no-capacity',
  'outside-mandate',
  'outside-service-area',
  'needs-not-met',
  'other',
];

/** R18: the referrals sent to her organisation, newest first (no personal data). */
export function useReceivedReferrals() {
  return useQuery({
    queryKey: ['referrals', 'received'],
    queryFn: () => unwrap(api.GET('/api/v1/referrals/received')),
  });
}

/** One referral, with the data she consented to share: fetched (and audited) when opened. */
export function useReceivedReferral(caseId: string, referralId: string) {
  return useQuery({
    queryKey: ['referrals', 'received', caseId, referralId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/referrals/received/{caseId}/{referralId}', {
          params: { path: { caseId, referralId } },
        }),
      ),
    // Her data is shown while the page is open and not kept once it is left.
    gcTime: 0,
  });
}

/** Her organisation's answer: accepted (a linked case opens) or declined with a reason code. */
export function useAnswerReferral(caseId: string, referralId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AnswerReferral) =>
      unwrap(
        api.POST('/api/v1/referrals/received/{caseId}/{referralId}/answer', {
          params: { path: { caseId, referralId } },
          body,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['referrals', 'received'] }),
  });
}
