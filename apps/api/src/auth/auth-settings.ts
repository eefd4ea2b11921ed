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

/** Sign-in by redirect to an OpenID Connect provider (authorisation code + PKCE). */
export interface OidcLoginSettings {
  /** Where discovery starts (`<issuer>/.well-known/openid-configuration`). */
  readonly issuer: URL;
  readonly clientId: string;
  /** Absent for a public client: PKCE alone then protects the code. */
  readonly clientSecret: string | null;
  readonly redirectUri: URL;
  readonly scope: string;
  /** The claim naming the account (ARIADNE_OIDC_USER_CLAIM). */
  readonly userClaim: string;
}

/** Browser sessions: refresh tokens in a cookie, rotated on use. */
export interface SessionSettings {
  /** Absolute lifetime of a session (a refresh-token family), from sign-in. */
  readonly refreshTtlSeconds: number;
  /** A session unused this long ends; no access token lives longer than this either. */
  readonly idleTimeoutSeconds: number;
}

export interface AuthSettings {
  /**
   * Our own access tokens: null when neither local accounts nor sign-in by redirect are on
   * (provider bearer tokens only).
   */
  readonly local: LocalAuthSettings | null;
  /** POST /auth/login with a local account's password. */
  readonly passwordLogin: boolean;
  /** Null when no provider's access tokens are accepted. */
  readonly oidc: OidcSettings | null;
  /** Null when sign-in by redirect is off (the default). */
  readonly oidcLogin: OidcLoginSettings | null;
  readonly session: SessionSettings;
  readonly loginRateLimit: number;
  readonly loginRateWindowSeconds: number;
}

/**
 * The API's authentication settings, checked when it starts. AppConfig checks each variable's
 * form; what only the API needs (the signing secret) is required here, so that the worker and the
 * command-line tools run without it. Errors name variables, never their values.
 */
export function authSettings(c: AppConfig): AuthSettings {
  const oidcLoginOn = Boolean(c.ARIADNE_OIDC_CLIENT_ID && c.ARIADNE_OIDC_REDIRECT_URI);
  if ((c.ARIADNE_AUTH_LOCAL || oidcLoginOn) && !c.ARIADNE_AUTH_SECRET) {
    throw new ConfigError(
      'ARIADNE_AUTH_SECRET is required while ARIADNE_AUTH_LOCAL is true or ARIADNE_OIDC_CLIENT_ID ' +
        'is set (at least 32 random bytes, e.g. `openssl rand -base64 48`)',
    );
  }
  const oidcOn = Boolean(
    c.ARIADNE_OIDC_ISSUER && c.ARIADNE_OIDC_JWKS_URL && c.ARIADNE_OIDC_AUDIENCE,
  );
  if (!c.ARIADNE_AUTH_LOCAL && !oidcOn && !oidcLoginOn) {
    throw new ConfigError(
      'No authentication is configured: set ARIADNE_AUTH_LOCAL=true with ARIADNE_AUTH_SECRET, ' +
        'or ARIADNE_OIDC_ISSUER with ARIADNE_OIDC_JWKS_URL and ARIADNE_OIDC_AUDIENCE, ' +
        'or with ARIADNE_OIDC_CLIENT_ID and ARIADNE_OIDC_REDIRECT_URI',
    );
  }
  if ((oidcOn || oidcLoginOn) && c.ARIADNE_OIDC_ISSUER === LOCAL_ISSUER) {
    throw new ConfigError(`ARIADNE_OIDC_ISSUER must not be '${LOCAL_ISSUER}' (the local issuer)`);
  }
  // Discovery fetches from the issuer URL: the same rule as for the key set.
  if (
    oidcLoginOn &&
    !/^(https:\/\/|http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$))/.test(
      c.ARIADNE_OIDC_ISSUER ?? '',
    )
  ) {
    throw new ConfigError(
      'ARIADNE_OIDC_ISSUER must be an https URL (plain http only on 127.0.0.1 or localhost) ' +
        'for sign-in by redirect',
    );
  }
  const session: SessionSettings = {
    refreshTtlSeconds: c.ARIADNE_REFRESH_TTL,
    idleTimeoutSeconds: c.ARIADNE_IDLE_TIMEOUT,
  };
  return {
    local:
      (c.ARIADNE_AUTH_LOCAL || oidcLoginOn) && c.ARIADNE_AUTH_SECRET
        ? {
            secret: new TextEncoder().encode(c.ARIADNE_AUTH_SECRET),
            // An access token never outlives the idle time: an unused session loses it too.
            ttlSeconds: Math.min(c.ARIADNE_TOKEN_TTL, c.ARIADNE_IDLE_TIMEOUT),
          }
        : null,
    passwordLogin: c.ARIADNE_AUTH_LOCAL,
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
    oidcLogin: oidcLoginOn
      ? {
          issuer: new URL(c.ARIADNE_OIDC_ISSUER!),
          clientId: c.ARIADNE_OIDC_CLIENT_ID!,
          clientSecret: c.ARIADNE_OIDC_CLIENT_SECRET ?? null,
          redirectUri: new URL(c.ARIADNE_OIDC_REDIRECT_URI!),
          scope: c.ARIADNE_OIDC_SCOPE,
          userClaim: c.ARIADNE_OIDC_USER_CLAIM,
        }
      : null,
    session,
    loginRateLimit: c.ARIADNE_LOGIN_RATE_LIMIT,
    loginRateWindowSeconds: c.ARIADNE_LOGIN_RATE_WINDOW,
  };
}
