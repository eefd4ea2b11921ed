import type { DataSource } from 'typeorm';
import type { DigestItem } from './render';

/** The date (YYYY-MM-DD) and hour at `now` in a time zone. */
export function localDateHour(now: Date, timeZone: string): { date: string; hour: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, hour: Number(get('hour')) };
}

interface HeldRow {
  id: string;
  recipient_user_id: string;
  organisation_id: string | null;
  recipient_address: string;
  locale: string;
  time_zone: string;
  kind: DigestItem['kind'];
  params: Omit<DigestItem, 'kind'>;
  digest_hour: number | null;
}

/**
 * The daily digest: for every user whose local digest hour has come today, the messages held for
 * her become one message (key: user + local date, so one digest a day whatever the job's
 * repetitions or replicas). Items held after today's digest went out wait for tomorrow's.
 * Returns how many digests were written. `now` is injectable for tests.
 */
export async function runDigest(ds: DataSource, now: Date = new Date()): Promise<number> {
  return ds.transaction(async (tx) => {
    const held: HeldRow[] = await tx.query(
      `SELECT m.id, m.recipient_user_id, m.organisation_id, m.recipient_address, m.locale,
              m.time_zone, m.kind, m.params, s.digest_hour
         FROM outbox_messages m
         LEFT JOIN mail_settings s ON s.user_id = m.recipient_user_id
        WHERE m.status = 'held' AND m.recipient_user_id IS NOT NULL AND m.created_at <= $1
        ORDER BY m.created_at, m.id
        FOR UPDATE OF m SKIP LOCKED`,
      [now],
    );
    const byUser = new Map<string, HeldRow[]>();
    for (const r of held)
      byUser.set(r.recipient_user_id, [...(byUser.get(r.recipient_user_id) ?? []), r]);
    let written = 0;
    for (const [userId, rows] of byUser) {
      const first = rows[0] as HeldRow;
      const local = localDateHour(now, first.time_zone);
      if (local.hour < (first.digest_hour ?? 7)) continue;
      const items: DigestItem[] = rows.map((r) => ({ ...r.params, kind: r.kind }));
      const inserted: Array<{ id: string }> = await tx.query(
        `INSERT INTO outbox_messages
           (idempotency_key, kind, recipient_user_id, organisation_id, recipient_address, locale,
            time_zone, params, status)
         VALUES ($1, 'digest', $2, $3, $4, $5, $6, $7, 'pending')
         ON CONFLICT (idempotency_key) DO NOTHING
         RETURNING id`,
        [
          `digest:${userId}:${local.date}`,
          userId,
          first.organisation_id,
          // The latest address and language: she may have changed them since.
          (rows[rows.length - 1] as HeldRow).recipient_address,
          (rows[rows.length - 1] as HeldRow).locale,
          first.time_zone,
          JSON.stringify({ items }),
        ],
      );
      const digest = inserted[0];
      if (!digest) continue;
      await tx.query(
        `UPDATE outbox_messages SET status = 'digested', digest_id = $1 WHERE id = ANY($2)`,
        [digest.id, rows.map((r) => r.id)],
      );
      written += 1;
    }
    return written;
  });
}

/**
 * Data minimisation: delivered messages (and digest items) are kept `days` for support and
 * the admins' view, then deleted with their addresses. Failed ones stay until an admin has seen
 * them (they are few). Returns how many rows were deleted.
 */
export async function purgeDelivered(
  ds: DataSource,
  days: number,
  now = new Date(),
): Promise<number> {
  const res: [unknown[], number] = await ds.query(
    `DELETE FROM outbox_messages
      WHERE (status = 'sent' AND sent_at < $1::timestamptz - make_interval(days => $2))
         OR (status = 'digested' AND created_at < $1::timestamptz - make_interval(days => $2))`,
    [now, days],
  );
  return res[1];
}
