import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { AppendEventsInput } from '@ariadne/contracts';
import { caseSummary, evolveAll, initialState } from '@ariadne/domain';
import { opened } from '../../../test/support/fixtures';
import { createDataSource } from './data-source';
import { AppendConflictError, EventStore } from './event-store';

describe('event store on PostgreSQL', () => {
  let ds: DataSource;
  let store: EventStore;
  beforeAll(async () => {
    ds = await createDataSource(process.env.DATABASE_URL!).initialize();
    store = new EventStore(ds);
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  function openInput(caseId: string, eventId = randomUUID()): AppendEventsInput {
    const event = opened();
    return {
      caseId,
      expectedVersion: 0,
      events: [{ eventId, type: event.type, data: event.data }],
      metadata: {
        actorId: 'cw-1',
        actorRole: 'caseworker',
        organisationId: 'se-ngo-1',
        occurredAt: '2026-01-05T08:00:00.000Z',
        correlationId: 'c',
        causationId: 'c',
      },
      summary: caseSummary(caseId, evolveAll(initialState(), [event]))!,
    };
  }

  it('appends events with per-case versions and writes the summary in the same transaction', async () => {
    const caseId = randomUUID();
    expect(await store.append(openInput(caseId))).toEqual({ lastVersion: 1, alreadyStored: false });
    const [row] = await store.readCase(caseId);
    expect(row).toMatchObject({ caseId, version: 1, type: 'CaseOpened' });
    const [summary] = await ds.query(
      'SELECT version, phase FROM case_summaries WHERE case_id = $1',
      [caseId],
    );
    expect(summary).toEqual({ version: 1, phase: 'intake' });
  });

  it('a retried append of the same events is a no-op', async () => {
    const caseId = randomUUID();
    const input = openInput(caseId);
    await store.append(input);
    expect(await store.append(input)).toEqual({ lastVersion: 1, alreadyStored: true });
    expect(await store.readCase(caseId)).toHaveLength(1);
  });

  it('different events at a taken version fail as a conflict, and nothing is half-written', async () => {
    const caseId = randomUUID();
    await store.append(openInput(caseId));
    await expect(store.append(openInput(caseId))).rejects.toBeInstanceOf(AppendConflictError);
    const skipping = { ...openInput(caseId), expectedVersion: 5 };
    await expect(store.append(skipping)).rejects.toBeInstanceOf(AppendConflictError);
    expect(await store.readCase(caseId)).toHaveLength(1);
  });

  it('concurrent appends at one version: exactly one wins', async () => {
    const caseId = randomUUID();
    const results = await Promise.allSettled([
      store.append(openInput(caseId)),
      store.append(openInput(caseId)),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await store.readCase(caseId)).toHaveLength(1);
  });

  it('the log is append-only: the database refuses updates and deletes', async () => {
    const caseId = randomUUID();
    await store.append(openInput(caseId));
    await expect(
      ds.query(`UPDATE case_events SET type = 'X' WHERE case_id = $1`, [caseId]),
    ).rejects.toThrow(/append-only/);
    await expect(ds.query('DELETE FROM case_events WHERE case_id = $1', [caseId])).rejects.toThrow(
      /append-only/,
    );
  });
});
