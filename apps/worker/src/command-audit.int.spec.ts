/**
 * Issue 11, docs/adr/0013: a person's command carries its request's audit entry into the append,
 * which writes it in the transaction of the command's events: a stored command always has its
 * entry, an entry never stands without its events, a retried append writes it once, and the
 * chain stays whole while commands and other requests append at once.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { AppendEventsInput } from '@ariadne/contracts';
import { caseSummary, evolveAll, initialState } from '@ariadne/domain';
import { AuditTrail, createDataSource, EventStore } from '@ariadne/persistence';
import type { CaseKeyStore } from '@ariadne/security';
import { opened } from '../../../test/support/fixtures';
import { caseActivities, commandEntry } from './case.activities';

describe('a command’s audit entry in its append', () => {
  let ds: DataSource;
  let trail: AuditTrail;
  beforeAll(async () => {
    ds = await createDataSource(process.env.DATABASE_URL!).initialize();
    trail = new AuditTrail(ds);
  });
  afterAll(() => ds?.destroy());

  const audit = {
    action: 'case.open',
    categories: ['case'],
    purpose: 'case-management',
    requestId: 'req-42',
  };

  function input(caseId: string, extra: Partial<AppendEventsInput> = {}): AppendEventsInput {
    const event = opened();
    return {
      caseId,
      expectedVersion: 0,
      events: [{ eventId: randomUUID(), type: event.type, data: event.data }],
      metadata: {
        actorId: 'se-ngo-1-cw-1',
        actorRole: 'caseworker',
        organisationId: 'se-ngo-1',
        occurredAt: '2026-01-05T08:00:00.000Z',
        correlationId: 'c',
        causationId: randomUUID(),
      },
      summary: caseSummary(caseId, evolveAll(initialState(), [event]))!,
      audit,
      ...extra,
    };
  }

  // No event of these has personal data: the case keys are never asked for.
  const keys = {} as CaseKeyStore;
  const entriesOf = (caseId: string) => trail.list({ caseId, limit: 10 });

  it('writes the request’s entry once, with the events, and a retried append not again', async () => {
    const activities = caseActivities(new EventStore(ds), keys, undefined, trail);
    const caseId = randomUUID();
    const append = input(caseId);
    await activities.appendEvents(append);
    await activities.appendEvents(append); // the retried activity: already stored
    expect(await store().readCase(caseId)).toHaveLength(1);
    expect(await entriesOf(caseId)).toEqual([
      expect.objectContaining({
        actorId: 'se-ngo-1-cw-1',
        actorRole: 'caseworker',
        organisationId: 'se-ngo-1',
        action: 'case.open',
        caseId,
        caseCountry: 'SE', // the summary written in the same transaction
        categories: ['case'],
        purpose: 'case-management',
        outcome: 'allowed',
        requestId: 'req-42',
      }),
    ]);
    await expect(trail.verify()).resolves.toMatchObject({ ok: true });
  });

  it('writes neither the events nor the entry when the entry cannot be written', async () => {
    const failing = {
      appendInTransaction: () => Promise.reject(new Error('trail down')),
    } as never;
    const activities = caseActivities(store(), keys, undefined, failing);
    const caseId = randomUUID();
    await expect(activities.appendEvents(input(caseId))).rejects.toThrow('trail down');
    expect(await store().readCase(caseId)).toEqual([]);
    expect(await entriesOf(caseId)).toEqual([]);
  });

  it('refuses, without retrying and without writing, an entry the trail would refuse', async () => {
    const activities = caseActivities(store(), keys, undefined, trail);
    const caseId = randomUUID();
    const bad = input(caseId, { audit: { ...audit, purpose: 'Her Name' } });
    await expect(activities.appendEvents(bad)).rejects.toMatchObject({
      type: 'InvalidAuditEntry',
      nonRetryable: true,
    });
    expect(await store().readCase(caseId)).toEqual([]);
    expect(await entriesOf(caseId)).toEqual([]);
  });

  it('writes no entry for a command without one (a timer, a worker’s input from before)', () => {
    const caseId = randomUUID();
    expect(commandEntry({ ...input(caseId), audit: undefined })).toBeNull();
    const timer = input(caseId, {
      metadata: { ...input(caseId).metadata, actorId: 'system', actorRole: 'system' },
    });
    expect(commandEntry(timer)).toBeNull();
  });

  it('keeps the chain whole while commands and other requests append at once', async () => {
    const activities = caseActivities(store(), keys, undefined, trail);
    const other = new AuditTrail(ds); // another process's trail (the API's queue)
    const cases = Array.from({ length: 12 }, () => randomUUID());
    await Promise.all([
      ...cases.map((caseId) => activities.appendEvents(input(caseId))),
      ...cases.map((caseId) =>
        other.append({
          action: 'case.read',
          categories: ['case'],
          caseId,
          outcome: 'allowed',
          actorId: 'se-ngo-1-cw-1',
        }),
      ),
    ]);
    for (const caseId of cases) {
      const entries = await entriesOf(caseId);
      expect(entries.map((e) => e.action).sort()).toEqual(['case.open', 'case.read']);
    }
    await expect(trail.verify()).resolves.toMatchObject({ ok: true });
  });

  function store(): EventStore {
    return new EventStore(ds);
  }
});
