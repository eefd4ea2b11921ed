/**
 * The counts kept by case_summaries' trigger (migration BoardCounts1796648476697) equal their
 * definitions after any mix of inserts, upserts, updates and deletes, also when two
 * transactions move cases in opposite directions at once; and the boards and statistics read
 * from them answer as counting the cases would.
 */
import type { DataSource } from 'typeorm';
import { createTestDatabase } from '../../../test/support/services';
import { createDataSource } from './data-source';
import { CaseBoardQueries, CaseStatisticsQueries, type StatisticsDimension } from './queries';
import { seededRandom } from '../../../test/support/seeded';

// Hundreds of single-row writes, each checked against the definitions: slow on a busy machine.
jest.setTimeout(120_000);

const DEFINITIONS: ReadonlyArray<readonly [string, string]> = [
  [
    `SELECT organisation_id, assignee_id, phase, pathway, open, stalled FROM case_holder_counts WHERE open > 0`,
    `SELECT organisation_id, assignee_id, phase, pathway, count(*)::int,
            (count(*) FILTER (WHERE stalled_since IS NOT NULL))::int
       FROM case_summaries WHERE status = 'open' GROUP BY 1, 2, 3, 4`,
  ],
  [
    `SELECT organisation_id, return_readiness, open FROM case_readiness_counts WHERE open > 0`,
    `SELECT organisation_id, return_readiness, count(*)::int FROM case_summaries
      WHERE status = 'open' AND return_readiness <> 'not-applicable' GROUP BY 1, 2`,
  ],
  [
    `SELECT organisation_id, country, status, phase, pathway, referral_source, cases
       FROM case_statistics_counts WHERE cases > 0`,
    `SELECT organisation_id, country, status, phase, pathway, referral_source, count(*)::int
       FROM case_summaries GROUP BY 1, 2, 3, 4, 5, 6`,
  ],
  [
    `SELECT organisation_country, country, status, phase, pathway, referral_source, cases
       FROM case_statistics_country_counts WHERE cases > 0`,
    `SELECT o.country, c.country, c.status, c.phase, c.pathway, c.referral_source, count(*)::int
       FROM case_summaries c JOIN organisations o ON o.id = c.organisation_id
      GROUP BY 1, 2, 3, 4, 5, 6`,
  ],
];

const ORGS = [
  ['bc-se-1', 'SE'],
  ['bc-se-2', 'SE'],
  ['bc-no-1', 'NO'],
] as const;
const PHASES = ['intake', 'identification', 'reflection', 'recovery'];
const PATHWAYS = ['undecided', 'integration', 'return', 'third-country'];
const READINESS = ['not-applicable', 'incomplete', 'ready'];
const SOURCES = ['police', 'self-referral', 'ngo-outreach'];

const id = (i: number): string => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;

