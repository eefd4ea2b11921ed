import {
  isPreflightedRequest,
  oidcCookieOptions,
  REFRESH_COOKIE_PATH,
  refreshCookieOptions,
} from './session-cookies';

const req = (headers: Record<string, string>) => ({ headers });

describe('session cookies', () => {
  it('keep the refresh token from scripts and from other sites, on the auth path only', () => {
    const expires = new Date('2026-11-29T16:00:00Z');
    expect(refreshCookieOptions(expires)).toEqual({
      httpOnly: true,
      secure: true,
      sameSite: 'strict',
      path: '/api/v1/auth',
      expires,
    });
    expect(REFRESH_COOKIE_PATH).toBe('/api/v1/auth');
  });

  it('let the OIDC transaction come back from the provider’s site (Lax), for ten minutes', () => {
    expect(oidcCookieOptions()).toEqual({
      httpOnly: true,
      secure: true,
      sameSite: 'lax',
      path: '/api/v1/auth/oidc',
      maxAge: 600_000,
    });
  });
});

describe('isPreflightedRequest (CSRF)', () => {
  it('accepts the custom header or a JSON body type, which no cross-site form can send', () => {
    expect(isPreflightedRequest(req({ 'x-requested-with': 'ariadne' }))).toBe(true);
    expect(isPreflightedRequest(req({ 'content-type': 'application/json' }))).toBe(true);
    expect(isPreflightedRequest(req({ 'content-type': 'Application/JSON; charset=utf-8' }))).toBe(
      true,
    );
  });

  it('refuses what a form, a link or an image sends', () => {
    const forms: Array<Record<string, string>> = [
      {},
      { 'content-type': 'text/plain' },
      { 'content-type': 'application/x-www-form-urlencoded' },
      { 'content-type': 'multipart/form-data; boundary=x' },
      { 'content-type': 'text/plain; application/json' },
      { 'content-type': 'application/jsonp' },
      { 'x-requested-with': 'XMLHttpRequest' },
    ];
    for (const headers of forms) {
      expect([headers, isPreflightedRequest(req(headers))]).toEqual([headers, false]);
    }
  });
});
