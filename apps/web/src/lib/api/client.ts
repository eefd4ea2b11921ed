import createClient from 'openapi-fetch';
import { toProblem } from './problem';
import {
  isReauthenticationRequired,
  REAUTHENTICATE_PATH,
  reauthenticate,
} from './reauthentication';
import type { paths } from './schema';
import { getAccessToken, setAccessToken, signedOut } from './token';

/** What login and refresh answer (the auth contract; ADR 0006). */
export interface TokenResponse {
  readonly accessToken: string;
  readonly expiresIn: number;
}

const AUTH_PATHS = [
  '/api/v1/auth/login',
  '/api/v1/auth/refresh',
  '/api/v1/auth/logout',
  REAUTHENTICATE_PATH,
];

function isAuthPath(url: string): boolean {
  return AUTH_PATHS.includes(new URL(url, window.location.origin).pathname);
}

let refreshing: Promise<boolean> | null = null;

/**
 * Tabs share the refresh cookie. Two tabs presenting the same cookie at once would look like the
 * reuse of a rotated token, which ends the whole session (ADR 0006); a Web Lock lets one tab
 * refresh at a time, and the next one sends the cookie the first received.
 */
function acrossTabs<T>(run: () => Promise<T>): Promise<T> {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  return locks ? (locks.request('ariadne-session-refresh', run) as Promise<T>) : run();
}

/**
 * Exchanges the httpOnly refresh cookie for a new access token, once at a time however many
 * requests asked. False when there is no session (401) or the server has no refresh route yet.
 */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      const res = await acrossTabs(() =>
        fetch('/api/v1/auth/refresh', {
          method: 'POST',
          credentials: 'same-origin',
          // A header a cross-site form cannot send: the route refuses requests without it (CSRF).
          headers: { 'X-Requested-With': 'ariadne' },
        }),
      );
      if (!res.ok) return false;
      const body = (await res.json()) as TokenResponse;
      setAccessToken(body.accessToken);
      return true;
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

function authorise(request: Request): Request {
  const token = getAccessToken();
  if (token) request.headers.set('Authorization', `Bearer ${token}`);
  return request;
}

/**
 * Every API call goes through here: the bearer token from memory, an Idempotency-Key on every
 * POST (the same key when retried, so a command is never applied twice), and on 401 one refresh
 * and one retry; when the refresh is refused the session ends. A sensitive action refused with
 * 401 reauthentication-required (her sign-in is too old, ASVS 7.5.3) has her confirm it is her
 * in a dialog, then is sent once more; cancelled, the refusal stands.
 */
export async function apiFetch(request: Request): Promise<Response> {
  if (request.method === 'POST' && !request.headers.has('Idempotency-Key')) {
    request.headers.set('Idempotency-Key', crypto.randomUUID());
  }
  const spare = request.clone();
  const res = await send(request);
  if (res.status !== 401 || isAuthPath(request.url)) return res;
  if (await isReauthenticationRequired(res)) {
    if (!(await reauthenticate())) return res;
    return send(spare);
  }
  if (!(await refreshSession())) {
    signedOut();
    return res;
  }
  return send(spare);
}

/** The longest Retry-After the client waits out by itself (the API asks for 5 s). */
const MAX_RETRY_AFTER_S = 15;

/**
 * Sends once; on 503 with a short Retry-After (PostgreSQL or Temporal was away, or the command
 * was not confirmed in time) waits and sends once more with the same Idempotency-Key, so a
 * command that was in fact applied answers with its one result instead of an error.
 */
async function send(request: Request): Promise<Response> {
  const again = request.clone();
  const res = await fetch(authorise(request));
  const after = Number(res.headers.get('Retry-After'));
  if (res.status !== 503 || !(after > 0 && after <= MAX_RETRY_AFTER_S)) return res;
  await new Promise((resolve) => setTimeout(resolve, after * 1000));
  return fetch(authorise(again));
}

/** The typed client: `api.GET('/api/v1/inbox', { params: { query } })`. Paths from schema.d.ts. */
export const api = createClient<paths>({ baseUrl: '', fetch: apiFetch });

/** The data of a typed call, or throws an ApiProblem (status, rule, field errors). */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok || error !== undefined) throw toProblem(response.status, error);
  return data as T;
}

type Query = Record<string, string | number | boolean | undefined>;

/**
 * For routes that schema.d.ts does not know yet (being built in parallel): same token, key,
 * refresh and problem handling as `api`, with the caller's expected type. Switch to `api` once
 * `npm run api:types` has the route.
 */
export async function requestJson<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  options: { query?: Query; body?: unknown } = {},
): Promise<T> {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(options.query ?? {})) {
    if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
  }
  const init: RequestInit = { method, headers: { Accept: 'application/json' } };
  if (options.body !== undefined) {
    init.body = JSON.stringify(options.body);
    init.headers = { ...init.headers, 'Content-Type': 'application/json' };
  }
  const res = await apiFetch(new Request(url, init));
  const text = await res.text();
  const body: unknown = text ? JSON.parse(text) : undefined;
  if (!res.ok) throw toProblem(res.status, body);
  return body as T;
}