describe('counts kept for the boards and statistics', () => {
  let handle: { url: string; drop(): Promise<void> };
  let ds: DataSource;
  const rnd = seededRandom(3);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;

  beforeAll(async () => {
    handle = await createTestDatabase();
    ds = await createDataSource(handle.url).initialize();
    for (const [org, country] of ORGS) {
      await ds.query(
        `INSERT INTO organisations (id, country, type, name) VALUES ($1, $2, 'NGO', 'Counts')`,
        [org, country],
      );
      for (const [k, role] of ['supervisor', 'caseworker', 'caseworker'].entries()) {
        await ds.query(
          `INSERT INTO users (id, organisation_id, role, display_name, login, active)
           VALUES ($1, $2, $3, 'Counts', $1 || '@counts.invalid', $4)`,
          [`${org}-u${k}`, org, role, k !== 2],
        );
      }
    }
  });
  afterAll(async () => {
    await ds?.destroy();
    await handle?.drop();
  });

  async function expectCountsEqualDefinitions(): Promise<void> {
    for (const [kept, definition] of DEFINITIONS) {
      const missing = await ds.query(`(${definition}) EXCEPT (${kept})`);
      const extra = await ds.query(`(${kept}) EXCEPT (${definition})`);
      expect({ kept, missing, extra }).toEqual({ kept, missing: [], extra: [] });
    }
  }

  function row(i: number): unknown[] {
    const [org, country] = pick(ORGS);
    const due = rnd() < 0.7 ? new Date(Date.now() + (rnd() * 40 - 20) * 86_400_000) : null;
    return [
      id(i),
      rnd() < 0.8 ? 'open' : 'closed',
      pick(PHASES),
      pick(PATHWAYS),
      rnd() < 0.2 ? new Date() : null,
      due,
      country,
      org,
      `${org}-u${Math.floor(rnd() * 3)}`,
      pick(READINESS),
      pick(SOURCES),
    ];
  }

  const UPSERT = `
    INSERT INTO case_summaries
      (case_id, status, phase, pathway, stalled_since, earliest_due_at, country, organisation_id,
       assignee_id, return_readiness, referral_source, version, policy_version, opened_at,
       last_progress_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1, 'counts', now(), now())
    ON CONFLICT (case_id) DO UPDATE SET
      status = EXCLUDED.status, phase = EXCLUDED.phase, pathway = EXCLUDED.pathway,
      stalled_since = EXCLUDED.stalled_since, earliest_due_at = EXCLUDED.earliest_due_at,
      country = EXCLUDED.country, organisation_id = EXCLUDED.organisation_id,
      assignee_id = EXCLUDED.assignee_id, return_readiness = EXCLUDED.return_readiness,
      referral_source = EXCLUDED.referral_source, version = case_summaries.version + 1`;

  it('equal their definitions after inserts, upserts, single-column updates and deletes', async () => {
    for (let i = 0; i < 300; i++) await ds.query(UPSERT, row(i));
    await expectCountsEqualDefinitions();
    // Upserts that change every key at once, some to the same values.
    for (let i = 0; i < 150; i++) await ds.query(UPSERT, row(Math.floor(rnd() * 300)));
    await expectCountsEqualDefinitions();
    // One column at a time, as most commands do.
    const updates = [
      `UPDATE case_summaries SET status = CASE status WHEN 'open' THEN 'closed' ELSE 'open' END WHERE case_id = $1`,
      `UPDATE case_summaries SET phase = 'recovery' WHERE case_id = $1`,
      `UPDATE case_summaries SET stalled_since = CASE WHEN stalled_since IS NULL THEN now() END WHERE case_id = $1`,
      `UPDATE case_summaries SET assignee_id = organisation_id || '-u1' WHERE case_id = $1`,
      `UPDATE case_summaries SET return_readiness = 'ready' WHERE case_id = $1`,
      `UPDATE case_summaries SET organisation_id = 'bc-no-1', country = 'NO' WHERE case_id = $1`,
      `UPDATE case_summaries SET version = version + 1 WHERE case_id = $1`,
    ];
    for (let i = 0; i < 200; i++) await ds.query(pick(updates), [id(Math.floor(rnd() * 300))]);
    await expectCountsEqualDefinitions();
    await ds.query(`DELETE FROM case_summaries WHERE case_id = ANY($1::uuid[])`, [
      Array.from({ length: 40 }, (_, k) => id(k * 7)),
    ]);
    await expectCountsEqualDefinitions();
  });

  it('do not deadlock when two transactions move cases between the same keys in opposite directions', async () => {
    await ds.query(UPSERT, [
      id(1001),
      'open',
      'intake',
      'return',
      null,
      null,
      'SE',
      'bc-se-1',
      'bc-se-1-u0',
      'incomplete',
      'police',
    ]);
    await ds.query(UPSERT, [
      id(1002),
      'open',
      'recovery',
      'return',
      null,
      null,
      'SE',
      'bc-se-1',
      'bc-se-1-u0',
      'ready',
      'police',
    ]);
    const move = async (
      caseId: string,
      phases: readonly string[],
      readiness: readonly string[],
    ) => {
      for (let k = 0; k < 30; k++) {
        await ds.transaction(async (tx) => {
          await tx.query(
            `UPDATE case_summaries SET phase = $2, return_readiness = $3 WHERE case_id = $1`,
            [caseId, phases[k % 2], readiness[k % 2]],
          );
          // Hold the row locks a moment, so that the two transactions overlap.
          await tx.query(`SELECT pg_sleep(0.002)`);
        });
      }
    };
    await Promise.all([
      move(id(1001), ['recovery', 'intake'], ['ready', 'incomplete']),
      move(id(1002), ['intake', 'recovery'], ['incomplete', 'ready']),
    ]);
    await expectCountsEqualDefinitions();
  });

  it('are kept again on a rebuilt case_summaries once case_counts_attach() ran', async () => {
    await ds.transaction(async (tx) => {
      await tx.query(`CREATE TABLE case_summaries_swap (LIKE case_summaries INCLUDING ALL)`);
      await tx.query(`INSERT INTO case_summaries_swap SELECT * FROM case_summaries`);
      await tx.query(`ALTER TABLE case_summaries RENAME TO case_summaries_old`);
      await tx.query(`ALTER TABLE case_summaries_swap RENAME TO case_summaries`);
      await tx.query(`DROP TABLE case_summaries_old`);
      await tx.query(`SELECT case_counts_attach()`);
    });
    for (let i = 0; i < 60; i++) await ds.query(UPSERT, row(Math.floor(rnd() * 400)));
    await expectCountsEqualDefinitions();
  });

  it('give the statistics the cells counting the cases gives, for a country and an organisation', async () => {
    const stats = new CaseStatisticsQueries(ds);
    const groupings: StatisticsDimension[][] = [
      [],
      ['phase'],
      ['country', 'status'],
      ['pathway', 'referralSourceType'],
      ['referralSource', 'phase', 'status'],
    ];
    for (const scope of [{ country: 'SE' }, { country: 'NO' }, { organisationId: 'bc-se-2' }]) {
      for (const groupBy of groupings) {
        const kept = await stats.countCases({ scope, groupBy });
        // A window that holds every case reads case_summaries itself.
        const counted = await stats.countCases({ scope, groupBy, from: new Date(0) });
        expect(kept).toEqual(counted);
        expect(kept.length).toBeGreaterThan(0);
      }
    }
  });

  it('give the workload and readiness boards what counting the cases gives', async () => {
    const boards = new CaseBoardQueries(ds);
    const now = new Date();
    for (const [org] of ORGS) {
      for (const filters of [{}, { phase: 'recovery' }, { pathway: 'return' }]) {
        const page = await boards.workload(org, now, filters, { limit: 100 });
        const p = [org, now, filters.phase ?? null, filters.pathway ?? null];
        const expected: Array<{ userId: string; open: number; stalled: number; overdue: number }> =
          await ds.query(
            `SELECT u.id AS "userId", count(c.case_id)::int AS open,
                    (count(c.case_id) FILTER (WHERE c.stalled_since IS NOT NULL))::int AS stalled,
                    (count(c.case_id) FILTER (WHERE c.earliest_due_at < $2))::int AS overdue
               FROM users u
               LEFT JOIN case_summaries c ON c.assignee_id = u.id
                AND c.organisation_id = u.organisation_id AND c.status = 'open'
                AND ($3::text IS NULL OR c.phase = $3) AND ($4::text IS NULL OR c.pathway = $4)
              WHERE u.organisation_id = $1 AND u.active
              GROUP BY u.id ORDER BY u.id`,
            p,
          );
        expect(
          page.items.map(({ userId, open, stalled, overdue }) => ({
            userId,
            open,
            stalled,
            overdue,
          })),
        ).toEqual(expected);
        const [unassigned] = await ds.query(
          `SELECT count(*)::int AS open,
                  (count(*) FILTER (WHERE c.stalled_since IS NOT NULL))::int AS stalled,
                  (count(*) FILTER (WHERE c.earliest_due_at < $2))::int AS overdue
             FROM case_summaries c
            WHERE c.organisation_id = $1 AND c.status = 'open'
              AND ($3::text IS NULL OR c.phase = $3) AND ($4::text IS NULL OR c.pathway = $4)
              AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = c.assignee_id
                                 AND u.organisation_id = c.organisation_id AND u.active)`,
          p,
        );
        expect(page.unassigned).toEqual(unassigned);
      }
    }
    for (const scope of [{ country: 'SE' }, { country: 'NO' }]) {
      const counts = await boards.returnReadinessCounts(scope);
      const expected = await ds.query(
        `SELECT o.id AS "organisationId",
                (count(c.case_id) FILTER (WHERE c.return_readiness = 'ready'))::int AS ready,
                (count(c.case_id) FILTER (WHERE c.return_readiness = 'incomplete'))::int AS incomplete,
                count(c.case_id)::int AS total
           FROM organisations o LEFT JOIN case_summaries c ON c.organisation_id = o.id
            AND c.status = 'open' AND c.return_readiness <> 'not-applicable'
          WHERE o.country = $1 GROUP BY o.id ORDER BY o.id`,
        [scope.country],
      );
      expect(counts).toEqual(expected);
      // The readiness board's total (from the counts) and its pages (keyset merged across the
      // country's organisations) agree with counting and sorting the cases.
      const all: string[] = [];
      let page = await boards.returnReadiness(scope, {}, { limit: 7 });
      const total = page.total;
      for (;;) {
        all.push(...page.items.map((c) => c.caseId));
        if (!page.next) break;
        page = await boards.returnReadiness(scope, {}, { limit: 7, after: page.next, total });
        expect(page.total).toBe(total);
      }
      const sorted: Array<{ case_id: string }> = await ds.query(
        `SELECT c.case_id FROM case_summaries c JOIN organisations o ON o.id = c.organisation_id
          WHERE o.country = $1 AND c.status = 'open' AND c.return_readiness <> 'not-applicable'
          ORDER BY c.opened_at, c.case_id`,
        [scope.country],
      );
      expect(all).toEqual(sorted.map((r) => r.case_id));
      expect(total).toBe(sorted.length);
    }
  });
});
