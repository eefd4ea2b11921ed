/**
 * The supervisor and coordinator boards over HTTP (docs/boards.md): cases are opened through the
 * API in three organisations of two countries; then stalled, overdue and return-path states are
 * set directly in the case_summaries read model with SQL. That shortcut is test-only: the timers
 * and the decider that really set them (R19–R21, R14) are tested in libs/domain and the
 * workflow tests; here the subject is who sees what, in which order, page by page.
 */
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@ariadne/persistence';
import { type ApiStack, type Caller, mustEnv, startApiStack } from '../support/stack';

jest.setTimeout(120_000);

const BOARDS = [
  '/api/v1/supervision/stalled',
  '/api/v1/supervision/overdue',
  '/api/v1/supervision/workload',
  '/api/v1/coordination/return-readiness',
  '/api/v1/coordination/return-readiness/counts',
];

describe('supervisor and coordinator boards', () => {
  let stack: ApiStack;
  let db: DataSource;
  let seSup: Caller;
  let shelterSup: Caller;
  let seCoordinator: Caller;
  let noCoordinator: Caller;
  // Accounts of this test only, so that workload counts are exact whatever else runs.
  const tag = randomBytes(3).toString('hex');
  const worker = `se-ngo-1-cw-t${tag}`;
  const leaver = `se-ngo-1-cw-l${tag}`;
  const idle = `se-ngo-1-cw-i${tag}`;
  const c: Record<string, string> = {};

  async function open(
    login: string,
    body: { referralSource: string; assigneeId?: string },
  ): Promise<string> {
    const res = await (await stack.as(login))('POST', '/api/v1/cases', body);
    expect(res.status).toBe(201);
    return res.body.caseId;
  }

  /** Test-only: sets read-model columns that timers and the decider set in production. */
  async function setSummary(caseId: string, columns: Record<string, unknown>): Promise<void> {
    const names = Object.keys(columns);
    const sets = names.map((n, i) => `${n} = $${i + 2}`).join(', ');
    await db.query(`UPDATE case_summaries SET ${sets} WHERE case_id = $1`, [
      caseId,
      ...names.map((n) => columns[n]),
    ]);
  }

  beforeAll(async () => {
    stack = await startApiStack();
    db = await createDataSource(mustEnv('DATABASE_URL')).initialize();
    for (const [id, active] of [
      [worker, true],
      [leaver, true],
      [idle, true],
    ] as const) {
      await db.query(
        `INSERT INTO users (id, organisation_id, role, display_name, login, password_hash, active)
         VALUES ($1, 'se-ngo-1', 'caseworker', 'Test caseworker', $1, NULL, $2)`,
        [id, active],
      );
    }
    [seSup, shelterSup, seCoordinator, noCoordinator] = await Promise.all(
      ['se-ngo-1-sup', 'se-shelter-1-sup', 'se-coordinator', 'no-coordinator'].map((l) =>
        stack.as(l),
      ),
    );

    const se = (key: string, assigneeId = worker) =>
      open('se-ngo-1-cw-1', { referralSource: 'police', assigneeId }).then((id) => (c[key] = id));
    await Promise.all([
      se('stalled1'),
      se('stalled2'),
      se('stalled3', 'se-ngo-1-cw-2'),
      se('overdue1'),
      se('overdue2'),
      se('plain'),
      se('returnIncomplete'),
      se('orphan', leaver),
      open('se-shelter-1-cw-1', { referralSource: 'helpline' }).then(
        (id) => (c.shelterStalled = id),
      ),
      open('se-shelter-1-cw-1', { referralSource: 'helpline' }).then(
        (id) => (c.shelterOverdue = id),
      ),
      open('se-shelter-1-cw-1', { referralSource: 'helpline' }).then((id) => (c.shelterReady = id)),
      open('no-ngo-1-cw-1', { referralSource: 'police' }).then((id) => (c.noReturn = id)),
      open('no-ngo-1-cw-1', { referralSource: 'police' }).then((id) => (c.noStalled = id)),
    ]);
    // One stalled case moves on to reflection through the API, for the phase filter (her
    // supervisor records it: the opener is not its caseworker).
    const decided = await seSup('POST', `/api/v1/cases/${c.stalled2}/identification`, {
      outcome: 'reasonable-grounds',
      decidedBy: 'police',
    });
    expect(decided.status).toBe(200);

    // Far in the past, so that these come first in each list whatever else is in the database.
    await setSummary(c.stalled2!, { stalled_since: '2000-01-02T00:00:00.000Z' });
    // Microseconds, as PostgreSQL's own now() writes them: the cursor must not lose them.
    await db.query(
      `UPDATE case_summaries SET stalled_since = '2000-01-01 00:00:00.000123+00' WHERE case_id = $1`,
      [c.stalled1],
    );
    await setSummary(c.stalled3!, { stalled_since: '2000-01-03T00:00:00.000Z' });
    await setSummary(c.shelterStalled!, { stalled_since: '2000-01-01T12:00:00.000Z' });
    await setSummary(c.noStalled!, { stalled_since: '2000-01-01T06:00:00.000Z' });
    await setSummary(c.overdue1!, { earliest_due_at: '2000-02-01T00:00:00.000Z' });
    await setSummary(c.overdue2!, { earliest_due_at: '2000-02-03T00:00:00.000Z' });
    await setSummary(c.stalled1!, { earliest_due_at: '2000-02-02T00:00:00.000Z' });
    await setSummary(c.shelterOverdue!, { earliest_due_at: '2000-02-01T12:00:00.000Z' });
    const checklist = (missing: string[]) =>
      JSON.stringify(
        ['reflection-period-over', 'consent', 'risk-assessment', 'travel-arranged'].map((item) => ({
          item,
          met: !missing.includes(item),
        })),
      );
    await setSummary(c.returnIncomplete!, {
      pathway: 'return',
      return_readiness: 'incomplete',
      return_checklist: checklist(['consent', 'travel-arranged']),
      opened_at: '1980-01-01T00:00:00.000Z',
    });
    await setSummary(c.shelterReady!, {
      pathway: 'third-country',
      return_readiness: 'ready',
      return_checklist: checklist([]),
      opened_at: '1980-01-02T00:00:00.000Z',
    });
    await setSummary(c.noReturn!, {
      pathway: 'return',
      return_readiness: 'incomplete',
      return_checklist: checklist(['consent']),
      opened_at: '1980-01-01T00:00:00.000Z',
    });
    // Her caseworker leaves: the case is hers no more (R22), until a supervisor reassigns it.
    await db.query(`UPDATE users SET active = false WHERE id = $1`, [leaver]);
  });

  afterAll(async () => {
    await db?.destroy();
    await stack?.close();
  });

  const ids = (items: Array<{ caseId: string }>) => items.map((i) => i.caseId);
  const mine = (items: Array<{ caseId: string }>) =>
    ids(items).filter((id) => Object.values(c).includes(id));

  describe('supervisor', () => {
    it('lists stalled cases of her organisation, oldest first (R21)', async () => {
      const res = await seSup('GET', '/api/v1/supervision/stalled');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ limit: 25 });
      expect(ids(res.body.items).slice(0, 3)).toEqual([c.stalled1, c.stalled2, c.stalled3]);
      expect(res.body.items[0]).toMatchObject({
        caseId: c.stalled1,
        status: 'open',
        organisationId: 'se-ngo-1',
        country: 'SE',
        assigneeId: worker,
        stalledSince: '2000-01-01T00:00:00.000Z',
        referralSource: 'police',
      });
      expect(res.body.total).toBeGreaterThanOrEqual(3);
      // Case summaries only: nothing personal, no checklist on this board.
      expect(Object.keys(res.body.items[0]).sort()).toEqual(
        [
          'assigneeId',
          'caseId',
          'country',
          'earliestDueAt',
          'identificationOutcome',
          'lastProgressAt',
          'nextDueAt',
          'openedAt',
          'organisationId',
          'pathway',
          'phase',
          'policyVersion',
          'reference',
          'referralSource',
          'reflectionEndedAt',
          'reflectionEndsAt',
          'reflectionStartedAt',
          'returnReadiness',
          'stalledSince',
          'status',
          'version',
        ].sort(),
      );
    });

    it('never shows another organisation’s cases, nor another country’s', async () => {
      const se = await seSup('GET', '/api/v1/supervision/stalled?limit=100');
      expect(ids(se.body.items)).not.toContain(c.shelterStalled);
      expect(ids(se.body.items)).not.toContain(c.noStalled);
      expect(
        se.body.items.every((i: { organisationId: string }) => i.organisationId === 'se-ngo-1'),
      ).toBe(true);

      const shelter = await shelterSup('GET', '/api/v1/supervision/stalled?limit=100');
      expect(shelter.status).toBe(200);
      expect(mine(shelter.body.items)).toEqual([c.shelterStalled]);
      const shelterOverdue = await shelterSup('GET', '/api/v1/supervision/overdue?limit=100');
      expect(mine(shelterOverdue.body.items)).toEqual([c.shelterOverdue]);
      const shelterLoad = await shelterSup('GET', '/api/v1/supervision/workload?limit=100');
      expect(shelterLoad.body.items.map((r: { userId: string }) => r.userId)).not.toContain(worker);
    });

    it('records each look at a board in the audit trail (P5)', async () => {
      const res = await shelterSup('GET', '/api/v1/supervision/workload');
      expect(res.status).toBe(200);
      const rows = await db.query(
        `SELECT action, categories, purpose, outcome, case_id FROM audit_log
          WHERE actor_id = 'se-shelter-1-sup' AND action = 'supervision.workload.read'`,
      );
      expect(rows).toContainEqual({
        action: 'supervision.workload.read',
        categories: ['case'],
        purpose: 'supervision',
        outcome: 'allowed',
        case_id: null,
      });
    });

    it('filters by phase, pathway and assignee', async () => {
      const reflection = await seSup(
        'GET',
        '/api/v1/supervision/stalled?phase=reflection&limit=100',
      );
      expect(mine(reflection.body.items)).toEqual([c.stalled2]);
      const intake = await seSup(
        'GET',
        `/api/v1/supervision/stalled?phase=intake&assigneeId=${worker}`,
      );
      expect(ids(intake.body.items)).toEqual([c.stalled1]);
      expect(intake.body.total).toBe(1);
      const colleague = await seSup(
        'GET',
        '/api/v1/supervision/stalled?assigneeId=se-ngo-1-cw-2&limit=100',
      );
      expect(mine(colleague.body.items)).toEqual([c.stalled3]);
      const returning = await seSup('GET', '/api/v1/supervision/stalled?pathway=return&limit=100');
      expect(mine(returning.body.items)).toEqual([]);
    });

    it('pages with a cursor: every case once, in order', async () => {
      const first = await seSup('GET', `/api/v1/supervision/stalled?assigneeId=${worker}&limit=1`);
      expect(first.body).toMatchObject({ total: 2, limit: 1 });
      expect(ids(first.body.items)).toEqual([c.stalled1]);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await seSup(
        'GET',
        `/api/v1/supervision/stalled?assigneeId=${worker}&limit=1&cursor=${first.body.nextCursor}`,
      );
      expect(ids(second.body.items)).toEqual([c.stalled2]);
      expect(second.body.nextCursor).toBeNull();
      // The next page repeats the first page's total, which its cursor carries (not recounted).
      expect(second.body.total).toBe(2);
      const carried = JSON.parse(Buffer.from(first.body.nextCursor, 'base64url').toString());
      expect(carried.t).toBe(2);
      const recounted = await seSup(
        'GET',
        `/api/v1/supervision/stalled?assigneeId=${worker}&limit=1&cursor=${Buffer.from(
          JSON.stringify({ ...carried, t: 7 }),
        ).toString('base64url')}`,
      );
      expect(recounted.body.total).toBe(7);
      // A total that is not a count is refused like any foreign cursor.
      const bad = await seSup(
        'GET',
        `/api/v1/supervision/stalled?limit=1&cursor=${Buffer.from(
          JSON.stringify({ ...carried, t: -1 }),
        ).toString('base64url')}`,
      );
      expect(bad.status).toBe(400);
      // A cursor belongs to its list.
      const elsewhere = await seSup(
        'GET',
        `/api/v1/supervision/overdue?cursor=${first.body.nextCursor}`,
      );
      expect(elsewhere.status).toBe(400);
      expect(elsewhere.body.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
    });

    it('lists overdue cases, most overdue first, with how long overdue (R19, R20)', async () => {
      const res = await seSup('GET', `/api/v1/supervision/overdue?assigneeId=${worker}`);
      expect(res.status).toBe(200);
      expect(ids(res.body.items)).toEqual([c.overdue1, c.stalled1, c.overdue2]);
      const asOf = Date.parse(res.body.asOf);
      expect(res.body.items[0]).toMatchObject({ earliestDueAt: '2000-02-01T00:00:00.000Z' });
      expect(res.body.items[0].overdueSeconds).toBe(
        Math.floor((asOf - Date.parse('2000-02-01T00:00:00.000Z')) / 1000),
      );
      expect(res.body.items[0].overdueSeconds).toBeGreaterThan(res.body.items[2].overdueSeconds);
      // A freshly opened case is not overdue.
      const all = await seSup('GET', '/api/v1/supervision/overdue?limit=100');
      expect(ids(all.body.items)).not.toContain(c.plain);
      expect(ids(all.body.items)).not.toContain(c.shelterOverdue);
    });

    it('shows the workload of every active caseworker, those without cases too (R22)', async () => {
      const res = await seSup('GET', '/api/v1/supervision/workload?limit=100');
      expect(res.status).toBe(200);
      const rows = new Map(res.body.items.map((r: { userId: string }) => [r.userId, r]));
      expect(rows.get(worker)).toEqual({
        userId: worker,
        role: 'caseworker',
        open: 6,
        stalled: 2,
        overdue: 3,
      });
      expect(rows.get(idle)).toEqual({
        userId: idle,
        role: 'caseworker',
        open: 0,
        stalled: 0,
        overdue: 0,
      });
      expect(rows.get('se-ngo-1-sup')).toMatchObject({ role: 'supervisor' });
      expect(rows.has('se-ngo-1-cw-2')).toBe(true);
      expect(rows.has(leaver)).toBe(false);
      expect(rows.has('se-shelter-1-cw-1')).toBe(false);
      // The left caseworker's case is counted as unassigned until someone takes it over.
      expect(res.body.unassigned.open).toBeGreaterThanOrEqual(1);

      const filtered = await seSup(
        'GET',
        `/api/v1/supervision/workload?assigneeId=${worker}&phase=intake`,
      );
      expect(filtered.body).toMatchObject({ total: 1, nextCursor: null });
      expect(filtered.body.items).toEqual([
        { userId: worker, role: 'caseworker', open: 5, stalled: 1, overdue: 3 },
      ]);

      const page1 = await seSup('GET', '/api/v1/supervision/workload?limit=2');
      expect(page1.body.items).toHaveLength(2);
      const page2 = await seSup(
        'GET',
        `/api/v1/supervision/workload?limit=2&cursor=${page1.body.nextCursor}`,
      );
      expect(page2.status).toBe(200);
      const seen = [...page1.body.items, ...page2.body.items].map(
        (r: { userId: string }) => r.userId,
      );
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual([...seen].sort());
    });

    it('refuses bad queries with 400 naming the field', async () => {
      for (const [query, field] of [
        ['limit=101', 'limit'],
        ['limit=0', 'limit'],
        ['limit=ten', 'limit'],
        ['phase=limbo', 'phase'],
        ['pathway=anywhere', 'pathway'],
        ['assigneeId=Not%20An%20Id', 'assigneeId'],
        ['cursor=%24%24%24', 'cursor'],
        ['cursor=bm90LWEtY3Vyc29y', 'cursor'],
        ['organisationId=se-shelter-1', 'organisationId'],
      ]) {
        const res = await seSup('GET', `/api/v1/supervision/stalled?${query}`);
        expect([query, res.status]).toEqual([query, 400]);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
    });
  });

  describe('coordinator', () => {
    it('lists the return and third-country cases of her country with what is missing (R14, R16)', async () => {
      const res = await seCoordinator('GET', '/api/v1/coordination/return-readiness?limit=100');
      expect(res.status).toBe(200);
      expect(res.body.country).toBe('SE');
      expect(ids(res.body.items).slice(0, 2)).toEqual([c.returnIncomplete, c.shelterReady]);
      expect(res.body.items[0]).toMatchObject({
        organisationId: 'se-ngo-1',
        pathway: 'return',
        returnReadiness: 'incomplete',
        missing: ['consent', 'travel-arranged'],
      });
      expect(res.body.items[0].returnChecklist).toContainEqual({ item: 'consent', met: false });
      expect(res.body.items[1]).toMatchObject({
        organisationId: 'se-shelter-1',
        pathway: 'third-country',
        returnReadiness: 'ready',
        missing: [],
      });
      // Cases off a departure path are not on this board.
      expect(ids(res.body.items)).not.toContain(c.plain);
    });

    it('filters by readiness and organisation', async () => {
      const ready = await seCoordinator(
        'GET',
        '/api/v1/coordination/return-readiness?readiness=ready&limit=100',
      );
      expect(mine(ready.body.items)).toEqual([c.shelterReady]);
      const ngo = await seCoordinator(
        'GET',
        '/api/v1/coordination/return-readiness?organisationId=se-ngo-1&readiness=incomplete&limit=100',
      );
      expect(mine(ngo.body.items)).toEqual([c.returnIncomplete]);
      // Naming another country's organisation narrows to nothing; it never widens the scope.
      const foreign = await seCoordinator(
        'GET',
        '/api/v1/coordination/return-readiness?organisationId=no-ngo-1',
      );
      expect(foreign.status).toBe(200);
      expect(foreign.body).toMatchObject({ items: [], total: 0 });
      const bad = await seCoordinator(
        'GET',
        '/api/v1/coordination/return-readiness?readiness=maybe',
      );
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('readiness');
    });

    it('sees no case of another country', async () => {
      const res = await noCoordinator('GET', '/api/v1/coordination/return-readiness?limit=100');
      expect(res.status).toBe(200);
      expect(res.body.country).toBe('NO');
      expect(mine(res.body.items)).toEqual([c.noReturn]);
      expect(res.body.items.every((i: { country: string }) => i.country === 'NO')).toBe(true);
      const counts = await noCoordinator('GET', '/api/v1/coordination/return-readiness/counts');
      expect(
        counts.body.organisations.map((o: { organisationId: string }) => o.organisationId),
      ).toEqual(expect.not.arrayContaining(['se-ngo-1', 'se-shelter-1']));
    });

    it('counts the board per organisation of her country', async () => {
      const res = await seCoordinator('GET', '/api/v1/coordination/return-readiness/counts');
      expect(res.status).toBe(200);
      expect(res.body.country).toBe('SE');
      const byOrg = new Map(
        res.body.organisations.map((o: { organisationId: string }) => [o.organisationId, o]),
      );
      // Every SE organisation, and no other country's (other test files add SE organisations).
      expect([...byOrg.keys()]).toEqual(
        expect.arrayContaining(['se-nc', 'se-ngo-1', 'se-shelter-1']),
      );
      expect([...byOrg.keys()].filter((id) => /^(no|ro)-/.test(id as string))).toEqual([]);
      expect((byOrg.get('se-ngo-1') as { incomplete: number }).incomplete).toBeGreaterThanOrEqual(
        1,
      );
      expect((byOrg.get('se-shelter-1') as { ready: number }).ready).toBeGreaterThanOrEqual(1);
      expect(res.body.total.total).toBe(
        res.body.organisations.reduce((s: number, o: { total: number }) => s + o.total, 0),
      );
    });
  });

  describe('authorisation', () => {
    it('refuses caseworkers, admins and auditors every board (403)', async () => {
      for (const login of ['se-ngo-1-cw-1', 'se-admin', 'se-auditor', 'ro-recv-1-cw-1']) {
        const caller = await stack.as(login);
        for (const path of BOARDS) {
          const res = await caller('GET', path);
          expect([login, path, res.status]).toEqual([login, path, 403]);
          expect(res.headers.get('content-type')).toContain('application/problem+json');
        }
      }
    });

    it('keeps supervisors off the coordination board and coordinators off the supervision board', async () => {
      for (const path of BOARDS.filter((p) => p.includes('coordination'))) {
        expect((await seSup('GET', path)).status).toBe(403);
      }
      for (const path of BOARDS.filter((p) => p.includes('supervision'))) {
        expect((await seCoordinator('GET', path)).status).toBe(403);
      }
    });

    it('documents every board in the OpenAPI document', async () => {
      const doc = await stack.anonymous('GET', '/api/openapi.json');
      expect(doc.status).toBe(200);
      for (const path of [...BOARDS, '/api/v1/statistics/cases']) {
        expect(doc.body.paths[path]?.get).toBeDefined();
      }
    });

    it('answers 401 without a token', async () => {
      for (const path of BOARDS) expect((await stack.anonymous('GET', path)).status).toBe(401);
    });
  });
});
