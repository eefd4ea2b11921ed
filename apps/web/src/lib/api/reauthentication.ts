import { getAccessToken, setAccessToken } from './token';
import type { TokenResponse } from './client';

/**
 * Re-authentication before a sensitive action (ASVS 7.5.3). When the API answers 401
 * `reauthentication-required`, apiFetch asks the handler registered here (the
 * <ReauthenticationDialog> of the application) to have her confirm it is her; it then retries
 * the request once. Nothing of it is stored anywhere but in memory: the password and the code
 * live in the dialog's state until it closes, the new access token in token.ts.
 */
export type ReauthenticationHandler = () => Promise<boolean>;

let handler: ReauthenticationHandler | null = null;
let pending: Promise<boolean> | null = null;

export const REAUTHENTICATE_PATH = '/api/v1/auth/reauthenticate';

/** The dialog registers itself; the returned function unregisters it. */
export function onReauthenticationRequired(h: ReauthenticationHandler): () => void {
  handler = h;
  return () => {
    if (handler === h) handler = null;
  };
}

/**
 * Asks her once, however many requests were refused at the same time; true when she confirmed
 * (a new token is in memory), false when she cancelled or no dialog is there.
 */
export function reauthenticate(): Promise<boolean> {
  if (!handler) return Promise.resolve(false);
  pending ??= handler().finally(() => {
    pending = null;
  });
  return pending;
}

/** Whether a 401 answer asks for re-authentication (problem type and `reauthenticate: true`). */
export async function isReauthenticationRequired(res: Response): Promise<boolean> {
  if (res.status !== 401 || !/json/.test(res.headers.get('content-type') ?? '')) return false;
  try {
    const body = (await res.clone().json()) as { type?: unknown; reauthenticate?: unknown };
    return (
      typeof body.type === 'string' &&
      body.type.endsWith('/reauthentication-required') &&
      body.reauthenticate === true
    );
  } catch {
    return false;
  }
}

export interface ReauthenticationProof {
  readonly password: string;
  readonly totp?: string;
  readonly recoveryCode?: string;
  /** A passkey's assertion (AuthenticationResponseJSON of @simplewebauthn/browser). */
  readonly webauthn?: object;
}

export type ReauthenticationOutcome =
  | { readonly kind: 'confirmed' }
  /** Her password is right; she has a second factor (these methods) to give too. */
  | { readonly kind: 'second-factor'; readonly methods: readonly string[] }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'too-many' }
  /** An account of the organisation's identity provider: she signs in again instead. */
  | { readonly kind: 'sign-in-again' }
  | { readonly kind: 'failed' };

/**
 * POST /auth/reauthenticate/passkey-options: a challenge for her passkeys (5 minutes, used once),
 * or null when the API gives none (no passkey, no network).
 */
export async function passkeyReauthenticationOptions(): Promise<Record<string, unknown> | null> {
  try {
    const res = await fetch(`${REAUTHENTICATE_PATH}/passkey-options`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'X-Requested-With': 'ariadne',
        Authorization: `Bearer ${getAccessToken() ?? ''}`,
      },
    });
    if (!res.ok) return null;
    const body = (await res.json()) as { options?: unknown };
    return typeof body.options === 'object' && body.options !== null
      ? (body.options as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** POST /auth/reauthenticate; on success the new access token replaces the old one in memory. */
export async function submitReauthentication(
  proof: ReauthenticationProof,
): Promise<ReauthenticationOutcome> {
  let res: Response;
  try {
    res = await fetch(REAUTHENTICATE_PATH, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'Content-Type': 'application/json',
        'X-Requested-With': 'ariadne',
        Authorization: `Bearer ${getAccessToken() ?? ''}`,
      },
      body: JSON.stringify(proof),
    });
  } catch {
    return { kind: 'failed' };
  }
  if (res.ok) {
    setAccessToken(((await res.json()) as TokenResponse).accessToken);
    return { kind: 'confirmed' };
  }
  const body = (await res.json().catch(() => ({}))) as { type?: unknown; methods?: unknown };
  const type = typeof body.type === 'string' ? body.type : '';
  if (type.endsWith('/second-factor-required')) {
    const methods = Array.isArray(body.methods)
      ? body.methods.filter((m): m is string => typeof m === 'string')
      : [];
    return { kind: 'second-factor', methods };
  }
  if (type.endsWith('/reauthentication-by-sign-in')) return { kind: 'sign-in-again' };
  if (res.status === 429) return { kind: 'too-many' };
  if (res.status === 401 || res.status === 400) return { kind: 'invalid' };
  return { kind: 'failed' };
}
