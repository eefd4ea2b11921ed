import { useInfiniteQuery } from '@tanstack/react-query';
import { requestJson } from '../../lib/api/client';

/** One row of GET /api/v1/cases (no personal data: reference, phase, deadlines). */
export interface CaseListItem {
  readonly caseId: string;
  readonly reference: string | null;
  readonly phase: string;
  readonly status: string;
  readonly pathway: string | null;
  readonly stalled?: boolean;
  readonly stalledSince?: string | null;
  readonly nextDeadline?: { readonly deadline: string; readonly dueAt: string } | null;
  readonly earliestDueAt?: string | null;
}

export interface CaseListPage {
  readonly items: readonly CaseListItem[];
  readonly nextCursor: string | null;
}

export interface CaseFilters {
  readonly phase?: string;
  readonly status?: string;
  readonly stalled?: 'true' | 'false';
  readonly pathway?: string;
}

const PAGE = 25;

/** The caller's cases, sorted by next deadline by the API, a page at a time (keyset cursor). */
export function useMyCases(filters: CaseFilters) {
  return useInfiniteQuery({
    queryKey: ['cases', 'list', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      requestJson<CaseListPage>('GET', '/api/v1/cases', {
        query: { ...filters, limit: PAGE, cursor: pageParam },
      }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function isStalled(c: CaseListItem): boolean {
  return c.stalled ?? (c.stalledSince !== undefined && c.stalledSince !== null);
}

export function nextDueAt(c: CaseListItem): string | null {
  return c.nextDeadline?.dueAt ?? c.earliestDueAt ?? null;
}
