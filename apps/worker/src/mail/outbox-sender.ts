import type { Transporter } from 'nodemailer';
import type { DataSource } from 'typeorm';
import {
  backoffDelayMs,
  type Locale,
  type MailKind,
  type MailParams,
  messageIdFor,
  renderMail,
} from '@ariadne/persistence';

export interface OutboxSenderOptions {
  /** The From header. */
  readonly from: string;
  readonly publicUrl: string;
  readonly maxAttempts: number;
  readonly retryBaseMs: number;
  /** Messages claimed per transaction (sent concurrently over the transport's pool). */
  readonly batchSize?: number;
  /**
   * Called after the server accepted a message (SMTP 250), before it is marked sent. Tests use it
   * to kill the process exactly there; nothing else should.
   */
  readonly afterDelivery?: (id: string) => Promise<void>;
}

interface ClaimedRow {
  id: string;
  idempotency_key: string;
  kind: MailKind;
  recipient_address: string;
  locale: Locale;
  time_zone: string;
  params: MailParams;
  attempts: number;
}

const RETRY_CAP_MS = 6 * 3600_000;

/**
 * What a failure is, without the server's free text (which may quote the recipient's address):
 * the SMTP reply code, a socket error code, or a class name.
 */
export function errorClass(e: unknown): string {
  const err = e as { responseCode?: unknown; code?: unknown; name?: unknown };
  if (typeof err.responseCode === 'number') return `smtp ${err.responseCode}`;
  if (typeof err.code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(err.code)) return err.code;
  if (typeof err.name === 'string' && /^[A-Za-z]{1,40}$/.test(err.name)) return err.name;
  return 'error';
}

/**
 * Delivers the outbox. Each batch is claimed with FOR UPDATE SKIP LOCKED inside a transaction
 * that stays open while the batch is sent and marked: several senders never take the same row,
 * and if this process dies anywhere before the commit, PostgreSQL drops its locks and the rows
 * are pending again (never lost). A crash between the server's 250 and the commit re-sends the
 * message with the same Message-ID, which a de-duplicating server drops.
 */
export class OutboxSender {
  private readonly domain: string;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly ds: DataSource,
    private readonly transport: Transporter,
    private readonly options: OutboxSenderOptions,
  ) {
    this.domain = /@([^>\s]+)>?\s*$/.exec(options.from)?.[1] ?? 'ariadne.invalid';
  }

  /** Sends one batch of due messages; returns how many were attempted. */
  async runOnce(): Promise<number> {
    const qr = this.ds.createQueryRunner();
    await qr.connect();
    try {
      await qr.startTransaction();
      const rows: ClaimedRow[] = await qr.query(
        `SELECT id, idempotency_key, kind, recipient_address, locale, time_zone, params, attempts
           FROM outbox_messages
          WHERE status = 'pending' AND next_attempt_at <= now()
          ORDER BY next_attempt_at, id
          LIMIT $1
          FOR UPDATE SKIP LOCKED`,
        [this.options.batchSize ?? 50],
      );
      // Sent in parallel over the transport's pool; recorded one by one on this connection.
      const outcomes = await Promise.all(rows.map((r) => this.deliver(r)));
      for (const o of outcomes) await qr.query(o.sql, o.params);
      await qr.commitTransaction();
      return rows.length;
    } catch (e) {
      if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
      throw e;
    } finally {
      await qr.release();
    }
  }

  private async deliver(r: ClaimedRow): Promise<{ sql: string; params: unknown[] }> {
    const messageId = messageIdFor(r.idempotency_key, this.domain);
    try {
      const mail = renderMail(r.kind, r.params, {
        locale: r.locale,
        timeZone: r.time_zone,
        publicUrl: this.options.publicUrl.replace(/\/+$/, ''),
      });
      await this.transport.sendMail({
        from: this.options.from,
        to: r.recipient_address,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId,
        headers: { 'Auto-Submitted': 'auto-generated', 'Content-Language': r.locale },
      });
    } catch (e) {
      const attempts = r.attempts + 1;
      const failed = attempts >= this.options.maxAttempts;
      const delay = backoffDelayMs(attempts, {
        baseMs: this.options.retryBaseMs,
        capMs: RETRY_CAP_MS,
      });
      return {
        sql: `UPDATE outbox_messages
                 SET attempts = $2, last_error = $3, status = $4,
                     -- A failed message keeps the time of its last attempt here.
                     next_attempt_at = CASE WHEN $4 = 'failed' THEN now()
                       ELSE now() + make_interval(secs => $5::double precision / 1000) END
               WHERE id = $1`,
        params: [r.id, attempts, errorClass(e), failed ? 'failed' : 'pending', delay],
      };
    }
    await this.options.afterDelivery?.(r.id);
    // A sent invitation or reset keeps no link: the token in it must not outlive its use here.
    return {
      sql: `UPDATE outbox_messages
               SET status = 'sent', sent_at = now(), attempts = attempts + 1, message_id = $2,
                   last_error = NULL,
                   params = CASE WHEN kind IN ('invitation', 'password-reset') THEN '{}'::jsonb
                                 ELSE params END
             WHERE id = $1`,
      params: [r.id, messageId],
    };
  }

  /** Polls until stop(): a full batch is followed at once by the next. */
  start(pollMs: number, onError: (e: unknown) => void, everyLoop?: () => Promise<void>): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        let n = 0;
        try {
          await everyLoop?.();
          n = await this.runOnce();
        } catch (e) {
          onError(e);
        }
        if (n === 0 && this.running) {
          await new Promise<void>((resolve) => {
            const t = setTimeout(resolve, pollMs);
            this.wake = () => (clearTimeout(t), resolve());
          });
        }
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }
}
