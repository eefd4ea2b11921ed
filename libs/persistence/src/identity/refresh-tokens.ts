import { DataSource, type EntityManager } from 'typeorm';

/** A stored refresh token: its hash and what the API needs to judge a use of it. */
export interface RefreshTokenRow {
  readonly familyId: string;
  readonly userId: string;
  readonly issuedAt: Date;
  /** The family's absolute end. */
  readonly expiresAt: Date;
  readonly usedAt: Date | null;
  readonly revokedAt: Date | null;
  /** Her last real authentication in this session; null for rows from before it was kept. */
  readonly authTime: Date | null;
}

export interface NewRefreshToken {
  /** SHA-256 of the token; the token itself is never stored. */
  readonly tokenHash: Buffer;
  readonly familyId: string;
  readonly userId: string;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
  /** Her last real authentication in this session (sign-in, re-authentication). */
  readonly authTime: Date;
}

interface RawRow {
  family_id: string;
  user_id: string;
  issued_at: Date;
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
  auth_time: Date | null;
}

/**
 * Refresh tokens of browser sessions (table refresh_tokens, sessions migration). Rotation reads
 * a token FOR UPDATE inside transaction(): two uses of one token are judged one after the other,
 * so the second one always sees the first one's mark.
 */
export class RefreshTokenRepository {
  private readonly manager: EntityManager;

  constructor(db: DataSource | EntityManager) {
    this.manager = db instanceof DataSource ? db.manager : db;
  }

  /** Runs fn in one transaction, with a repository bound to it. */
  transaction<T>(fn: (repo: RefreshTokenRepository) => Promise<T>): Promise<T> {
    return this.manager.transaction((m) => fn(new RefreshTokenRepository(m)));
  }

  async insert(t: NewRefreshToken): Promise<void> {
    await this.manager.query(
      `INSERT INTO refresh_tokens (token_hash, family_id, user_id, issued_at, expires_at, auth_time)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [t.tokenHash, t.familyId, t.userId, t.issuedAt, t.expiresAt, t.authTime],
    );
  }

  /** The token's row, locked until the transaction ends; null when unknown. */
  async findForUpdate(tokenHash: Buffer): Promise<RefreshTokenRow | null> {
    const rows: RawRow[] = await this.manager.query(
      `SELECT family_id, user_id, issued_at, expires_at, used_at, revoked_at, auth_time
         FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE`,
      [tokenHash],
    );
    const r = rows[0];
    return r
      ? {
          familyId: r.family_id,
          userId: r.user_id,
          issuedAt: r.issued_at,
          expiresAt: r.expires_at,
          usedAt: r.used_at,
          revokedAt: r.revoked_at,
          authTime: r.auth_time,
        }
      : null;
  }

  async markUsed(tokenHash: Buffer, at: Date): Promise<void> {
    await this.manager.query(`UPDATE refresh_tokens SET used_at = $2 WHERE token_hash = $1`, [
      tokenHash,
      at,
    ]);
  }

  /**
   * She re-authenticated in this session: its live tokens carry the new time, so the access
   * tokens their refresh gives carry it too. False when the family is not hers or has ended.
   */
  async reauthenticated(familyId: string, userId: string, at: Date): Promise<boolean> {
    const [, count] = (await this.manager.query(
      `UPDATE refresh_tokens SET auth_time = $3
        WHERE family_id = $1 AND user_id = $2 AND revoked_at IS NULL AND expires_at > $3`,
      [familyId, userId, at],
    )) as [unknown, number];
    return count > 0;
  }

  /** Revokes every token of the family that is not revoked yet. */
  async revokeFamily(familyId: string, at: Date): Promise<void> {
    await this.manager.query(
      `UPDATE refresh_tokens SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL`,
      [familyId, at],
    );
  }

  /** Revokes every session of the user (deactivation, password set or changed). */
  async revokeAllOfUser(userId: string, at: Date, exceptFamilyId?: string): Promise<void> {
    await this.manager.query(
      `UPDATE refresh_tokens SET revoked_at = $2
        WHERE user_id = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR family_id <> $3::uuid)`,
      [userId, at, exceptFamilyId ?? null],
    );
  }

  /** The family a token belongs to, or null when unknown. */
  async familyOf(tokenHash: Buffer): Promise<string | null> {
    const rows: { family_id: string }[] = await this.manager.query(
      `SELECT family_id FROM refresh_tokens WHERE token_hash = $1`,
      [tokenHash],
    );
    return rows[0]?.family_id ?? null;
  }

  /** Forgets the user's tokens whose family has ended, so the table does not grow forever. */
  async deleteExpired(userId: string, now: Date): Promise<void> {
    await this.manager.query(`DELETE FROM refresh_tokens WHERE user_id = $1 AND expires_at < $2`, [
      userId,
      now,
    ]);
  }
}
