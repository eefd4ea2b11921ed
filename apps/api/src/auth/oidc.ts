import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify } from 'jose';
import type { Actor } from '@ariadne/domain';
import { type IdentityRepository, isOpaqueId, isUserRole } from '@ariadne/persistence';
import type { OidcSettings } from './auth-settings';

/** Identity providers' clocks are not ours; a half-minute of skew is common and harmless. */
const CLOCK_TOLERANCE_SECONDS = 30;
/** Subjects longer than this are not ids any account could have. */
const MAX_SUBJECT_LENGTH = 254;

export class IdentityProviderUnavailable extends Error {
  override readonly name = 'IdentityProviderUnavailable';
}

/** Verifies access tokens of an OIDC provider against the keys it publishes (JWKS). */
export class OidcVerifier {
  private readonly keys: ReturnType<typeof createRemoteJWKSet>;

  constructor(readonly settings: OidcSettings) {
    // jose caches the key set, and refetches (at most every 30 s) when a token names an unknown
    // key, so a provider's key rotation needs no restart.
    this.keys = createRemoteJWKSet(settings.jwksUrl, {
      timeoutDuration: 5_000,
      cooldownDuration: 30_000,
      cacheMaxAge: 10 * 60_000,
    });
  }

  /**
   * The verified claims. Throws a jose error when the token is not valid, and
   * IdentityProviderUnavailable when the keys cannot be fetched: that is an outage, not a bad
   * token, and the client should not be told to sign in again.
   */
  async verify(token: string): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, this.keys, {
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        algorithms: [...this.settings.algorithms],
        requiredClaims: ['exp', this.settings.userClaim],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      });
      return payload;
    } catch (e) {
      const outage =
        e instanceof errors.JWKSTimeout ||
        e instanceof errors.JWKSInvalid ||
        !(e instanceof errors.JOSEError);
      if (outage) throw new IdentityProviderUnavailable('the OIDC key set could not be fetched');
      throw e;
    }
  }
}

export type OidcAccountLookup = Pick<
  IdentityRepository,
  'findUserBySubject' | 'organisationExists'
>;

/**
 * The actor verified OIDC claims stand for, or null. By default only the subject is taken from
 * the token and organisation and role come from the users table, so a provider that lets people
 * edit their own claims cannot make anyone a supervisor. With trustClaims the provider is the
 * authority for organisation and role; a known but deactivated account is refused either way.
 */
export type OidcClaimMapping = Pick<
  OidcSettings,
  'userClaim' | 'orgClaim' | 'roleClaim' | 'trustClaims'
>;

export async function oidcActor(
  claims: JWTPayload,
  settings: OidcClaimMapping,
  accounts: OidcAccountLookup,
): Promise<Actor | null> {
  const subject = claims[settings.userClaim];
  if (typeof subject !== 'string' || subject === '' || subject.length > MAX_SUBJECT_LENGTH) {
    return null;
  }
  const user = await accounts.findUserBySubject(subject);
  if (user && !user.active) return null;
  if (!settings.trustClaims) {
    return user ? { userId: user.id, organisationId: user.organisationId, role: user.role } : null;
  }
  const userId = user?.id ?? subject;
  const organisationId = claims[settings.orgClaim];
  const role = claims[settings.roleClaim];
  // Ids travel into events and logs: only opaque slugs may become one (P1).
  if (!isOpaqueId(userId) || !isOpaqueId(organisationId) || !isUserRole(role)) return null;
  if (!(await accounts.organisationExists(organisationId))) return null;
  return { userId, organisationId, role };
}
