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
  await save(res, name);
}

/**
 * A file the API answers to a POST (the subject-data zip): the JSON body (which may hold a
 * password) goes in the request body, never the URL. Saved under the server's
 * Content-Disposition filename when it gives a plain one, else under `fallbackName`.
 */
export async function downloadPosted(
  path: string,
  body: unknown,
  fallbackName: string,
): Promise<void> {
  const res = await apiFetch(
    new Request(new URL(path, window.location.origin), {
      method: 'POST',
      headers: { Accept: 'application/zip, application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
  await save(res, dispositionFilename(res.headers.get('Content-Disposition')) ?? fallbackName);
}

/** `attachment; filename="X-2026-01-02.zip"` → the name, only when made of safe characters. */
export function dispositionFilename(header: string | null): string | undefined {
  const name = /filename="?([^";]+)"?/i.exec(header ?? '')?.[1];
  return name && /^[A-Za-z0-9._-]{1,120}$/.test(name) ? name : undefined;
}

async function save(res: Response, name: string): Promise<void> {
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
