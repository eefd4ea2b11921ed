import type { CookieOptions, Request } from 'express';

/** The refresh token's cookie; sent only to the auth routes. */
export const REFRESH_COOKIE = 'ariadne_refresh';
export const REFRESH_COOKIE_PATH = '/api/v1/auth';
/** The state of one sign-in by redirect (encrypted), for the callback only. */
export const OIDC_COOKIE = 'ariadne_oidc';
export const OIDC_COOKIE_PATH = '/api/v1/auth/oidc';
export const OIDC_TRANSACTION_SECONDS = 600;

/**
 * httpOnly: no script reads it, an injected one included. Secure always (browsers treat
 * http://localhost and 127.0.0.1 as secure, so the local stack works too). SameSite=Strict: a
 * request started by another site never carries it.
 */
export function refreshCookieOptions(expires?: Date): CookieOptions {
  return {
    httpOnly: true,
    secure: true,
    sameSite: 'strict',
    path: REFRESH_COOKIE_PATH,
    ...(expires ? { expires } : {}),
  };
}

/**
 * Lax, not Strict: the provider sends her back with a top-level navigation from its own site,
 * which must carry this cookie; it holds no credential, only what ties the callback to the start.
 */
export function oidcCookieOptions(withLifetime = true): CookieOptions {
  return {
    httpOnly: true,
    secure: true,
    sameSite: 'lax',
    path: OIDC_COOKIE_PATH,
    ...(withLifetime ? { maxAge: OIDC_TRANSACTION_SECONDS * 1000 } : {}),
  };
}

export function cookieOf(req: Request, name: string): unknown {
  const cookies = (req as Request & { cookies?: Record<string, unknown> }).cookies;
  return cookies?.[name];
}

/**
 * CSRF defence for the cookie-authenticated routes (refresh, logout), besides SameSite=Strict:
 * the request must not be one a page of another origin can send without a CORS preflight,
 * i.e. it carries `X-Requested-With: ariadne` or a JSON body type. Forms, links and images can
 * send neither; a script of another origin that tries is stopped by the preflight, since CORS
 * is closed unless ARIADNE_CORS_ORIGINS names it.
 */
export function isPreflightedRequest(req: Pick<Request, 'headers'>): boolean {
  if (req.headers['x-requested-with'] === 'ariadne') return true;
  const type = req.headers['content-type'];
  return typeof type === 'string' && /^application\/json\s*(;|$)/i.test(type);
}
