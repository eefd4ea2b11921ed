/**
 * The system actor's writes (the case's own timers: reminders, escalations, stall flags, erasure)
 * join the audit trail from the worker's append path, in the transaction of their events: once,
 * even when a retried activity appends the same events again; never without the events.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { AppendEventsInput } from '@ariadne/contracts';
import { caseSummary, evolveAll, initialState } from '@ariadne/domain';
import { AuditTrail, createDataSource, EventStore } from '@ariadne/persistence';
import type { CaseKeyStore } from '@ariadne/security';
import { opened } from '../../../test/support/fixtures';
import { caseActivities, systemWriteEntry } from './case.activities';

describe('system writes in the audit trail', () => {
  let ds: DataSource;
  let trail: AuditTrail;
  beforeAll(async () => {
    ds = await createDataSource(process.env.DATABASE_URL!).initialize();
    trail = new AuditTrail(ds);
  });
  afterAll(() => ds?.destroy());

  function input(caseId: string, actorRole: string): AppendEventsInput {
    const event = opened();
    return {
      caseId,
      expectedVersion: 0,
      events: [{ eventId: randomUUID(), type: event.type, data: event.data }],
      metadata: {
        actorId: actorRole === 'system' ? 'system' : 'se-ngo-1-cw-1',
        actorRole,
        organisationId: 'se-ngo-1',
        occurredAt: '2026-01-05T08:00:00.000Z',
        correlationId: 'c',
        causationId: 'c',
      },
      summary: caseSummary(caseId, evolveAll(initialState(), [event]))!,
    };
  }

  // No event of these has personal data: the case keys are never asked for.
  const keys = {} as CaseKeyStore;
  const entriesOf = (caseId: string) => trail.list({ caseId, limit: 10 });

  it('records a system append once, with its events, and a retried one not again', async () => {
    const activities = caseActivities(new EventStore(ds), keys, undefined, trail);
    const caseId = randomUUID();
    const append = input(caseId, 'system');
    await activities.appendEvents(append);
    await activities.appendEvents(append); // the retried activity: already stored
    const entries = await entriesOf(caseId);
    expect(entries).toEqual([
      expect.objectContaining({
        actorId: 'system',
        actorRole: 'system',
        organisationId: 'se-ngo-1',
        action: 'case.timer',
        caseId,
        caseCountry: 'SE', // the summary written in the same transaction
        categories: ['case'],
        outcome: 'allowed',
      }),
    ]);
    await expect(trail.verify()).resolves.toMatchObject({ ok: true });
  });

  it('leaves a person’s append to the API (which records it) and records nothing here', async () => {
    const activities = caseActivities(new EventStore(ds), keys, undefined, trail);
    const caseId = randomUUID();
    await activities.appendEvents(input(caseId, 'caseworker'));
    expect(await entriesOf(caseId)).toEqual([]);
  });

  it('writes no entry when the append fails, and no events when the entry cannot be written', async () => {
    const store = new EventStore(ds);
    const caseId = randomUUID();
    const failing = {
      append: () => Promise.reject(new Error('trail down')),
      appendInTransaction: () => Promise.reject(new Error('trail down')),
    } as never;
    const activities = caseActivities(store, keys, undefined, failing);
    await expect(activities.appendEvents(input(caseId, 'system'))).rejects.toThrow('trail down');
    expect(await store.readCase(caseId)).toEqual([]);
    expect(await entriesOf(caseId)).toEqual([]);
  });

  it('names an erasure and the categories it destroyed', () => {
    const erasure = {
      ...input(randomUUID(), 'system'),
      events: [{ eventId: randomUUID(), type: 'PersonalDataErased', data: {} }],
    };
    expect(systemWriteEntry(erasure)).toMatchObject({
      action: 'case.erase',
      purpose: 'retention',
      categories: expect.arrayContaining(['identity', 'health', 'case']),
    });
  });
});
