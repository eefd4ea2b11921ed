import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@ariadne/config';
import type { Actor } from '@ariadne/domain';
import {
  DATA_SOURCE,
  dummyPasswordHash,
  hashPassword,
  IdentityRepository,
  type PasswordTokenPurpose,
  PasswordTokenRepository,
  RefreshTokenRepository,
  type UserEntity,
  verifyPassword,
} from '@ariadne/persistence';
import { problem, type ProblemException } from '../common/problem';
import { queueAccountMail } from './account-mail';
import { checkNewPassword, MIN_PASSWORD_LENGTH, type PasswordRule } from './password-rules';
import { hashRefreshToken, isRefreshTokenShaped } from './refresh-policy';

/** How long an invitation or reset link works (the issue: 30 minutes). */
export const PASSWORD_TOKEN_MINUTES = 30;
/** 32 random bytes, base64url: 43 characters. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
/** The web application's page that reads the token from the URL fragment. */
const SET_PASSWORD_PATH = '/set-password#token=';

export function hashPasswordToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

const RULE_TEXT: Record<PasswordRule, string> = {
  'password-too-short': `The new password must have at least ${MIN_PASSWORD_LENGTH} characters.`,
  'password-too-long': 'The new password is too long.',
  'password-breached':
    'The new password is on a list of common or breached passwords; choose another.',
};

/** 400 naming the field and the rule, never the password. */
export function passwordRefused(field: string, rule: PasswordRule): ProblemException {
  return problem(HttpStatus.BAD_REQUEST, rule, 'The new password cannot be used', {
    detail: RULE_TEXT[rule],
    rule,
    errors: [{ field, message: RULE_TEXT[rule] }],
  });
}

function tokenInvalid(): ProblemException {
  return problem(HttpStatus.BAD_REQUEST, 'password-token-invalid', 'The link is not valid', {
    detail: 'The link has expired, was used already or is not one of ours; ask for a new one.',
    errors: [{ field: 'token', message: 'expired, used or unknown' }],
  });
}

/**
 * Passwords of local accounts: invitations and resets by a single-use link (a random token
 * stored only as its SHA-256, valid for 30 minutes), setting a password from such a link, and
 * changing her own. Setting or changing a password ends her other sessions.
 */
@Injectable()
export class PasswordService {
  private readonly logger = new Logger('Passwords');

  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private now(): Date {
    return new Date();
  }

  /**
   * Writes a new link token for the account and queues its message, in the caller's
   * transaction: the message goes out if and only if the change that caused it commits.
   * Earlier open links of the account stop working.
   */
  async sendLink(
    manager: EntityManager,
    user: UserEntity,
    country: string,
    purpose: PasswordTokenPurpose,
  ): Promise<void> {
    if (!user.email) return;
    const now = this.now();
    const token = randomBytes(32).toString('base64url');
    const tokenHash = hashPasswordToken(token);
    const tokens = new PasswordTokenRepository(manager);
    await tokens.deleteStale(user.id, now);
    await tokens.revokeAll(user.id, now);
    await tokens.insert({
      tokenHash,
      userId: user.id,
      purpose,
      createdAt: now,
      expiresAt: new Date(now.getTime() + PASSWORD_TOKEN_MINUTES * 60_000),
    });
    await queueAccountMail(manager, {
      kind: purpose === 'invitation' ? 'invitation' : 'password-reset',
      idempotencyKey: `${purpose}:${tokenHash.toString('hex')}`,
      userId: user.id,
      organisationId: user.organisationId,
      country,
      address: user.email,
      locale: user.locale,
      link: new URL(SET_PASSWORD_PATH + token, this.config.ARIADNE_PUBLIC_URL).href,
      minutes: PASSWORD_TOKEN_MINUTES,
    });
  }

  /**
   * A reset link for the account with this login or e-mail address, if there is an active one
   * with an address. The caller answers the same whatever happened; the work is the same too
   * (one lookup, one hash), so the time taken tells little.
   */
  async requestReset(loginOrEmail: string): Promise<void> {
    const accounts = new IdentityRepository(this.ds);
    const byLogin = await accounts.findUserByLogin(loginOrEmail);
    const user = byLogin ?? (await accounts.findUserByEmail(loginOrEmail));
    if (!user || !user.active || !user.email) {
      // The same costly step as a real request, so that absence is not faster.
      await verifyPassword(await dummyPasswordHash(), loginOrEmail);
      this.logger.log('password reset requested: no mail');
      return;
    }
    await verifyPassword(await dummyPasswordHash(), loginOrEmail);
    await this.ds.transaction(async (m) => {
      const org = await new IdentityRepository(m).findOrganisationById(user.organisationId);
      await this.sendLink(m, user, org?.country ?? '', 'reset');
    });
    this.logger.log(`password reset requested: ${user.id}`);
  }

  /** Sets the password from a link's token; spends the token and ends all her sessions. */
  async setFromToken(token: string, newPassword: string): Promise<void> {
    const rule = checkNewPassword(newPassword);
    if (rule) throw passwordRefused('newPassword', rule);
    if (!TOKEN_SHAPE.test(token)) throw tokenInvalid();
    const passwordHash = await hashPassword(newPassword);
    const now = this.now();
    const userId = await this.ds.transaction(async (m) => {
      const id = await new PasswordTokenRepository(m).consume(hashPasswordToken(token), now);
      if (!id) return null;
      const user = await new IdentityRepository(m).findUserById(id);
      if (!user || !user.active) return null;
      await new IdentityRepository(m).updatePasswordHash(id, passwordHash);
      await new PasswordTokenRepository(m).revokeAll(id, now);
      await new RefreshTokenRepository(m).revokeAllOfUser(id, now);
      return id;
    });
    if (!userId) throw tokenInvalid();
    this.logger.log(`password set from link: ${userId}`);
  }

  /**
   * Changes her own password; the current one is required. Her other sessions end; the one of
   * this browser (its refresh cookie, if any) goes on.
   */
  async change(
    actor: Actor,
    currentPassword: string,
    newPassword: string,
    refreshCookie: unknown,
  ): Promise<void> {
    const accounts = new IdentityRepository(this.ds);
    const user = await accounts.findUserById(actor.userId);
    const ok = await verifyPassword(
      user?.passwordHash ?? (await dummyPasswordHash()),
      currentPassword,
    );
    if (!user || !user.passwordHash || !ok) {
      throw problem(HttpStatus.BAD_REQUEST, 'current-password-wrong', 'Not changed', {
        detail: 'The current password is not correct.',
        errors: [{ field: 'currentPassword', message: 'is not correct' }],
      });
    }
    const rule = checkNewPassword(newPassword);
    if (rule) throw passwordRefused('newPassword', rule);
    const passwordHash = await hashPassword(newPassword);
    const now = this.now();
    await this.ds.transaction(async (m) => {
      const refresh = new RefreshTokenRepository(m);
      const keep = isRefreshTokenShaped(refreshCookie)
        ? await refresh.familyOf(hashRefreshToken(refreshCookie))
        : null;
      await new IdentityRepository(m).updatePasswordHash(user.id, passwordHash);
      await new PasswordTokenRepository(m).revokeAll(user.id, now);
      await refresh.revokeAllOfUser(user.id, now, keep ?? undefined);
    });
    this.logger.log(`password changed: ${user.id}`);
  }
}
