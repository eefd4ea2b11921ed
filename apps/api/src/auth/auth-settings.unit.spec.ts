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
});
