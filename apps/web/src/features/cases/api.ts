import { useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';
import type { components, operations } from '../../lib/api/schema';

/** One row of GET /api/v1/cases (no personal data: reference, phase, deadlines). */
export type CaseListItem = components['schemas']['CaseSummaryDto'];

type ListQuery = NonNullable<operations['ListCases']['parameters']['query']>;

/** The filters as the page's selects hold them ('' or absent: any). */
export interface CaseFilters {
  readonly phase?: ListQuery['phase'];
  readonly status?: ListQuery['status'];
  readonly stalled?: 'true' | 'false';
  readonly pathway?: ListQuery['pathway'];
}

const PAGE = 25;

/** The caller's cases, sorted by next deadline by the API, a page at a time (keyset cursor). */
export function useMyCases(filters: CaseFilters) {
  return useInfiniteQuery({
    queryKey: ['cases', 'list', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/cases', {
          params: {
            query: {
              phase: filters.phase,
              status: filters.status,
              stalled: filters.stalled === undefined ? undefined : filters.stalled === 'true',
              pathway: filters.pathway,
              limit: PAGE,
              cursor: pageParam,
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function isStalled(c: CaseListItem): boolean {
  return c.stalledSince !== null;
}

/** R19: the earliest obligation not yet met, the order of the list. */
export function nextDueAt(c: CaseListItem): string | null {
  return c.earliestDueAt ?? c.nextDueAt;
}
