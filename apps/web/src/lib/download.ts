import { apiFetch } from './api/client';
import { toProblem } from './api/problem';

/**
 * A file the API answers (CSV), saved by the browser: fetched with the bearer token in a header
 * (never a URL carrying a token), then handed over as a Blob URL that is revoked at once.
 */
export async function downloadFile(
  path: string,
  query: Readonly<Record<string, string>>,
  name: string,
): Promise<void> {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
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
  const href = URL.createObjectURL(await res.blob());
  try {
    const a = document.createElement('a');
    a.href = href;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    // After the click the browser holds its own reference to the download.
    setTimeout(() => URL.revokeObjectURL(href), 0);
  }
}
