import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Actor } from '@ariadne/domain';
import { IdentityRepository, RefreshTokenRepository } from '@ariadne/persistence';
import { problem, type ProblemException } from '../common/problem';
import { AUTH_SETTINGS, type AuthSettings } from './auth-settings';
import {
  hashRefreshToken,
  isRefreshTokenShaped,
  judgeRefresh,
  newRefreshToken,
  type RefreshVerdict,
  revokesFamily,
} from './refresh-policy';

/** A refresh token to put in her cookie, and when its session ends at the latest. */
export interface SessionToken {
  readonly token: string;
  readonly expiresAt: Date;
  /** The session's id (its refresh-token family), carried by its access tokens as `sid`. */
  readonly sessionId: string;
  /** Her last real authentication in this session (epoch seconds), the tokens' `auth_time`. */
  readonly authTime: number;
}

export interface Refreshed extends SessionToken {
  readonly actor: Actor;
}

/** One answer for every refused refresh: the client signs in again, whatever the cause. */
export function sessionEnded(): ProblemException {
  return problem(HttpStatus.UNAUTHORIZED, 'session-ended', 'No valid session', {
    detail: 'The session has ended or was never started; sign in again.',
  });
}

/**
 * Browser sessions as families of rotating refresh tokens (RFC 9700 §4.14.2): each use gives a
 * new token and spends the old one; a spent token used again revokes its whole family, so a
 * stolen token works at most until either party uses it next.
 */
@Injectable()
export class SessionService {
  private readonly logger = new Logger('Sessions');

  constructor(
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
    private readonly tokens: RefreshTokenRepository,
    private readonly accounts: IdentityRepository,
  ) {}

  private now(): Date {
    return new Date();
  }

  /** A new session (family) for an account that just signed in. */
  async start(userId: string): Promise<SessionToken> {
    const now = this.now();
    const expiresAt = new Date(now.getTime() + this.settings.session.refreshTtlSeconds * 1000);
    const token = newRefreshToken();
    const familyId = randomUUID();
    // Whole seconds, as in the tokens: a refreshed token says exactly what the first one said.
    const authTime = new Date(Math.floor(now.getTime() / 1000) * 1000);
    await this.tokens.deleteExpired(userId, now);
    await this.tokens.insert({
      tokenHash: hashRefreshToken(token),
      familyId,
      userId,
      issuedAt: now,
      expiresAt,
      authTime,
    });
    return { token, expiresAt, sessionId: familyId, authTime: authTime.getTime() / 1000 };
  }

  /** Spends the token for a new one of its family; throws sessionEnded() when refused. */
  async refresh(cookie: unknown): Promise<Refreshed> {
    if (!isRefreshTokenShaped(cookie)) throw sessionEnded();
    const hash = hashRefreshToken(cookie);
    const now = this.now();
    const outcome = await this.tokens.transaction(
      async (repo): Promise<Refreshed | RefreshVerdict> => {
        const row = await repo.findForUpdate(hash);
        const user = row ? await this.accounts.findUserById(row.userId) : null;
        const verdict = judgeRefresh(
          row,
          Boolean(user?.active),
          now,
          this.settings.session.idleTimeoutSeconds,
        );
        if (verdict !== 'rotate' || !row || !user) {
          if (row && revokesFamily(verdict)) await repo.revokeFamily(row.familyId, now);
          return verdict;
        }
        await repo.markUsed(hash, now);
        const token = newRefreshToken();
        // The new token keeps the time of her last real authentication, not of this refresh;
        // a row from before it was kept counts as long ago (re-authenticate before a sensitive
        // action).
        const authTime = row.authTime ?? new Date(0);
        await repo.insert({
          tokenHash: hashRefreshToken(token),
          familyId: row.familyId,
          userId: row.userId,
          issuedAt: now,
          expiresAt: row.expiresAt,
          authTime,
        });
        const actor: Actor = {
          userId: user.id,
          organisationId: user.organisationId,
          role: user.role,
        };
        return {
          token,
          expiresAt: row.expiresAt,
          actor,
          sessionId: row.familyId,
          authTime: Math.floor(authTime.getTime() / 1000),
        };
      },
    );
    if (typeof outcome === 'string') {
      // A category, never the token or the account.
      this.logger.log(`refresh refused: ${outcome}`);
      throw sessionEnded();
    }
    return outcome;
  }

  /**
   * She re-authenticated at `at` in session sessionId (the `sid` of her access token): its
   * refresh tokens carry the new time from now on. Nothing to do for a token without a session
   * (a sign-in whose cookie was not kept, as by an API client); a session that has ended (signed
   * out, revoked) is not revived: sessionEnded().
   */
  async reauthenticated(sessionId: string | null, userId: string, at: Date): Promise<void> {
    if (!sessionId) return;
    if (!(await this.tokens.reauthenticated(sessionId, userId, at))) throw sessionEnded();
  }

  /** Ends the session the token belongs to; nothing to do for an unknown or malformed one. */
  async end(cookie: unknown): Promise<void> {
    if (!isRefreshTokenShaped(cookie)) return;
    const hash = hashRefreshToken(cookie);
    await this.tokens.transaction(async (repo) => {
      const row = await repo.findForUpdate(hash);
      if (row) await repo.revokeFamily(row.familyId, this.now());
    });
  }
}
