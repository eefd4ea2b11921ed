/**
 * Benchmark (not a timed test): delivery latency of a burst of 1,000 reminders, from the commit
 * that enqueues them to their arrival in a real Mailpit over SMTP, through the worker's sender
 * as configured by default (batches of 50, a pool of 5 SMTP connections, 1 s poll).
 * Run: `npm run bench:mail`. Prints p50/p99/max and the time to deliver them all.
 */
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { createDataSource, enqueueMessage } from '@ariadne/persistence';
import { smtpTransport } from '../../apps/worker/src/mail/mail-sender.service';
import { OutboxSender } from '../../apps/worker/src/mail/outbox-sender';
import { listMail } from '../support/mail';
import { createTestDatabase, type Mailpit, startMailpit } from '../support/services';

jest.setTimeout(10 * 60_000);

const N = Number(process.env.BENCH_MAILS ?? 1000);

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

describe('mail delivery latency', () => {
  let mailpit: Mailpit;
  let db: { url: string; drop(): Promise<void> };
  let ds: DataSource;

  beforeAll(async () => {
    mailpit = await startMailpit();
    db = await createTestDatabase();
    ds = await createDataSource(db.url).initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
    await mailpit?.stop();
  });

  it(`a burst of ${N} reminders`, async () => {
    const transport = smtpTransport(mailpit.smtpUrl);
    const sender = new OutboxSender(ds, transport, {
      from: 'Ariadne <no-reply@ariadne.test>',
      publicUrl: 'http://127.0.0.1:3000',
      maxAttempts: 8,
      retryBaseMs: 30_000,
    });
    sender.start(1000, (e) => process.stderr.write(`sender: ${String(e)}\n`));
    await ds.transaction(async (tx) => {
      for (let i = 0; i < N; i++) {
        await enqueueMessage(tx, {
          idempotencyKey: `bench:${i}`,
          kind: 'reminder',
          recipientUserId: null,
          organisationId: null,
          recipientAddress: `bench-${i % 50}@mail.test`,
          locale: (['sv', 'nb', 'fi', 'en'] as const)[i % 4] ?? 'en',
          timeZone: 'Europe/Stockholm',
          params: {
            caseId: '00000000-0000-4000-8000-000000000000',
            reference: `SE-B${String(i).padStart(4, '0')}`,
            obligation: 'risk-assessment',
            dueAt: '2026-12-24T12:00:00Z',
          },
        });
      }
    });
    const committed = Date.now();
    const t0 = performance.now();
    for (;;) {
      const rows: Array<{ n: string }> = await ds.query(
        `SELECT count(*) AS n FROM outbox_messages WHERE status = 'sent'`,
      );
      if (Number(rows[0]?.n) === N) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const allSentMs = performance.now() - t0;
    await sender.stop();
    transport.close();
    const mail = await listMail(mailpit.apiUrl);
    expect(mail).toHaveLength(N);
    // Arrival in Mailpit (its receive timestamp) after the enqueueing commit.
    const arrival = mail
      .map((m) => new Date(m.Created).getTime() - committed)
      .sort((a, b) => a - b);
    const sent: Array<{ ms: number }> = await ds.query(
      `SELECT extract(epoch FROM sent_at - created_at) * 1000 AS ms FROM outbox_messages`,
    );
    const marked = sent.map((r) => Number(r.ms)).sort((a, b) => a - b);
    const line = (what: string, xs: number[]): string =>
      `${what}: p50 ${pct(xs, 50).toFixed(0)} ms, p99 ${pct(xs, 99).toFixed(0)} ms, max ${xs[xs.length - 1]?.toFixed(0)} ms`;
    process.stdout.write(
      `\nmail burst of ${N}: all marked sent after ${allSentMs.toFixed(0)} ms ` +
        `(${((N / allSentMs) * 1000).toFixed(0)} messages/s)\n` +
        `  ${line('enqueued → in Mailpit', arrival)}\n` +
        `  ${line('enqueued → marked sent (database clock)', marked)}\n`,
    );
    expect(arrival.every((x) => Number.isFinite(x))).toBe(true);
  });
});
