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
    await this.tokens.deleteExpired(userId, now);
    await this.tokens.insert({
      tokenHash: hashRefreshToken(token),
      familyId: randomUUID(),
      userId,
      issuedAt: now,
      expiresAt,
    });
    return { token, expiresAt };
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
        await repo.insert({
          tokenHash: hashRefreshToken(token),
          familyId: row.familyId,
          userId: row.userId,
          issuedAt: now,
          expiresAt: row.expiresAt,
        });
        const actor: Actor = {
          userId: user.id,
          organisationId: user.organisationId,
          role: user.role,
        };
        return { token, expiresAt: row.expiresAt, actor };
      },
    );
    if (typeof outcome === 'string') {
      // A category, never the token or the account.
      this.logger.log(`refresh refused: ${outcome}`);
      throw sessionEnded();
    }
    return outcome;
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
