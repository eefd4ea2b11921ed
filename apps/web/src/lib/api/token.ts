/**
 * The access token, in memory only (a module variable): never in localStorage, sessionStorage,
 * IndexedDB or a cookie. A reload loses it; the session then refreshes with the httpOnly refresh
 * cookie that JavaScript cannot read.
 */
let accessToken: string | null = null;
const listeners = new Set<() => void>();

export function getAccessToken(): string | null {
  return accessToken;
}

export function setAccessToken(token: string | null): void {
  accessToken = token;
}

/** Called when the session is over (refresh refused): the session provider shows sign-in. */
export function onSignedOut(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function signedOut(): void {
  accessToken = null;
  for (const l of listeners) l();
}
