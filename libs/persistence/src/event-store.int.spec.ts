import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { AppendEventsInput } from '@ariadne/contracts';
import { caseSummary, evolveAll, initialState } from '@ariadne/domain';
import { opened } from '../../../test/support/fixtures';
import { createDataSource } from './data-source';
import { AppendConflictError, EventStore } from './event-store';
import { IdentityRepository } from './identity';

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

  /** An ImmediateNeedRecorded at `expectedVersion` + 1, with a fresh event id. */
  function need(caseId: string, expectedVersion: number): AppendEventsInput {
    const open = openInput(caseId);
    return {
      ...open,
      expectedVersion,
      events: [
        {
          eventId: randomUUID(),
          type: 'ImmediateNeedRecorded',
          data: { need: 'accommodation', recordedAt: '2026-01-05T09:00:00.000Z' },
        },
      ],
      summary: { ...open.summary, version: expectedVersion + 1 },
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

  it('eight concurrent appends at one version: one wins, the others are conflicts, no other error', async () => {
    const caseId = randomUUID();
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => store.append(openInput(caseId))),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(7);
    for (const e of lost) expect(e).toBeInstanceOf(AppendConflictError);
    const events = await store.readCase(caseId);
    expect(events).toHaveLength(1);
    // The winner's event is the one stored, and the summary is its.
    const [summary] = await ds.query('SELECT version FROM case_summaries WHERE case_id = $1', [
      caseId,
    ]);
    expect(summary).toEqual({ version: 1 });
  });

  it('a retry finds its events stored also after the log moved on; other events there conflict', async () => {
    const caseId = randomUUID();
    const first = openInput(caseId);
    await store.append(first);
    const second = need(caseId, 1);
    await store.append(second);
    await store.append(need(caseId, 2));
    const within = jest.fn(async () => undefined);
    expect(await store.append(second, within)).toEqual({ lastVersion: 2, alreadyStored: true });
    expect(within).not.toHaveBeenCalled();
    // The same version with an event id of another append: a conflict, named as such.
    await expect(store.append(need(caseId, 1))).rejects.toThrow(
      new AppendConflictError('Case version 2 is already taken by other events'),
    );
    // Two events of which only the first is stored: a conflict, not a half-retry.
    const partly = { ...second, events: [...second.events, ...need(caseId, 2).events] };
    await expect(store.append(partly)).rejects.toBeInstanceOf(AppendConflictError);
    await expect(store.append(need(caseId, 7))).rejects.toThrow(
      'Expected case version 7, the log is at 3',
    );
    expect((await store.readCase(caseId)).map((e) => e.version)).toEqual([1, 2, 3]);
  });

  it('an event id stored at another version is refused by its unique constraint (the adopt path reads it)', async () => {
    const caseId = randomUUID();
    await store.append(openInput(caseId));
    const second = need(caseId, 1);
    await store.append(second);
    // The same event id one version further: not a retry, not a version conflict.
    const moved = { ...need(caseId, 2), events: second.events };
    await expect(store.append(moved)).rejects.toMatchObject({
      code: '23505',
      constraint: 'case_events_event_id_uq',
    });
    expect(await store.readCase(caseId)).toHaveLength(2);
  });

  it('writes the whole summary row the workflow computed, stamped with the transaction time', async () => {
    const caseId = randomUUID();
    const input = openInput(caseId);
    await store.append(input);
    const [row] = await ds.query(
      `SELECT s.*, s.updated_at = e.recorded_at AS same_transaction
         FROM case_summaries s JOIN case_events e ON e.case_id = s.case_id
        WHERE s.case_id = $1`,
      [caseId],
    );
    const s = input.summary;
    const at = (v: string | null) => (v === null ? null : new Date(v));
    expect(row).toEqual({
      case_id: caseId,
      reference: s.reference,
      version: 1,
      status: s.status,
      phase: s.phase,
      pathway: s.pathway,
      stalled_since: at(s.stalledSince),
      return_readiness: s.returnReadiness,
      return_checklist: s.returnChecklist,
      earliest_due_at: at(s.earliestDueAt),
      country: s.country,
      organisation_id: s.organisationId,
      assignee_id: s.assigneeId,
      referral_source: s.referralSource,
      policy_version: s.policyVersion,
      opened_at: at(s.openedAt),
      identification_outcome: s.identificationOutcome,
      reflection_started_at: at(s.reflectionStartedAt),
      reflection_ends_at: at(s.reflectionEndsAt),
      reflection_ended_at: at(s.reflectionEndedAt),
      last_progress_at: at(s.lastProgressAt),
      next_due_at: at(s.nextDueAt),
      updated_at: expect.any(Date),
      same_transaction: true,
    });
    expect(s.earliestDueAt).not.toBeNull(); // the comparison covers a real timestamp
    // A later append overwrites every column with the new summary.
    const checklist = [{ item: 'travel-document', met: false }];
    await store.append({
      ...need(caseId, 1),
      summary: {
        ...s,
        version: 2,
        phase: 'reflection',
        returnChecklist: checklist,
        reference: null,
      },
    });
    const [after] = await ds.query(
      'SELECT version, phase, return_checklist, reference FROM case_summaries WHERE case_id = $1',
      [caseId],
    );
    expect(after).toEqual({
      version: 2,
      phase: 'reflection',
      return_checklist: checklist,
      reference: null,
    });
  });

  describe('with mail and `within`: the same transaction', () => {
    const org = `es-${randomUUID().slice(0, 8)}`;
    const supervisor = `${org}-sup`;
    beforeAll(async () => {
      const repo = new IdentityRepository(ds.manager);
      await repo.insertOrganisationIfAbsent({ id: org, country: 'SE', type: 'NGO', name: 'ES' });
      await repo.insertUserIfAbsent({
        id: supervisor,
        organisationId: org,
        role: 'supervisor',
        displayName: 'S',
        login: supervisor,
        email: `${supervisor}@mail.test`,
        locale: 'sv',
        passwordHash: null,
        active: true,
      });
    });

    function escalation(caseId: string): AppendEventsInput {
      const open = openInput(caseId);
      return {
        ...open,
        expectedVersion: 1,
        events: [
          {
            eventId: randomUUID(),
            type: 'DeadlineEscalated',
            data: {
              deadline: 'rights-information',
              kind: 'rights-information',
              dueAt: '2026-01-06T08:00:00.000Z',
              to: { role: 'supervisor', organisationId: org },
              escalatedAt: '2026-01-06T09:00:00.000Z',
            },
          },
        ],
        summary: { ...open.summary, version: 2, organisationId: org },
      };
    }

    async function written(caseId: string, eventId: string) {
      const [row] = await ds.query(
        `SELECT (SELECT count(*)::int FROM case_events WHERE case_id = $1) AS events,
                (SELECT version FROM case_summaries WHERE case_id = $1) AS summary,
                (SELECT count(*)::int FROM notifications WHERE event_id = $2) AS inbox,
                (SELECT count(*)::int FROM outbox_messages WHERE idempotency_key = $3) AS mail`,
        [caseId, eventId, `${eventId}:${supervisor}`],
      );
      return row as { events: number; summary: number; inbox: number; mail: number };
    }

    it('an escalation writes its inbox row and its mail with the events; `within` sees them', async () => {
      const caseId = randomUUID();
      await store.append(openInput(caseId));
      const input = escalation(caseId);
      const seen: unknown[] = [];
      const result = await store.append(input, async (tx) => {
        seen.push(
          ...(await tx.query('SELECT count(*)::int AS n FROM case_events WHERE case_id = $1', [
            caseId,
          ])),
        );
      });
      expect(result).toEqual({ lastVersion: 2, alreadyStored: false });
      expect(seen).toEqual([{ n: 2 }]);
      expect(await written(caseId, input.events[0]!.eventId)).toEqual({
        events: 2,
        summary: 2,
        inbox: 1,
        mail: 1,
      });
      const [n] = await ds.query(
        'SELECT kind, recipient_role, organisation_id FROM notifications WHERE event_id = $1',
        [input.events[0]!.eventId],
      );
      expect(n).toEqual({ kind: 'escalation', recipient_role: 'supervisor', organisation_id: org });
    });

    it('an escalation without `within` still gets its mail (the transaction path)', async () => {
      const caseId = randomUUID();
      await store.append(openInput(caseId));
      const input = escalation(caseId);
      await store.append(input);
      expect(await written(caseId, input.events[0]!.eventId)).toMatchObject({ inbox: 1, mail: 1 });
    });

    it('when `within` fails nothing is written: no events, summary, inbox row nor mail', async () => {
      const caseId = randomUUID();
      await store.append(openInput(caseId));
      const input = escalation(caseId);
      await expect(
        store.append(input, () => Promise.reject(new Error('audit down'))),
      ).rejects.toThrow('audit down');
      expect(await written(caseId, input.events[0]!.eventId)).toEqual({
        events: 1,
        summary: 1,
        inbox: 0,
        mail: 0,
      });
      // The connection went back clean: the same append then succeeds.
      expect(await store.append(input)).toEqual({ lastVersion: 2, alreadyStored: false });
    });

    it('a conflict inside the transaction path is an AppendConflictError and runs nothing else', async () => {
      const caseId = randomUUID();
      await store.append(openInput(caseId));
      await store.append(escalation(caseId));
      const within = jest.fn(async () => undefined);
      const other = escalation(caseId);
      await expect(store.append(other, within)).rejects.toBeInstanceOf(AppendConflictError);
      expect(within).not.toHaveBeenCalled();
      expect(await written(caseId, other.events[0]!.eventId)).toMatchObject({
        events: 2,
        inbox: 0,
        mail: 0,
      });
    });
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
