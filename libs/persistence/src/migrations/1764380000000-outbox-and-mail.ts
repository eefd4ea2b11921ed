import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mail that leaves the system (issue 9; docs/adr/0008-outbox-and-mail.md).
 *
 * Her address is users.email (added by the account administration's migration); an account
 * without one gets no mail, and her inbox still shows everything.
 *
 * outbox_messages: one row per message, written in the transaction of the event that causes it.
 * `params` holds what the message needs to be rendered at send time (case id, short reference,
 * obligation, due date, or a link): never her personal data (P1). status: pending → sent, or
 * failed after the last attempt; held = waiting for the recipient's daily digest, then digested.
 * last_error holds an error class (SMTP code, socket error code), never a server's free text,
 * which may quote the address.
 *
 * notification_preferences: per user and kind, immediate / digest / none (no row = immediate).
 * mail_settings: the local hour of her daily digest. calendar_feeds: the SHA-256 of her feed's
 * secret token (the token itself is shown once).
 */
export class OutboxAndMail1764380000000 implements MigrationInterface {
  name = 'OutboxAndMail1764380000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox_messages (
        id                uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
        idempotency_key   text        NOT NULL UNIQUE,
        kind              text        NOT NULL CHECK (kind IN ('reminder', 'escalation', 'stall',
                            'consent-expiry', 'referral', 'invitation', 'password-reset', 'digest')),
        recipient_user_id text        REFERENCES users (id) ON DELETE SET NULL,
        organisation_id   text,
        recipient_address text        NOT NULL,
        locale            text        NOT NULL,
        time_zone         text        NOT NULL,
        params            jsonb       NOT NULL,
        status            text        NOT NULL DEFAULT 'pending'
                            CHECK (status IN ('pending', 'held', 'digested', 'sent', 'failed')),
        attempts          integer     NOT NULL DEFAULT 0,
        next_attempt_at   timestamptz NOT NULL DEFAULT now(),
        last_error        text,
        created_at        timestamptz NOT NULL DEFAULT now(),
        sent_at           timestamptz,
        message_id        text,
        digest_id         uuid
      )`);
    await q.query(
      `CREATE INDEX outbox_messages_due ON outbox_messages (next_attempt_at) WHERE status = 'pending'`,
    );
    await q.query(
      `CREATE INDEX outbox_messages_held ON outbox_messages (recipient_user_id) WHERE status = 'held'`,
    );
    await q.query(
      `CREATE INDEX outbox_messages_failed ON outbox_messages (organisation_id, created_at) WHERE status = 'failed'`,
    );
    await q.query(`
      CREATE TABLE notification_preferences (
        user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        kind    text NOT NULL CHECK (kind IN ('reminder', 'escalation', 'stall', 'consent-expiry', 'referral')),
        mode    text NOT NULL CHECK (mode IN ('immediate', 'digest', 'none')),
        PRIMARY KEY (user_id, kind)
      )`);
    await q.query(`
      CREATE TABLE mail_settings (
        user_id     text     PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        digest_hour smallint NOT NULL DEFAULT 7 CHECK (digest_hour BETWEEN 0 AND 23)
      )`);
    await q.query(`
      CREATE TABLE calendar_feeds (
        user_id    text        PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        token_hash bytea       NOT NULL UNIQUE CHECK (length(token_hash) = 32),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE calendar_feeds`);
    await q.query(`DROP TABLE mail_settings`);
    await q.query(`DROP TABLE notification_preferences`);
    await q.query(`DROP TABLE outbox_messages`);
  }
}
