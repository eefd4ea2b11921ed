import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';
import type { components } from '../../lib/api/schema';

export type AuditEntry = components['schemas']['AuditEntryDto'];
export type AuditVerification = components['schemas']['AuditVerificationDto'];

/** The API's filters (ids and action names only; kept in memory, never in the URL). */
export interface AuditFilters {
  readonly action?: string;
  readonly caseId?: string;
  readonly actorId?: string;
  /** ISO 8601 with offset. */
  readonly from?: string;
  readonly to?: string;
}

const PAGE = 50;

/** P5: the trail of her country, oldest first, a page at a time (keyset on seq). */
export function useAuditTrail(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ['audit', 'trail', filters],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/audit', {
          params: { query: { ...filters, limit: PAGE, after: pageParam } },
        }),
      ),
    getNextPageParam: (last) => (last.nextCursor === null ? undefined : Number(last.nextCursor)),
  });
}

/** Recomputes the whole hash chain on the server: ok with a count, or the first broken link. */
export function useVerifyChain() {
  return useMutation({
    mutationFn: () => unwrap(api.GET('/api/v1/audit/verify')),
  });
}
