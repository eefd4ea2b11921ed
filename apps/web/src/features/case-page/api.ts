import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiFetch, unwrap } from '../../lib/api/client';
import { toProblem } from '../../lib/api/problem';
import type { components } from '../../lib/api/schema';
import type { CommandSchema, FormValues } from '../../components/forms/schema';

export type CaseSummary = components['schemas']['CaseSummaryDto'];
export type TimelineEntry = components['schemas']['TimelineEntryDto'];
export type Deadline = components['schemas']['DeadlineDto'];
export type Readiness = components['schemas']['ReadinessDto'];
export type AvailableAction = components['schemas']['AvailableActionDto'];
export type Person = components['schemas']['PersonDto'];
export type PersonCategory = components['schemas']['PersonCategoryDto'];

/** The case and its ETag (for If-Match on the next command). */
export function useCase(caseId: string) {
  return useQuery({
    queryKey: ['case', caseId, 'summary'],
    queryFn: async () => {
      const { data, error, response } = await api.GET('/api/v1/cases/{caseId}', {
        params: { path: { caseId } },
      });
      if (!response.ok || error !== undefined || data === undefined) {
        throw toProblem(response.status, error);
      }
      return { summary: data, etag: response.headers.get('ETag') ?? `"${data.version}"` };
    },
  });
}

export function useActions(caseId: string) {
  return useQuery({
    queryKey: ['case', caseId, 'actions'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/cases/{caseId}/actions', { params: { path: { caseId } } })),
  });
}

export function useDeadlines(caseId: string) {
  return useQuery({
    queryKey: ['case', caseId, 'deadlines'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/cases/{caseId}/deadlines', { params: { path: { caseId } } })),
  });
}

export function useReadiness(caseId: string) {
  return useQuery({
    queryKey: ['case', caseId, 'readiness'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/cases/{caseId}/readiness', { params: { path: { caseId } } })),
  });
}

export function useTimeline(caseId: string) {
  return useQuery({
    queryKey: ['case', caseId, 'timeline'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/cases/{caseId}/timeline', { params: { path: { caseId } } })),
  });
}

/** Her current details; sensitive categories arrive folded. */
export function usePerson(caseId: string) {
  return useQuery({
    queryKey: ['case', caseId, 'person'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/cases/{caseId}/person', { params: { path: { caseId } } })),
  });
}

/**
 * One folded category, asked for when she clicks "Show": the API records the reveal in the
 * audit trail (`case.person.reveal`), so nothing is fetched before the click.
 */
export function useRevealedCategory(
  caseId: string,
  category: PersonCategory['category'],
  on: boolean,
) {
  return useQuery({
    queryKey: ['case', caseId, 'person', category],
    enabled: on,
    staleTime: 0,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/cases/{caseId}/person', {
          params: { path: { caseId }, query: { category } },
        }),
      ),
  });
}

export interface CommandRequest {
  readonly schema: CommandSchema;
  readonly body: FormValues;
  readonly pathValues?: Record<string, string>;
}

/**
 * Sends one command with the case's ETag as If-Match (a stale one answers 412: reload), then
 * refetches everything of the case. Answers the case summary the command produced.
 */
export function useCommand(caseId: string, etag: string | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ schema, body, pathValues = {} }: CommandRequest) => {
      const url = schema.path.replace(/\{(\w+)\}/g, (_, name: string) =>
        encodeURIComponent(name === 'caseId' ? caseId : (pathValues[name] ?? '')),
      );
      const headers: Record<string, string> = {
        Accept: 'application/json',
        'Content-Type': 'application/json',
      };
      if (schema.ifMatch && etag) headers['If-Match'] = etag;
      const res = await apiFetch(
        new Request(new URL(url, window.location.origin), {
          method: 'POST',
          headers,
          body: JSON.stringify(body),
        }),
      );
      const text = await res.text();
      const data: unknown = text ? JSON.parse(text) : undefined;
      if (!res.ok) throw toProblem(res.status, data);
      return data as CaseSummary;
    },
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ['case', caseId] }),
        client.invalidateQueries({ queryKey: ['cases'] }),
        client.invalidateQueries({ queryKey: ['tasks'] }),
      ]),
  });
}
