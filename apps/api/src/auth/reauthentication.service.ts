import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { Actor } from '@ariadne/domain';
import { AuditTrail, IdentityRepository, RefreshTokenRepository } from '@ariadne/persistence';
import { problem } from '../common/problem';
import { AuthService, invalidCredentials, type LoginResult } from './auth.service';
import type { ReauthenticateDto } from './reauthentication.dto';
import { LoginLimits, type LoginRefusal } from './login-throttling';
import { hashRefreshToken, isRefreshTokenShaped } from './refresh-policy';
import { SecondFactorService } from './second-factor/second-factor.service';
import { SessionService } from './sessions.service';

/** Where the request came from, for the limits and the trail; never personal data. */
export interface ReauthenticationContext {
  /** The session her access token names (`sid`), if any. */
  readonly sessionId: string | null;
  /** Her refresh cookie, when the browser sent it (path /api/v1/auth). */
  readonly refreshCookie: unknown;
  readonly address: string;
  readonly requestId: string | null;
}

export type ReauthenticationOutcome =
  | { readonly kind: 'ok'; readonly token: LoginResult }
  | { readonly kind: 'limited'; readonly refusal: LoginRefusal };

const ROUTE = 'POST /api/v1/auth/reauthenticate';

/**
 * Re-authentication before a sensitive action (ASVS 7.5.3): her password and, when she has one,
 * her second factor give a new access token whose auth_time is now, in the same session (its
 * refresh tokens carry the new time). Failures count toward the login limits in PostgreSQL
 * (per login and per address, lockout) exactly like failed sign-ins; every attempt is audited.
 *
 * Accounts without a password here (signed in through the organisation's identity provider) are
 * refused with `reauthentication-by-sign-in`: they sign in again (a new sign-in is a fresh
 * authentication), since this API cannot ask their provider for a password.
 */
@Injectable()
export class ReauthenticationService {
  private readonly logger = new Logger('Reauthentication');

  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly accounts: IdentityRepository,
    private readonly limits: LoginLimits,
    private readonly trail: AuditTrail,
    private readonly secondFactor: SecondFactorService,
  ) {}

  async reauthenticate(
    actor: Actor,
    dto: ReauthenticateDto,
    ctx: ReauthenticationContext,
  ): Promise<ReauthenticationOutcome> {
    if (!(await this.auth.hasLocalPassword(actor.userId))) {
      throw problem(HttpStatus.FORBIDDEN, 'reauthentication-by-sign-in', 'Sign in again', {
        detail:
          'Your account signs in through your organisation: sign out and sign in again, then ' +
          'repeat the action.',
      });
    }
    const user = await this.accounts.findUserById(actor.userId);
    if (!user) throw invalidCredentials();
    const refusal = await this.limits.attempt(user.login, ctx.address);
    if (refusal) {
      this.logger.log(`reauthentication refused: ${refusal.kind}`);
      return { kind: 'limited', refusal };
    }
    const passwordOk = await this.auth.verifyOwnPassword(actor.userId, dto.password);
    if (passwordOk && (await this.secondFactor.hasSecondFactor(actor.userId))) {
      const proof = {
        totp: dto.totp ?? null,
        recoveryCode: dto.recoveryCode ?? null,
        webauthn: (dto.webauthn as AuthenticationResponseJSON | undefined) ?? null,
      };
      if (proof.totp === null && proof.recoveryCode === null && proof.webauthn === null) {
        // Her password is right; she is asked for the second factor too. Not a failure.
        throw problem(HttpStatus.UNAUTHORIZED, 'second-factor-required', 'Second factor needed', {
          detail: 'Confirm with your authenticator app, a recovery code or a passkey.',
          methods: await this.secondFactor.methods(actor.userId),
        });
      }
      if (!(await this.secondFactor.verify(actor.userId, proof))) {
        return this.failed(actor, user.login, ctx);
      }
    } else if (!passwordOk) {
      return this.failed(actor, user.login, ctx);
    }

    await this.limits.succeeded(user.login);
    const now = new Date();
    const sessionId = ctx.sessionId ?? (await this.sessionOfCookie(ctx.refreshCookie));
    await this.sessions.reauthenticated(sessionId, actor.userId, now);
    await this.record(actor, ctx, 'allowed', null);
    this.logger.log(`reauthenticated: ${actor.userId}`);
    const token = await this.auth.issue(actor, {
      authTime: Math.floor(now.getTime() / 1000),
      sessionId,
    });
    return { kind: 'ok', token };
  }

  /**
   * A passkey challenge for her re-authentication (her passkeys only; 5 minutes, single use),
   * answered with POST /auth/reauthenticate `{ password, webauthn }`. 409 `no-passkey` when she
   * has none; an account of the identity provider is sent to sign in again, as for the rest.
   */
  async passkeyOptions(actor: Actor): Promise<Record<string, unknown>> {
    if (!(await this.auth.hasLocalPassword(actor.userId))) {
      throw problem(HttpStatus.FORBIDDEN, 'reauthentication-by-sign-in', 'Sign in again', {
        detail: 'Your account signs in through your organisation: sign out and sign in again.',
      });
    }
    if (!(await this.secondFactor.methods(actor.userId)).includes('webauthn')) {
      throw problem(HttpStatus.CONFLICT, 'no-passkey', 'No passkey', {
        detail: 'You have no passkey: confirm with your authenticator app or a recovery code.',
      });
    }
    const options = await this.secondFactor.authenticationOptions(actor.userId);
    return options as unknown as Record<string, unknown>;
  }

  /** A wrong password or second factor: counted like a failed sign-in, recorded, refused. */
  private async failed(actor: Actor, login: string, ctx: ReauthenticationContext): Promise<never> {
    const locked = await this.limits.failed(login);
    await this.record(actor, ctx, 'denied', 'invalid-credentials');
    if (locked) await this.record(actor, ctx, 'denied', 'locked-out');
    this.logger.log('reauthentication refused: invalid credentials');
    throw problem(HttpStatus.UNAUTHORIZED, 'invalid-credentials', 'Invalid credentials', {
      detail: 'The password or the second factor is not correct.',
    });
  }

  /** The session of her refresh cookie, for a token issued without `sid`. */
  private async sessionOfCookie(cookie: unknown): Promise<string | null> {
    if (!isRefreshTokenShaped(cookie)) return null;
    return this.refreshTokens.familyOf(hashRefreshToken(cookie));
  }

  private async record(
    actor: Actor,
    ctx: ReauthenticationContext,
    outcome: 'allowed' | 'denied',
    reason: string | null,
  ): Promise<void> {
    await this.trail.append({
      actorId: actor.userId,
      actorRole: actor.role,
      organisationId: actor.organisationId,
      action: reason === 'locked-out' ? 'auth.lockout' : 'auth.reauthentication',
      categories: [],
      purpose: 'authentication',
      outcome,
      reason,
      route: ROUTE,
      requestId: ctx.requestId,
    });
  }
}
