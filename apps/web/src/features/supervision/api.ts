import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';
import type { components } from '../../lib/api/schema';

export type BoardCase = components['schemas']['BoardCaseDto'];
export type OverdueCase = components['schemas']['OverdueCaseDto'];
export type WorkloadRow = components['schemas']['WorkloadRowDto'];
export type DirectoryUser = components['schemas']['DirectoryUserDto'];

/** The filters the supervisor's lists share (ids only: nothing personal, and never in the URL). */
export interface BoardFilters {
  readonly phase?: components['schemas']['CaseSummaryDto']['phase'];
  readonly assigneeId?: string;
}

const PAGE = 25;

/** R21: stalled cases of her organisation, oldest stall first, a page at a time. */
export function useStalled(filters: BoardFilters) {
  return useInfiniteQuery({
    queryKey: ['supervision', 'stalled', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/supervision/stalled', {
          params: { query: { ...filters, limit: PAGE, cursor: pageParam } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** R19/R20: cases with an overdue obligation, most overdue first. */
export function useOverdue(filters: BoardFilters) {
  return useInfiniteQuery({
    queryKey: ['supervision', 'overdue', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/supervision/overdue', {
          params: { query: { ...filters, limit: PAGE, cursor: pageParam } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** R22: open, stalled and overdue cases per active caseworker and supervisor. */
export function useWorkload() {
  return useQuery({
    queryKey: ['supervision', 'workload'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/supervision/workload', { params: { query: { limit: 100 } } })),
  });
}

/** Her organisation's staff (names for ids), one page of up to 500. */
export function useDirectory() {
  return useQuery({
    queryKey: ['users'],
    queryFn: () => unwrap(api.GET('/api/v1/users', { params: { query: { limit: 500 } } })),
    staleTime: 5 * 60_000,
  });
}

/** The display name of a user id, or the id itself when the directory does not know it. */
export function nameOf(users: readonly DirectoryUser[] | undefined, id: string): string {
  return users?.find((u) => u.id === id)?.displayName ?? id;
}

/** The case version the supervisor saw, as the ETag the API wants in If-Match. */
export function ifMatch(c: { version: number }): string {
  return `"${c.version}"`;
}

export type ReassignmentReason = components['schemas']['ReassignCaseDto']['reason'];
export type EarlyEndReason = components['schemas']['EndReflectionPeriodEarlyDto']['reason'];

export const REASSIGNMENT_REASONS: readonly ReassignmentReason[] = [
  'caseworker-unavailable',
  'workload',
  'her-request',
  'conflict-of-interest',
];
export const EARLY_END_REASONS: readonly EarlyEndReason[] = ['public-order', 'improper-claim'];

function useRefreshBoards() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['supervision'] }),
      client.invalidateQueries({ queryKey: ['cases'] }),
      client.invalidateQueries({ queryKey: ['case'] }),
    ]);
}

/** R22: hand a case to another caseworker of her organisation (If-Match: the version seen). */
export function useReassign() {
  const refresh = useRefreshBoards();
  return useMutation({
    mutationFn: (v: { c: BoardCase; assigneeId: string; reason: ReassignmentReason }) =>
      unwrap(
        api.POST('/api/v1/cases/{caseId}/reassignment', {
          params: { path: { caseId: v.c.caseId }, header: { 'If-Match': ifMatch(v.c) } },
          body: { assigneeId: v.assigneeId, reason: v.reason },
        }),
      ),
    onSuccess: refresh,
  });
}

/** R8: end the reflection period early, for one of the two reasons CoE 13(3) allows. */
export function useEndReflectionEarly() {
  const refresh = useRefreshBoards();
  return useMutation({
    mutationFn: (v: { c: BoardCase; reason: EarlyEndReason }) =>
      unwrap(
        api.POST('/api/v1/cases/{caseId}/reflection/early-end', {
          params: { path: { caseId: v.c.caseId }, header: { 'If-Match': ifMatch(v.c) } },
          body: { reason: v.reason },
        }),
      ),
    onSuccess: refresh,
  });
}

/** A reflection period that runs now: started and not yet ended (R7). */
export function reflectionRunning(c: BoardCase): boolean {
  return c.reflectionStartedAt !== null && c.reflectionEndedAt === null && c.status === 'open';
}
