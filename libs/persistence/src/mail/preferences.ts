import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { PreferenceMode } from './outbox';
import { PREFERENCE_KINDS, type PreferenceKind } from './render';

export const PREFERENCE_MODES = ['immediate', 'digest', 'none'] as const;
export const DEFAULT_DIGEST_HOUR = 7;

export interface NotificationPreferences {
  readonly kinds: Record<PreferenceKind, PreferenceMode>;
  readonly digestHour: number;
}

/** Her choices per kind (immediate when she made none) and her digest hour. */
export class MailPreferencesRepository {
  constructor(private readonly ds: DataSource) {}

  async get(userId: string): Promise<NotificationPreferences> {
    const rows: Array<{ kind: PreferenceKind; mode: PreferenceMode }> = await this.ds.query(
      `SELECT kind, mode FROM notification_preferences WHERE user_id = $1`,
      [userId],
    );
    const hour: Array<{ digest_hour: number }> = await this.ds.query(
      `SELECT digest_hour FROM mail_settings WHERE user_id = $1`,
      [userId],
    );
    const kinds = Object.fromEntries(PREFERENCE_KINDS.map((k) => [k, 'immediate'])) as Record<
      PreferenceKind,
      PreferenceMode
    >;
    for (const r of rows) kinds[r.kind] = r.mode;
    return { kinds, digestHour: hour[0]?.digest_hour ?? DEFAULT_DIGEST_HOUR };
  }

  async update(
    userId: string,
    change: { kinds?: Partial<Record<PreferenceKind, PreferenceMode>>; digestHour?: number },
  ): Promise<NotificationPreferences> {
    await this.ds.transaction(async (tx) => {
      for (const [kind, mode] of Object.entries(change.kinds ?? {})) {
        await tx.query(
          `INSERT INTO notification_preferences (user_id, kind, mode) VALUES ($1, $2, $3)
           ON CONFLICT (user_id, kind) DO UPDATE SET mode = EXCLUDED.mode`,
          [userId, kind, mode],
        );
      }
      if (change.digestHour !== undefined) {
        await tx.query(
          `INSERT INTO mail_settings (user_id, digest_hour) VALUES ($1, $2)
           ON CONFLICT (user_id) DO UPDATE SET digest_hour = EXCLUDED.digest_hour`,
          [userId, change.digestHour],
        );
      }
    });
    return this.get(userId);
  }
}

const sha256 = (token: string): Buffer => createHash('sha256').update(token).digest();

/**
 * Her calendar feed's secret: 32 random bytes (base64url) in the URL, only its SHA-256 stored,
 * so that a copy of the database does not open anyone's feed. One feed per user: creating again
 * replaces (rotates) it, and the old URL stops working at once.
 */
export class CalendarFeedRepository {
  constructor(private readonly ds: DataSource) {}

  async rotate(userId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.ds.query(
      `INSERT INTO calendar_feeds (user_id, token_hash) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = now()`,
      [userId, sha256(token)],
    );
    return token;
  }

  async revoke(userId: string): Promise<boolean> {
    const res: [unknown[], number] = await this.ds.query(
      `DELETE FROM calendar_feeds WHERE user_id = $1`,
      [userId],
    );
    return res[1] > 0;
  }

  async exists(userId: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(`SELECT 1 FROM calendar_feeds WHERE user_id = $1`, [
      userId,
    ]);
    return rows.length > 0;
  }

  /** The user whose feed this token opens, or null (unknown, revoked, or not a token at all). */
  async userOf(token: string): Promise<string | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
    const rows: Array<{ user_id: string }> = await this.ds.query(
      `SELECT user_id FROM calendar_feeds WHERE token_hash = $1`,
      [sha256(token)],
    );
    return rows[0]?.user_id ?? null;
  }
}

export interface FailedMessage {
  readonly id: string;
  readonly kind: string;
  readonly recipientUserId: string | null;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly createdAt: Date;
  readonly lastAttemptAt: Date;
}

/** Messages given up on, of organisations in a country: for its admins (no bodies, no addresses). */
export async function failedMessages(
  ds: DataSource,
  country: string,
  limit: number,
): Promise<FailedMessage[]> {
  const rows: Array<{
    id: string;
    kind: string;
    recipient_user_id: string | null;
    attempts: number;
    last_error: string | null;
    created_at: Date;
    next_attempt_at: Date;
  }> = await ds.query(
    `SELECT m.id, m.kind, m.recipient_user_id, m.attempts, m.last_error, m.created_at,
            m.next_attempt_at
       FROM outbox_messages m
       JOIN organisations o ON o.id = m.organisation_id
      WHERE m.status = 'failed' AND o.country = $1
      ORDER BY m.created_at DESC, m.id
      LIMIT $2`,
    [country, limit],
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    recipientUserId: r.recipient_user_id,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    lastAttemptAt: r.next_attempt_at,
  }));
}
