import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiFetch, requestJson, unwrap } from '../../lib/api/client';
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

type Schemas = components['schemas'];

/**
 * The case's read routes declare no path parameter in the OpenAPI document (their controller
 * lacks @ApiParam), so the typed client cannot fill `{caseId}`: read them by path, typed here.
 */
function read<T>(caseId: string, sub = ''): Promise<T> {
  return requestJson<T>('GET', `/api/v1/cases/${encodeURIComponent(caseId)}${sub}`);
}

/** The case and its ETag (for If-Match on the next command). */
export function useCase(caseId: string) {
  return useQuery({
    queryKey: ['case', caseId, 'summary'],
    queryFn: async () => {
      const res = await apiFetch(
        new Request(
          new URL(`/api/v1/cases/${encodeURIComponent(caseId)}`, window.location.origin),
          {
            headers: { Accept: 'application/json' },
          },
        ),
      );
      const text = await res.text();
      const body: unknown = text ? JSON.parse(text) : undefined;
      if (!res.ok) throw toProblem(res.status, body);
      const summary = body as CaseSummary;
      return { summary, etag: res.headers.get('ETag') ?? `"${summary.version}"` };
    },
  });
}

export function useActions(caseId: string) {
  return useQuery({
    queryKey: ['case', caseId, 'actions'],
    queryFn: () => read<Schemas['AvailableActionsDto']>(caseId, '/actions'),
  });
}

export function useDeadlines(caseId: string) {
  return useQuery({
    queryKey: ['case', caseId, 'deadlines'],
    queryFn: () => read<Schemas['DeadlinesDto']>(caseId, '/deadlines'),
  });
}

export function useReadiness(caseId: string) {
  return useQuery({
    queryKey: ['case', caseId, 'readiness'],
    queryFn: () => read<Schemas['ReadinessDto']>(caseId, '/readiness'),
  });
}

export function useTimeline(caseId: string) {
  return useQuery({
    queryKey: ['case', caseId, 'timeline'],
    queryFn: () => read<TimelineEntry[]>(caseId, '/timeline'),
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
