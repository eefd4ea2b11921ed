import { jwtVerify, SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import type { Actor } from '@ariadne/domain';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, type LocalAuthSettings } from './auth-settings';

/** RFC 9068's media type for JWT access tokens: an ID token or other JWT cannot pass as one. */
const TOKEN_TYPE = 'at+jwt';
/** API replicas may disagree on the time by a little; not by more. */
const CLOCK_TOLERANCE_SECONDS = 5;

export interface LocalClaims {
  readonly userId: string;
  readonly organisationId: string;
  readonly role: string;
  readonly tokenId: string;
  /** When she last really authenticated (epoch seconds): sign-in or re-authentication. */
  readonly authTime: number;
  /** The session (refresh-token family) the token belongs to; null for one without a session. */
  readonly sessionId: string | null;
}

/** What a token says about her session: kept by refresh, renewed by re-authentication. */
export interface TokenSession {
  /** Epoch seconds of her last real authentication. */
  readonly authTime: number;
  readonly sessionId: string | null;
}

export interface IssuedToken {
  readonly accessToken: string;
  readonly expiresIn: number;
}

export class InvalidLocalToken extends Error {
  override readonly name = 'InvalidLocalToken';
}

/**
 * Short-lived HS256 access tokens for local accounts. They carry opaque ids only (user,
 * organisation, role): a token is readable by anyone who holds it, so nothing personal goes in.
 */
export class LocalTokens {
  constructor(
    private readonly settings: LocalAuthSettings,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** A token for the actor; without a session, for one who authenticated just now. */
  async issue(actor: Actor, session?: TokenSession): Promise<IssuedToken> {
    const iat = Math.floor(this.now().getTime() / 1000);
    const claims: Record<string, unknown> = {
      org: actor.organisationId,
      role: actor.role,
      // OIDC Core's claim name; a refreshed token keeps the time of the sign-in.
      auth_time: session?.authTime ?? iat,
    };
    if (session?.sessionId) claims.sid = session.sessionId;
    const accessToken = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: TOKEN_TYPE })
      .setSubject(actor.userId)
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(iat + this.settings.ttlSeconds)
      .setJti(randomUUID())
      .sign(this.settings.secret);
    return { accessToken, expiresIn: this.settings.ttlSeconds };
  }

  /** The token's claims; throws (a jose error or InvalidLocalToken) when it is not valid now. */
  async verify(token: string): Promise<LocalClaims> {
    const { payload } = await jwtVerify(token, this.settings.secret, {
      issuer: LOCAL_ISSUER,
      audience: LOCAL_AUDIENCE,
      algorithms: ['HS256'],
      typ: TOKEN_TYPE,
      requiredClaims: ['sub', 'iat', 'exp', 'jti', 'auth_time'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      currentDate: this.now(),
    });
    const { sub, org, role, jti, auth_time: authTime, sid } = payload;
    if (typeof sub !== 'string' || typeof org !== 'string' || typeof role !== 'string') {
      throw new InvalidLocalToken('claims missing');
    }
    if (typeof authTime !== 'number' || !Number.isInteger(authTime) || authTime > payload.iat!) {
      throw new InvalidLocalToken('auth_time invalid');
    }
    if (sid !== undefined && typeof sid !== 'string') throw new InvalidLocalToken('sid invalid');
    return {
      userId: sub,
      organisationId: org,
      role,
      tokenId: String(jti),
      authTime,
      sessionId: sid ?? null,
    };
  }
}
