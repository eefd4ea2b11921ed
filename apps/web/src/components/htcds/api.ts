import { apiFetch } from '../../lib/api/client';
import { toProblem } from '../../lib/api/problem';
import type { components } from '../../lib/api/schema';

export type ImportReport = components['schemas']['HtcdsImportReportDto'];
export type HtcdsFormat = 'csv' | 'json';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function problemOf(res: Response): Promise<Error> {
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return toProblem(res.status, body);
}

/**
 * The HTCDS 2.0 de-identified export of her country, saved as a file: fetched with the bearer
 * token in a header, handed to the browser as a Blob URL revoked at once (as the statistics CSV).
 */
export async function downloadHtcds(format: HtcdsFormat): Promise<void> {
  const url = new URL('/api/v1/htcds/export', window.location.origin);
  url.searchParams.set('format', format);
  const res = await apiFetch(
    new Request(url, { headers: { Accept: format === 'csv' ? 'text/csv' : 'application/json' } }),
  );
  if (!res.ok) throw await problemOf(res);
  const href = URL.createObjectURL(await res.blob());
  try {
    const a = document.createElement('a');
    a.href = href;
    a.download = `htcds-2.0-export.${format}`;
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(href), 0);
  }
}

/** Sends the filled-in HTCDS Excel template: a dry run first, then the import itself. */
export async function importTemplate(file: File, dryRun: boolean): Promise<ImportReport> {
  const url = new URL('/api/v1/htcds/import', window.location.origin);
  url.searchParams.set('dryRun', String(dryRun));
  const res = await apiFetch(
    new Request(url, {
      method: 'POST',
      headers: { 'Content-Type': XLSX_TYPE, Accept: 'application/json' },
      body: await file.arrayBuffer(),
    }),
  );
  if (!res.ok) throw await problemOf(res);
  return (await res.json()) as ImportReport;
}
