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

  async issue(actor: Actor): Promise<IssuedToken> {
    const iat = Math.floor(this.now().getTime() / 1000);
    const accessToken = await new SignJWT({ org: actor.organisationId, role: actor.role })
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
      requiredClaims: ['sub', 'iat', 'exp', 'jti'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      currentDate: this.now(),
    });
    const { sub, org, role, jti } = payload;
    if (typeof sub !== 'string' || typeof org !== 'string' || typeof role !== 'string') {
      throw new InvalidLocalToken('claims missing');
    }
    return { userId: sub, organisationId: org, role, tokenId: String(jti) };
  }
}
