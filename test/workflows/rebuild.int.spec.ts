/**
 * Issue 11, ADR 0016: the read models rebuilt from the log equal the live ones row by row.
 * Journeys on a real Temporal server (the workflow's own appends: personal data sealed, timers,
 * reminders, escalations, a referral, a reassignment, closure and erasure) in a database of
 * this file's own, then `rebuildReadModels`: compared without swapping, a corrupted live row
 * noticed, swapped while a case keeps taking commands, and compared again afterwards.
 */
import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import type { CaseCommand, CountryPolicy } from '@ariadne/domain';
import { RECEPTION_PURPOSE } from '@ariadne/domain';
import { compareReadModels, rebuildReadModels } from '@ariadne/persistence';
import { openIdentityOnly } from '@ariadne/security';
import { eventually, openCase, send } from '../support/commands';
import { COMM, SE, SUPERVISOR } from '../support/fixtures';
import { createTestDatabase } from '../support/services';
import { startWorkerHarness, type WorkerHarness } from '../support/stack';

jest.setTimeout(180_000);

function fastPolicy(overrides: Partial<CountryPolicy> = {}): CountryPolicy {
  return {
    ...SE,
    country: 'ZZ',
    version: 'test-fast',
    testOnly: true,
    reflection: { ...SE.reflection, period: 'PT3S' },
    ...overrides,
  };
}

const RECEIVER = 'ro-recv-1';

