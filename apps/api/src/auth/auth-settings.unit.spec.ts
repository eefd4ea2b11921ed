import { ConfigError, loadConfig } from '@ariadne/config';
import { authSettings } from './auth-settings';

const SECRET = 'k'.repeat(20) + 'Z'.repeat(28);
const base = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db' };
const oidc = {
  ARIADNE_OIDC_ISSUER: 'https://idp.example.org/realms/ariadne',
  ARIADNE_OIDC_JWKS_URL: 'https://idp.example.org/realms/ariadne/certs',
  ARIADNE_OIDC_AUDIENCE: 'ariadne-api',
};
const settings = (env: Record<string, string>) => authSettings(loadConfig({ ...base, ...env }));

/** The error message, checked to name the variable and never to contain the value. */
function failure(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected a configuration error');
}

describe('authentication settings', () => {
  it('defaults: local accounts on, 15-minute tokens, 5 logins a minute, no OIDC', () => {
    const s = settings({ ARIADNE_AUTH_SECRET: SECRET });
    expect(s.local?.ttlSeconds).toBe(900);
    expect(Buffer.from(s.local!.secret).toString()).toBe(SECRET);
    expect(s.oidc).toBeNull();
    expect(s.loginRateLimit).toBe(5);
    expect(s.loginRateWindowSeconds).toBe(60);
  });

  it('refuses to start local auth without a secret, naming the variable', () => {
    expect(failure(() => settings({}))).toMatch(/ARIADNE_AUTH_SECRET is required/);
  });

  it('refuses a short secret, naming the variable but not the value', () => {
    const short = 'tooShortButSecret123';
    const msg = failure(() => settings({ ARIADNE_AUTH_SECRET: short }));
    expect(msg).toMatch(/ARIADNE_AUTH_SECRET must be at least 32/);
    expect(msg).not.toContain(short);
  });

  it('bounds the token lifetime', () => {
    expect(
      failure(() => settings({ ARIADNE_AUTH_SECRET: SECRET, ARIADNE_TOKEN_TTL: '86400' })),
    ).toMatch(/ARIADNE_TOKEN_TTL/);
    expect(
      settings({ ARIADNE_AUTH_SECRET: SECRET, ARIADNE_TOKEN_TTL: '300' }).local?.ttlSeconds,
    ).toBe(300);
  });

  it('runs OIDC only, without a secret, when local auth is off', () => {
    const s = settings({ ARIADNE_AUTH_LOCAL: 'false', ...oidc });
    expect(s.local).toBeNull();
    expect(s.oidc).toMatchObject({
      issuer: oidc.ARIADNE_OIDC_ISSUER,
      audience: 'ariadne-api',
      userClaim: 'sub',
      orgClaim: 'org',
      roleClaim: 'role',
      trustClaims: false,
      algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'],
    });
    expect(s.oidc?.jwksUrl.href).toBe(oidc.ARIADNE_OIDC_JWKS_URL);
  });

  it('refuses a configuration with no way to sign in', () => {
    expect(failure(() => settings({ ARIADNE_AUTH_LOCAL: 'false' }))).toMatch(
      /No authentication is configured/,
    );
  });

  it('needs the three OIDC variables together', () => {
    const msg = failure(() =>
      settings({ ARIADNE_AUTH_SECRET: SECRET, ARIADNE_OIDC_ISSUER: oidc.ARIADNE_OIDC_ISSUER }),
    );
    expect(msg).toMatch(/ARIADNE_OIDC_JWKS_URL: .*must be set together/);
    expect(msg).toMatch(/ARIADNE_OIDC_AUDIENCE: .*must be set together/);
  });

  it('fetches keys over https, plain http only on loopback', () => {
    const env = { ARIADNE_AUTH_SECRET: SECRET, ...oidc };
    expect(
      failure(() => settings({ ...env, ARIADNE_OIDC_JWKS_URL: 'http://idp.example.org/certs' })),
    ).toMatch(/ARIADNE_OIDC_JWKS_URL must use https/);
    expect(
      settings({ ...env, ARIADNE_OIDC_JWKS_URL: 'http://127.0.0.1:8080/certs' }).oidc?.jwksUrl.port,
    ).toBe('8080');
  });

  it('accepts asymmetric algorithms only', () => {
    const env = { ARIADNE_AUTH_SECRET: SECRET, ...oidc };
    expect(failure(() => settings({ ...env, ARIADNE_OIDC_ALGORITHMS: 'RS256,HS256' }))).toMatch(
      /ARIADNE_OIDC_ALGORITHMS/,
    );
    expect(settings({ ...env, ARIADNE_OIDC_ALGORITHMS: 'ES384' }).oidc?.algorithms).toEqual([
      'ES384',
    ]);
  });

  it('refuses an OIDC issuer that would pass for the local one', () => {
    expect(
      failure(() =>
        settings({ ARIADNE_AUTH_SECRET: SECRET, ...oidc, ARIADNE_OIDC_ISSUER: 'ariadne' }),
      ),
    ).toMatch(/ARIADNE_OIDC_ISSUER must not be 'ariadne'/);
  });

  describe('sessions', () => {
    it('default to an 8-hour session ending after 15 idle minutes', () => {
      expect(settings({ ARIADNE_AUTH_SECRET: SECRET }).session).toEqual({
        refreshTtlSeconds: 8 * 3600,
        idleTimeoutSeconds: 900,
      });
    });

    it('refuse an idle time under two minutes, naming the variable', () => {
      expect(
        failure(() => settings({ ARIADNE_AUTH_SECRET: SECRET, ARIADNE_IDLE_TIMEOUT: '60' })),
      ).toMatch(/ARIADNE_IDLE_TIMEOUT must be at least 120/);
      expect(
        failure(() => settings({ ARIADNE_AUTH_SECRET: SECRET, ARIADNE_REFRESH_TTL: '10' })),
      ).toMatch(/ARIADNE_REFRESH_TTL/);
    });

    it('never let an access token outlive the idle time', () => {
      const s = settings({
        ARIADNE_AUTH_SECRET: SECRET,
        ARIADNE_IDLE_TIMEOUT: '300',
        ARIADNE_TOKEN_TTL: '900',
      });
      expect(s.local?.ttlSeconds).toBe(300);
      expect(s.session.idleTimeoutSeconds).toBe(300);
    });
  });

  describe('OIDC sign-in by redirect', () => {
    const redirect = {
      ARIADNE_OIDC_ISSUER: 'https://idp.example.org/realms/ariadne',
      ARIADNE_OIDC_CLIENT_ID: 'ariadne-web',
      ARIADNE_OIDC_REDIRECT_URI: 'https://ariadne.example.org/api/v1/auth/oidc/callback',
    };

    it('is off by default', () => {
      expect(settings({ ARIADNE_AUTH_SECRET: SECRET }).oidcLogin).toBeNull();
    });

    it('needs issuer, client id and redirect URI, but not the bearer-token variables', () => {
      const s = settings({ ARIADNE_AUTH_SECRET: SECRET, ...redirect });
      expect(s.oidcLogin).toMatchObject({
        clientId: 'ariadne-web',
        clientSecret: null,
        scope: 'openid',
        userClaim: 'sub',
      });
      expect(s.oidcLogin?.issuer.href).toBe('https://idp.example.org/realms/ariadne');
      expect(s.oidc).toBeNull();
      const msg = failure(() =>
        settings({ ARIADNE_AUTH_SECRET: SECRET, ARIADNE_OIDC_CLIENT_ID: 'ariadne-web' }),
      );
      expect(msg).toMatch(/ARIADNE_OIDC_ISSUER/);
      expect(msg).toMatch(/ARIADNE_OIDC_REDIRECT_URI/);
    });

    it('runs without local accounts, but still needs the secret that signs access tokens', () => {
      const s = settings({ ARIADNE_AUTH_LOCAL: 'false', ARIADNE_AUTH_SECRET: SECRET, ...redirect });
      expect(s.passwordLogin).toBe(false);
      expect(s.local).not.toBeNull();
      expect(failure(() => settings({ ARIADNE_AUTH_LOCAL: 'false', ...redirect }))).toMatch(
        /ARIADNE_AUTH_SECRET is required/,
      );
    });

    it('keeps a client secret without showing it, and asks for more scopes when told', () => {
      const s = settings({
        ARIADNE_AUTH_SECRET: SECRET,
        ...redirect,
        ARIADNE_OIDC_CLIENT_SECRET: 'client-secret-value',
        ARIADNE_OIDC_SCOPE: 'openid profile',
      });
      expect(s.oidcLogin?.clientSecret).toBe('client-secret-value');
      expect(s.oidcLogin?.scope).toBe('openid profile');
      expect(
        failure(() =>
          settings({ ARIADNE_AUTH_SECRET: SECRET, ...redirect, ARIADNE_OIDC_SCOPE: 'profile' }),
        ),
      ).toMatch(/ARIADNE_OIDC_SCOPE must include openid/);
    });

    it('talks to the provider and comes back over https only (plain http on loopback)', () => {
      const env = { ARIADNE_AUTH_SECRET: SECRET, ...redirect };
      expect(
        failure(() => settings({ ...env, ARIADNE_OIDC_ISSUER: 'http://idp.example.org' })),
      ).toMatch(/ARIADNE_OIDC_ISSUER must be an https URL/);
      expect(
        failure(() =>
          settings({ ...env, ARIADNE_OIDC_REDIRECT_URI: 'http://ariadne.example.org/cb' }),
        ),
      ).toMatch(/ARIADNE_OIDC_REDIRECT_URI must use https/);
      const local = settings({
        ...env,
        ARIADNE_OIDC_ISSUER: 'http://127.0.0.1:8080',
        ARIADNE_OIDC_REDIRECT_URI: 'http://localhost:3000/api/v1/auth/oidc/callback',
      });
      expect(local.oidcLogin?.issuer.port).toBe('8080');
    });
  });
});
