import { type AppConfig, ConfigError } from '@ariadne/config';

export const AUTH_SETTINGS = Symbol('AUTH_SETTINGS');

/** Local tokens name this issuer and audience; a token naming others is never one of ours. */
export const LOCAL_ISSUER = 'ariadne';
export const LOCAL_AUDIENCE = 'ariadne-api';

export interface LocalAuthSettings {
  readonly secret: Uint8Array;
  readonly ttlSeconds: number;
}

export interface OidcSettings {
  readonly issuer: string;
  readonly jwksUrl: URL;
  readonly audience: string;
  readonly algorithms: readonly string[];
  readonly userClaim: string;
  readonly orgClaim: string;
  readonly roleClaim: string;
  readonly trustClaims: boolean;
}

export interface AuthSettings {
  /** Null when local accounts are off (OIDC only). */
  readonly local: LocalAuthSettings | null;
  /** Null when no OIDC provider is configured. */
  readonly oidc: OidcSettings | null;
  readonly loginRateLimit: number;
  readonly loginRateWindowSeconds: number;
}

/**
 * The API's authentication settings, checked when it starts. AppConfig checks each variable's
 * form; what only the API needs (the signing secret) is required here, so that the worker and the
 * command-line tools run without it. Errors name variables, never their values.
 */
export function authSettings(c: AppConfig): AuthSettings {
  if (c.ARIADNE_AUTH_LOCAL && !c.ARIADNE_AUTH_SECRET) {
    throw new ConfigError(
      'ARIADNE_AUTH_SECRET is required while ARIADNE_AUTH_LOCAL is true ' +
        '(at least 32 random bytes, e.g. `openssl rand -base64 48`)',
    );
  }
  const oidcOn = Boolean(
    c.ARIADNE_OIDC_ISSUER && c.ARIADNE_OIDC_JWKS_URL && c.ARIADNE_OIDC_AUDIENCE,
  );
  if (!c.ARIADNE_AUTH_LOCAL && !oidcOn) {
    throw new ConfigError(
      'No authentication is configured: set ARIADNE_AUTH_LOCAL=true with ARIADNE_AUTH_SECRET, ' +
        'or ARIADNE_OIDC_ISSUER, ARIADNE_OIDC_JWKS_URL and ARIADNE_OIDC_AUDIENCE',
    );
  }
  if (oidcOn && c.ARIADNE_OIDC_ISSUER === LOCAL_ISSUER) {
    throw new ConfigError(`ARIADNE_OIDC_ISSUER must not be '${LOCAL_ISSUER}' (the local issuer)`);
  }
  return {
    local:
      c.ARIADNE_AUTH_LOCAL && c.ARIADNE_AUTH_SECRET
        ? {
            secret: new TextEncoder().encode(c.ARIADNE_AUTH_SECRET),
            ttlSeconds: c.ARIADNE_TOKEN_TTL,
          }
        : null,
    oidc: oidcOn
      ? {
          issuer: c.ARIADNE_OIDC_ISSUER!,
          jwksUrl: new URL(c.ARIADNE_OIDC_JWKS_URL!),
          audience: c.ARIADNE_OIDC_AUDIENCE!,
          algorithms: c.ARIADNE_OIDC_ALGORITHMS.split(','),
          userClaim: c.ARIADNE_OIDC_USER_CLAIM,
          orgClaim: c.ARIADNE_OIDC_ORG_CLAIM,
          roleClaim: c.ARIADNE_OIDC_ROLE_CLAIM,
          trustClaims: c.ARIADNE_OIDC_TRUST_CLAIMS,
        }
      : null,
    loginRateLimit: c.ARIADNE_LOGIN_RATE_LIMIT,
    loginRateWindowSeconds: c.ARIADNE_LOGIN_RATE_WINDOW,
  };
}
