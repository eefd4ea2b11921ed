import { DataSource, type EntityManager } from 'typeorm';

export type PasswordTokenPurpose = 'invitation' | 'reset';

export interface NewPasswordToken {
  /** SHA-256 of the token; the token itself is never stored. */
  readonly tokenHash: Buffer;
  readonly userId: string;
  readonly purpose: PasswordTokenPurpose;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

/**
 * Invitation and password-reset tokens (table password_tokens, accounts-administration
 * migration). A token is spent by consume(): one UPDATE that marks it used only if it is unused
 * and unexpired, so two uses of one token cannot both succeed.
 */
export class PasswordTokenRepository {
  private readonly manager: EntityManager;

  constructor(db: DataSource | EntityManager) {
    this.manager = db instanceof DataSource ? db.manager : db;
  }

  async insert(t: NewPasswordToken): Promise<void> {
    await this.manager.query(
      `INSERT INTO password_tokens (token_hash, user_id, purpose, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [t.tokenHash, t.userId, t.purpose, t.createdAt, t.expiresAt],
    );
  }

  /** Spends the token; the user id it was for, or null when unknown, used or expired. */
  async consume(tokenHash: Buffer, now: Date): Promise<string | null> {
    // TypeORM answers an UPDATE … RETURNING on PostgreSQL with [rows, affected].
    const [rows] = (await this.manager.query(
      `UPDATE password_tokens SET used_at = $2
        WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
        RETURNING user_id`,
      [tokenHash, now],
    )) as [{ user_id: string }[], number];
    return rows[0]?.user_id ?? null;
  }

  /** Spends every open token of the user (a newer one was sent, or the password was set). */
  async revokeAll(userId: string, now: Date): Promise<void> {
    await this.manager.query(
      `UPDATE password_tokens SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL`,
      [userId, now],
    );
  }

  /** Forgets tokens that can no longer be used, so the table does not grow forever. */
  async deleteStale(userId: string, now: Date): Promise<void> {
    await this.manager.query(
      `DELETE FROM password_tokens WHERE user_id = $1 AND (expires_at < $2 OR used_at IS NOT NULL)`,
      [userId, now],
    );
  }
}