describe('read models rebuilt from the log', () => {
  let db: { url: string; drop(): Promise<void> };
  let h: WorkerHarness;
  let pg: PgClient;
  const baseUrl = process.env.DATABASE_URL;
  const cases: string[] = [];

  // ADR 0017: the rebuild opens her identity to count sex, age band and citizenship again.
  const openIdentity = (caseId: string, data: unknown) => openIdentityOnly(h.keys, caseId, data);
  const dimensionCounts = async (): Promise<Array<Record<string, string | number>>> =>
    (
      await pg.query(
        `SELECT organisation_id, sex, age_band, citizenship, count FROM case_dimension_counts
          WHERE count > 0 ORDER BY citizenship COLLATE "C"`,
      )
    ).rows;
  const types = async (caseId: string): Promise<string[]> =>
    (await h.store.readCase(caseId)).map((e) => e.type);
  const run = async (caseId: string, ...commands: CaseCommand[]): Promise<void> => {
    for (const c of commands) await send(h.client, caseId, c);
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    process.env.DATABASE_URL = db.url;
    h = await startWorkerHarness();
    pg = new PgClient({ connectionString: db.url });
    await pg.connect();

    // A departure journey with a referral (an inbox row for the receiver's supervisors).
    const departure = await openCase(h.client, h.taskQueue, fastPolicy());
    await run(
      departure,
      { type: 'RecordIdentification', outcome: 'reasonable-grounds', decidedBy: 'police' },
      { type: 'RecordNeedsAssessment', needs: ['shelter', 'health-care'] },
      {
        type: 'RecordPersonDetails',
        personal: {
          identity: { givenName: `Sealed-${randomUUID()}`, sex: 'Feminine', citizenship: 'RO' },
        },
      },
      { type: 'RecordPathwayChoice', pathway: 'return', communication: COMM },
      { type: 'GiveConsent', scope: { kind: 'return' }, communication: COMM },
      {
        type: 'GiveConsent',
        scope: {
          kind: 'data-sharing',
          recipientOrganisationId: RECEIVER,
          purpose: RECEPTION_PURPOSE.return,
          categories: ['identity'],
        },
        communication: COMM,
      },
      {
        type: 'SendCrossBorderReferral',
        recipientOrganisationId: RECEIVER,
        recipientCountry: 'RO',
        purpose: RECEPTION_PURPOSE.return,
        categories: ['identity'],
        personal: { identity: { givenName: 'A.' } },
      },
    );
    cases.push(departure);

    // Timers: a reminder to her caseworker, then an escalation to the supervisors.
    const overdue = await openCase(
      h.client,
      h.taskQueue,
      fastPolicy({
        reflection: { ...SE.reflection, period: 'P30D' },
        deadlines: { ...SE.deadlines, identificationDecision: 'PT4S' },
        reminderBefore: 'PT2S',
        escalateAfter: 'PT2S',
      }),
    );
    cases.push(overdue);

    // Integration after the reflection period, reassigned on the way.
    const integration = await openCase(h.client, h.taskQueue, fastPolicy());
    await run(
      integration,
      { type: 'RecordIdentification', outcome: 'reasonable-grounds', decidedBy: 'police' },
      { type: 'RecordNeedsAssessment', needs: ['shelter', 'education'] },
    );
    await eventually(
      () => types(integration),
      (t) => t.includes('ReflectionPeriodEnded'),
    );
    await run(
      integration,
      { type: 'RecordPathwayChoice', pathway: 'integration', communication: COMM },
      { type: 'AgreeIntegrationPlan', milestones: ['residence-permit', 'language'] },
    );
    await send(
      h.client,
      integration,
      { type: 'ReassignCase', assigneeId: 'cw-2', reason: 'workload' },
      { actor: SUPERVISOR },
    );
    cases.push(integration);

    // Closed, then erased when retention ends: her key destroyed, the summary stays.
    const erased = await openCase(
      h.client,
      h.taskQueue,
      fastPolicy({ retentionAfterClosure: 'PT2S' }),
    );
    await run(
      erased,
      {
        type: 'RecordPersonDetails',
        personal: { identity: { givenName: `Erasable-${randomUUID()}` } },
      },
      { type: 'CloseCase', reason: 'support-completed' },
    );
    await h.client.workflow.getHandle(erased).result();
    cases.push(erased);

    const escalated = await eventually(
      () => types(overdue),
      (t) => t.includes('DeadlineEscalated'),
    );
    expect(escalated).toContain('DeadlineReminderSent');
  });

  afterAll(async () => {
    await pg?.end();
    await h?.close();
    process.env.DATABASE_URL = baseUrl;
    await db?.drop();
  });

  it('every live read-model row equals its rebuild (summaries with their timestamps, inbox rows)', async () => {
    const counts = await pg.query<{ s: string; n: string; e: string }>(
      `SELECT (SELECT count(*) FROM case_summaries) s, (SELECT count(*) FROM notifications) n,
              (SELECT count(*) FROM case_events) e`,
    );
    expect(Number(counts.rows[0]!.s)).toBe(cases.length);
    expect(Number(counts.rows[0]!.n)).toBeGreaterThanOrEqual(3);
    // Someone read her reminder: the read mark is not in the log, the rebuild keeps it.
    await pg.query(`UPDATE notifications SET read_at = now() WHERE kind = 'reminder'`);
    // Her details counted once (the departure); the erased case's left the counts at erasure.
    expect(await dimensionCounts()).toEqual([
      {
        organisation_id: 'se-ngo-1',
        sex: 'Feminine',
        age_band: 'unknown',
        citizenship: 'RO',
        count: 1,
      },
    ]);
    const report = await rebuildReadModels({ databaseUrl: db.url, swap: false, openIdentity });
    expect(report.events).toBe(Number(counts.rows[0]!.e));
    expect(report.cases).toBe(cases.length);
    expect(report.differences).toEqual([]);
    const leftOver = await pg.query(`SELECT to_regclass('case_summaries_rebuild') AS t`);
    expect(leftOver.rows[0].t).toBeNull();
  });

  it('notices a live row that differs from the log, and a missing inbox row', async () => {
    const [corrupted] = cases;
    await pg.query(`UPDATE case_summaries SET phase = 'intake', version = 1 WHERE case_id = $1`, [
      corrupted,
    ]);
    const lost = await pg.query<{ event_id: string }>(
      `DELETE FROM notifications WHERE kind = 'escalation' RETURNING event_id`,
    );
    expect(lost.rows.length).toBeGreaterThan(0);
    const report = await rebuildReadModels({ databaseUrl: db.url, swap: false });
    const of = (table: string) => report.differences.find((d) => d.table === table);
    expect(of('case_summaries')).toEqual({
      table: 'case_summaries',
      onlyLive: [corrupted],
      onlyRebuilt: [corrupted],
    });
    expect(of('notifications')).toEqual({
      table: 'notifications',
      onlyLive: [],
      onlyRebuilt: lost.rows.map((r) => r.event_id).sort(),
    });
    // The boards' counts (kept by the summaries' trigger) follow the corrupted row: noticed too.
    const counts = await pg.query(`SELECT to_regclass('case_holder_counts') IS NOT NULL AS c`);
    if (counts.rows[0].c) {
      expect(of('case_holder_counts')?.onlyLive).toEqual(
        expect.arrayContaining([expect.stringContaining('/intake/')]),
      );
    }
  });

  it('swaps the rebuild in while a case takes commands; nothing appended meanwhile is lost', async () => {
    const busy = await openCase(
      h.client,
      h.taskQueue,
      fastPolicy({ reflection: { ...SE.reflection, period: 'P30D' } }),
    );
    const before = await pg.query<{ id: string; event_id: string }>(
      `SELECT id::text, event_id FROM notifications ORDER BY id`,
    );
    const report = await rebuildReadModels({
      databaseUrl: db.url,
      openIdentity,
      // Commands land between the bulk fold and the swap: catching up must carry them.
      afterBulk: () =>
        run(
          busy,
          { type: 'RecordIdentification', outcome: 'reasonable-grounds', decidedBy: 'police' },
          { type: 'RecordNeedsAssessment', needs: ['shelter'] },
          {
            type: 'RecordPersonDetails',
            personal: { identity: { sex: 'Feminine', citizenship: 'RO;MD' } },
          },
        ),
    });
    expect(report.swapped).toBe(true);
    expect(report.caughtUpCases).toBeGreaterThanOrEqual(1);
    // And one more after the swap: the append writes the swapped-in tables.
    await send(h.client, busy, {
      type: 'RecordPathwayChoice',
      pathway: 'integration',
      communication: COMM,
    });

    const summary = await pg.query<{ version: number; phase: string }>(
      `SELECT version, phase FROM case_summaries WHERE case_id = $1`,
      [busy],
    );
    const logged = await pg.query<{ v: number }>(
      `SELECT max(version) AS v FROM case_events WHERE case_id = $1`,
      [busy],
    );
    expect(summary.rows[0]?.version).toBe(logged.rows[0]?.v);
    // The corrupted row was repaired from the log, the lost inbox rows came back.
    const verify = await rebuildReadModels({ databaseUrl: db.url, swap: false, openIdentity });
    expect(verify.differences).toEqual([]);
    // Inbox rows kept their ids (links and read marks stay valid).
    const after = await pg.query<{ id: string; event_id: string }>(
      `SELECT id::text, event_id FROM notifications WHERE event_id = ANY($1::uuid[]) ORDER BY id`,
      [before.rows.map((r) => r.event_id)],
    );
    expect(after.rows).toEqual(before.rows);
    // The counts swapped in hold the details recorded while the rebuild ran.
    expect(await dimensionCounts()).toEqual([
      expect.objectContaining({ citizenship: 'RO', count: 1 }),
      expect.objectContaining({ citizenship: 'multiple', count: 1 }),
    ]);
    // Keys and indexes keep their names (later migrations refer to them).
    const indexes = await pg.query<{ n: string }>(
      `SELECT indexname AS n FROM pg_indexes WHERE tablename = 'case_summaries' ORDER BY 1`,
    );
    expect(indexes.rows.map((r) => r.n)).toEqual(
      expect.arrayContaining([
        'case_summaries_pkey',
        'case_summaries_org_phase',
        'case_summaries_reference',
      ]),
    );
    const checkpoint = await pg.query(`SELECT tx_id::text, position FROM projection_checkpoints`);
    expect(checkpoint.rows).toHaveLength(1);
    // A later compare against an empty suffix table would fail loudly, not pass silently.
    await expect(compareReadModels(pg, '_missing')).rejects.toThrow();
  });
});
