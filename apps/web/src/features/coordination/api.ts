import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';
import type { components } from '../../lib/api/schema';

export type ReadinessCase = components['schemas']['ReadinessCaseDto'];

export interface ReadinessFilters {
  readonly readiness?: 'ready' | 'incomplete';
  readonly organisationId?: string;
  readonly pathway?: 'return' | 'third-country';
}

/** R14/R16: the readiness board counted per organisation of her country. */
export function useReadinessCounts() {
  return useQuery({
    queryKey: ['coordination', 'counts'],
    queryFn: () => unwrap(api.GET('/api/v1/coordination/return-readiness/counts')),
  });
}

/** The cases on a departure path in her country with what each still lacks, a page at a time. */
export function useReadinessBoard(filters: ReadinessFilters) {
  return useInfiniteQuery({
    queryKey: ['coordination', 'board', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/coordination/return-readiness', {
          params: { query: { ...filters, limit: 25, cursor: pageParam } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/**
 * The cross-border side of the gate (R16, R18): the reception referral is the checklist's
 * `receiving-organisation` item, met once the receiving organisation has accepted.
 */
export function receptionAccepted(c: ReadinessCase): boolean | undefined {
  return c.returnChecklist.find((i) => i.item === 'receiving-organisation')?.met;
}

export type Referral = components['schemas']['ReferralDto'];
export type ReferralStatus = Referral['status'];

/** R18: the cross-border referrals of her country's cases with their answers, newest first. */
export function useReferrals(status: ReferralStatus | undefined) {
  return useInfiniteQuery({
    queryKey: ['coordination', 'referrals', status ?? 'all'],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/coordination/referrals', {
          params: { query: { status, limit: 25, cursor: pageParam } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
