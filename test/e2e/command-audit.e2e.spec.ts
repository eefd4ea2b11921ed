/**
 * Issue 11, docs/adr/0013: a command's audit entry is written by its append, in the transaction
 * that stores its events (the same PostgreSQL transaction id), exactly once per request; what
 * the append does not write (a refusal, a retried request answered from Temporal's memory of the
 * update) the API records itself, as before. The chain stays whole.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AuditTrail, createDataSource } from '@ariadne/persistence';
import { type ApiStack, type Caller, mustEnv, startApiStack } from '../support/stack';

jest.setTimeout(120_000);

describe('a command’s audit entry, written with its events', () => {
  let stack: ApiStack;
  let cw: Caller;
  let ds: DataSource;

  beforeAll(async () => {
    stack = await startApiStack();
    cw = await stack.as('se-ngo-1-cw-1');
    ds = await createDataSource(mustEnv('DATABASE_URL')).initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
    await stack?.close();
  });

  interface Entry {
    action: string;
    outcome: string;
    categories: string[];
    actor_id: string;
    request_id: string | null;
    /** The 32-bit id of the transaction that wrote the entry. */
    xid: string;
  }
  const entriesOf = (caseId: string): Promise<Entry[]> =>
    ds.query(
      `SELECT action, outcome, categories, actor_id, request_id, xmin::text AS xid
         FROM audit_log WHERE case_id = $1 ORDER BY seq`,
      [caseId],
    );
  /** The 32-bit transaction ids of the case's events, by version. */
  const eventTransactions = async (caseId: string): Promise<string[]> =>
    (
      (await ds.query(
        `SELECT (tx_id::text::numeric % 4294967296)::text AS xid
           FROM case_events WHERE case_id = $1 ORDER BY version`,
        [caseId],
      )) as { xid: string }[]
    ).map((r) => r.xid);

  it('writes the entries of an opening and a command in their events’ transactions, once', async () => {
    const opened = await cw(
      'POST',
      '/api/v1/cases',
      { referralSource: 'ngo-outreach' },
      { 'idempotency-key': randomUUID() },
    );
    expect(opened.status).toBe(201);
    const caseId = String(opened.body.caseId);
    const key = randomUUID();
    const need = await cw(
      'POST',
      `/api/v1/cases/${caseId}/immediate-needs`,
      { need: 'safety' },
      { 'idempotency-key': key },
    );
    expect(need.status).toBe(200);

    const entries = await entriesOf(caseId);
    expect(entries.map((e) => [e.action, e.outcome])).toEqual([
      ['case.open', 'allowed'],
      ['case.command', 'allowed'],
    ]);
    const txs = await eventTransactions(caseId);
    expect(txs).toHaveLength(2);
    // The entry and the events were committed by one transaction each time.
    expect(entries.map((e) => e.xid)).toEqual(txs);
    expect(entries[1]).toMatchObject({ actor_id: 'se-ngo-1-cw-1' });
    expect(entries[1]!.categories).toContain('case');
    expect(entries.every((e) => e.request_id !== null)).toBe(true);

    // The same request again (its Idempotency-Key): Temporal answers the original result;
    // this request is recorded by the API, in a transaction of its own.
    const again = await cw(
      'POST',
      `/api/v1/cases/${caseId}/immediate-needs`,
      { need: 'safety' },
      { 'idempotency-key': key },
    );
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(need.body.version);
    const after = await entriesOf(caseId);
    expect(after.map((e) => [e.action, e.outcome])).toEqual([
      ['case.open', 'allowed'],
      ['case.command', 'allowed'],
      ['case.command', 'allowed'],
    ]);
    expect(txs).not.toContain(after[2]!.xid);
    expect(await eventTransactions(caseId)).toHaveLength(2);

    // A refused command (R2: the same need twice) stores nothing; the API records the failure.
    const refused = await cw(
      'POST',
      `/api/v1/cases/${caseId}/immediate-needs`,
      { need: 'safety' },
      { 'idempotency-key': randomUUID() },
    );
    expect(refused.status).toBe(409);
    expect((await entriesOf(caseId)).map((e) => [e.action, e.outcome]).at(-1)).toEqual([
      'case.command',
      'failed',
    ]);
    await expect(new AuditTrail(ds).verify()).resolves.toMatchObject({ ok: true });
  });
});
