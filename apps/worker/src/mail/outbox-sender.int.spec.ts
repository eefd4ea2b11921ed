/**
 * The sender against PostgreSQL with a transport that fails as SMTP servers do: a refused
 * message is retried later with backoff, recorded by its error class only (the server's text,
 * which quotes the address, is not kept), and after the last attempt marked failed and listed
 * for the admins of the organisation's country. A delivered one is marked sent with the
 * Message-ID derived from its key.
 */
import { randomUUID } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import type { DataSource } from 'typeorm';
import {
  createDataSource,
  enqueueMessage,
  failedMessages,
  IdentityRepository,
  messageIdFor,
  purgeDelivered,
} from '@ariadne/persistence';
import { createTestDatabase } from '../../../../test/support/services';
import { errorClass, OutboxSender } from './outbox-sender';

const ORG = `zz-outbox-${randomUUID().slice(0, 6)}`;

function fakeTransport(behaviour: () => unknown): { transport: Transporter; sent: unknown[] } {
  const sent: unknown[] = [];
  const transport = {
    sendMail: async (mail: unknown) => {
      const failure = behaviour();
      if (failure) throw failure;
      sent.push(mail);
      return { response: '250 OK' };
    },
  } as unknown as Transporter;
  return { transport, sent };
}

describe('outbox sender (PostgreSQL, fake SMTP)', () => {
  let ds: DataSource;
  let db: { url: string; drop(): Promise<void> };
  beforeAll(async () => {
    // A database of its own: the sender takes the due messages of the whole outbox, and the
    // shared test database holds other tests' pending messages, which would crowd a batch.
    db = await createTestDatabase();
    ds = await createDataSource(db.url).initialize();
    await new IdentityRepository(ds.manager).insertOrganisationIfAbsent({
      id: ORG,
      country: 'LV',
      type: 'NGO',
      name: 'Outbox test NGO',
    });
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  async function enqueue(key: string): Promise<string> {
    await ds.transaction((tx) =>
      enqueueMessage(tx, {
        idempotencyKey: key,
        kind: 'reminder',
        recipientUserId: null,
        organisationId: ORG,
        recipientAddress: 'refused.person@mail.test',
        locale: 'lv',
        timeZone: 'Europe/Riga',
        params: { caseId: randomUUID(), reference: 'LV-TEST-1', obligation: 'risk-assessment' },
      }),
    );
    const rows: Array<{ id: string }> = await ds.query(
      `SELECT id FROM outbox_messages WHERE idempotency_key = $1`,
      [key],
    );
    return rows[0]!.id;
  }

  const row = async (id: string) =>
    (
      await ds.query(
        `SELECT status, attempts, last_error, next_attempt_at > now() AS later, message_id
           FROM outbox_messages WHERE id = $1`,
        [id],
      )
    )[0];

  it('retries a refused message with backoff, then marks it failed and lists it for admins', async () => {
    const key = `refused:${randomUUID()}`;
    const id = await enqueue(key);
    // Enqueueing the same key again adds nothing.
    expect(
      await ds.transaction((tx) =>
        enqueueMessage(tx, {
          idempotencyKey: key,
          kind: 'reminder',
          recipientUserId: null,
          organisationId: ORG,
          recipientAddress: 'x@mail.test',
          locale: 'en',
          timeZone: 'UTC',
          params: { caseId: id, reference: 'x' },
        }),
      ),
    ).toBe(false);
    const refusal = Object.assign(new Error('550 5.1.1 <refused.person@mail.test>: no such user'), {
      responseCode: 550,
      code: 'EENVELOPE',
    });
    const { transport } = fakeTransport(() => refusal);
    const sender = new OutboxSender(ds, transport, {
      from: 'Ariadne <no-reply@ariadne.test>',
      publicUrl: 'http://127.0.0.1:3000',
      maxAttempts: 2,
      retryBaseMs: 60_000,
    });
    await sender.runOnce();
    expect(await row(id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_error: 'smtp 550',
      later: true,
    });
    // Not due yet: another run leaves it alone.
    await sender.runOnce();
    expect((await row(id)).attempts).toBe(1);
    await ds.query(`UPDATE outbox_messages SET next_attempt_at = now() WHERE id = $1`, [id]);
    await sender.runOnce();
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: 2, last_error: 'smtp 550' });
    const listed = await failedMessages(ds, 'LV', 200);
    const mine = listed.find((m) => m.id === id);
    expect(mine).toMatchObject({ kind: 'reminder', attempts: 2, lastError: 'smtp 550' });
    expect(JSON.stringify(listed)).not.toContain('refused.person');
    expect((await failedMessages(ds, 'SE', 200)).some((m) => m.id === id)).toBe(false);
  });

  it('marks a delivered message sent with the Message-ID of its key', async () => {
    const key = `ok:${randomUUID()}`;
    const id = await enqueue(key);
    const { transport, sent } = fakeTransport(() => undefined);
    const sender = new OutboxSender(ds, transport, {
      from: 'Ariadne <no-reply@ariadne.test>',
      publicUrl: 'http://127.0.0.1:3000',
      maxAttempts: 2,
      retryBaseMs: 1000,
    });
    await sender.runOnce();
    const expected = messageIdFor(key, 'ariadne.test');
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 1, message_id: expected });
    expect(sent).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ messageId: expected, to: 'refused.person@mail.test' }),
      ]),
    );
  });

  it('deletes delivered messages after the retention period, and keeps failed ones', async () => {
    const id = await enqueue(`purge:${randomUUID()}`);
    await ds.query(
      `UPDATE outbox_messages SET status = 'sent', sent_at = now() - interval '31 days' WHERE id = $1`,
      [id],
    );
    const failed = await enqueue(`purge-failed:${randomUUID()}`);
    await ds.query(
      `UPDATE outbox_messages SET status = 'failed', created_at = now() - interval '90 days' WHERE id = $1`,
      [failed],
    );
    expect(await purgeDelivered(ds, 30)).toBeGreaterThanOrEqual(1);
    expect(await row(id)).toBeUndefined();
    expect((await row(failed)).status).toBe('failed');
  });

  it('keeps an error class, never the text', () => {
    expect(errorClass(Object.assign(new Error('x@y'), { code: 'ECONNREFUSED' }))).toBe(
      'ECONNREFUSED',
    );
    expect(errorClass({ code: 'not a code x@y' })).toBe('error');
    expect(errorClass(new TypeError('x@y'))).toBe('TypeError');
  });
});
