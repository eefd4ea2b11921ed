import { useQuery } from '@tanstack/react-query';
import { api, apiFetch, unwrap } from '../../lib/api/client';
import { toProblem } from '../../lib/api/problem';
import type { components } from '../../lib/api/schema';

export type Statistics = components['schemas']['StatisticsDto'];
export type Dimension = Statistics['groupBy'][number];
export const DIMENSIONS: readonly Dimension[] = [
  'phase',
  'pathway',
  'status',
  'referralSource',
  'referralSourceType',
  'formOfExploitation',
  'country',
  'sex',
  'ageBand',
  'citizenship',
];

/**
 * ADR 0017: her sex, age band and citizenship are counted apart from the case's other dimensions
 * (de-identified counts by month of opening): they combine only with each other.
 */
export const PERSON_DIMENSIONS: readonly Dimension[] = ['sex', 'ageBand', 'citizenship'];
export const isPersonDimension = (d: Dimension | ''): boolean =>
  d !== '' && PERSON_DIMENSIONS.includes(d);

/** Whole months around the days chosen: the first of the first month, the last of the last. */
export function wholeMonths(from: string, to: string): { from?: string; to?: string } {
  const out: { from?: string; to?: string } = {};
  if (/^\d{4}-\d{2}-\d{2}$/.test(from)) out.from = `${from.slice(0, 7)}-01`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(to)) {
    const [y, m] = [Number(to.slice(0, 4)), Number(to.slice(5, 7))];
    out.to = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  }
  return out;
}

export interface StatisticsRequest {
  readonly groupBy: readonly Dimension[];
  readonly from?: string;
  readonly to?: string;
}

function query(r: StatisticsRequest) {
  return {
    groupBy: r.groupBy.join(','),
    ...(r.from ? { from: r.from } : {}),
    ...(r.to ? { to: r.to } : {}),
  };
}

/** P8: anonymised case counts; cells below the threshold come back suppressed (count null). */
export function useStatistics(r: StatisticsRequest) {
  return useQuery({
    queryKey: ['statistics', r],
    queryFn: () => unwrap(api.GET('/api/v1/statistics/cases', { params: { query: query(r) } })),
  });
}

/**
 * The same table as CSV, saved as a file: fetched with the bearer token in a header (never a
 * URL carrying a token), then handed to the browser as a Blob URL that is revoked at once.
 */
export async function downloadCsv(r: StatisticsRequest): Promise<void> {
  const url = new URL('/api/v1/statistics/cases', window.location.origin);
  for (const [k, v] of Object.entries({ ...query(r), format: 'csv' })) url.searchParams.set(k, v);
  const res = await apiFetch(new Request(url, { headers: { Accept: 'text/csv' } }));
  if (!res.ok) {
    const text = await res.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    throw toProblem(res.status, body);
  }
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  try {
    const a = document.createElement('a');
    a.href = href;
    a.download = `case-statistics-${r.groupBy.join('-') || 'total'}.csv`;
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    // After the click the browser holds its own reference to the download.
    setTimeout(() => URL.revokeObjectURL(href), 0);
  }
}

export type Indicators = components['schemas']['IndicatorsDto'];
export type IndicatorRow = Indicators['rows'][number];

export interface IndicatorsRequest {
  readonly from?: string;
  readonly to?: string;
}

/** P8: the network's indicators over the cases opened in the window, small cells suppressed. */
export function useIndicators(r: IndicatorsRequest) {
  return useQuery({
    queryKey: ['indicators', r],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/statistics/indicators', {
          params: { query: { ...(r.from ? { from: r.from } : {}), ...(r.to ? { to: r.to } : {}) } },
        }),
      ),
  });
}
