/**
 * Benchmark (not a timed test): `npm run bench:rebuild`. Seeds a scratch database with
 * BENCH_REBUILD_CASES cases (default 10,000) of BENCH_REBUILD_EVENTS events each (default 30:
 * 300,000 events), real histories from the journey generators of test/support/fixtures.ts run
 * through the decider (`simulate`; journeys shorter than that end with case notes), then runs `rebuildReadModels` twice: onto empty read models,
 * and again onto the live ones it made (inbox ids and read marks carried over). Prints the bulk
 * fold's rate (the issue's target: ≥ 50,000 events/s on 2 cores) and the whole rebuild's time
 * (indexes, catch-up, swap), and checks the second rebuild equals the first row by row.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { Client } from 'pg';
import type { CaseEvent } from '@ariadne/domain';
import { type RebuildReport, rebuildReadModels } from '@ariadne/persistence';
import { simulate } from '../support/decider-spec';
import { journeyArb, journeySteps } from '../support/fixtures';
import { createTestDatabase } from '../support/services';

jest.setTimeout(30 * 60_000);

const CASES = Number(process.env.BENCH_REBUILD_CASES ?? 10_000);
const EVENTS = Number(process.env.BENCH_REBUILD_EVENTS ?? 30);
const HISTORIES = 200;

/**
 * Distinct journeys cut or padded to EVENTS events (a prefix of a log is a log; a case note is
 * valid in every state, sealed text as the workflow would store it).
 */
function histories(): CaseEvent[][] {
  const out: CaseEvent[][] = [];
  for (const j of fc.sample(journeyArb(120), { numRuns: HISTORIES, seed: 11 })) {
    const { past, steps } = journeySteps(j);
    const log = simulate(past, steps).log.slice(0, EVENTS);
    while (log.length < EVENTS) {
      log.push({
        type: 'NoteAdded',
        data: {
          addedAt: '2027-01-05T09:00:00.000Z',
          personal: { notes: { text: 'sealed-bench-note' } },
        },
      } as CaseEvent);
    }
    out.push(log);
  }
  return out;
}

async function seed(db: Client): Promise<number> {
  const logs = histories();
  const metadata = JSON.stringify({
    actorId: 'cw-1',
    actorRole: 'caseworker',
    organisationId: 'se-ngo-1',
    occurredAt: '2026-01-05T09:00:00.000Z',
    correlationId: 'bench',
    causationId: 'bench',
  });
  let total = 0;
  const chunk = 1000;
  for (let c = 0; c < CASES; c += chunk) {
    const ids: string[] = [];
    const cases: string[] = [];
    const versions: number[] = [];
    const types: string[] = [];
    const data: string[] = [];
    for (let i = c; i < Math.min(CASES, c + chunk); i += 1) {
      const caseId = randomUUID();
      const log = logs[i % logs.length] as CaseEvent[];
      log.forEach((e, v) => {
        ids.push(randomUUID());
        cases.push(caseId);
        versions.push(v + 1);
        types.push(e.type);
        data.push(JSON.stringify(e.data));
      });
    }
    await db.query(
      `INSERT INTO case_events (event_id, case_id, version, type, data, metadata)
       SELECT e, c, v, t, d, $6::jsonb
         FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::jsonb[]) AS x(e, c, v, t, d)`,
      [ids, cases, versions, types, data, metadata],
    );
    total += ids.length;
  }
  await db.query('VACUUM ANALYZE case_events');
  return total;
}

const log = (line: string): void => void process.stdout.write(`[rebuild] ${line}\n`);

describe('rebuild of the read models from the log', () => {
  let scratch: { url: string; drop(): Promise<void> };
  let db: Client;
  beforeAll(async () => {
    scratch = await createTestDatabase();
    db = new Client({ connectionString: scratch.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await scratch?.drop();
  });

  it('folds and swaps at the rate the issue asks for', async () => {
    const seeded = await seed(db);
    const runs: Array<[string, RebuildReport]> = [];
    runs.push([
      'onto empty read models',
      await rebuildReadModels({ databaseUrl: scratch.url, log }),
    ]);
    await db.query(`UPDATE notifications SET read_at = now() WHERE id % 3 = 0`);
    runs.push(['onto the live ones', await rebuildReadModels({ databaseUrl: scratch.url, log })]);
    const verify = await rebuildReadModels({ databaseUrl: scratch.url, swap: false });

    const rows = runs.map(([name, r]) => ({
      run: name,
      events: r.events,
      cases: r.cases,
      'inbox rows': r.notifications,
      'bulk fold s': r.bulkSeconds.toFixed(2),
      'events/s (fold + write)': r.eventsPerSecond,
      'Node CPU s': r.foldCpuSeconds.toFixed(2),
      'events per Node CPU s': Math.round(r.events / r.foldCpuSeconds),
      'total s (indexes, catch-up, swap)': r.totalSeconds.toFixed(2),
      'events/s (total)': Math.round(r.events / r.totalSeconds),
      'writers held ms': r.lockMillis,
    }));
    for (const row of rows) {
      process.stdout.write(
        `${Object.entries(row)
          .map(([k, v]) => `${k}: ${v}`)
          .join(' | ')}\n`,
      );
    }
    process.stdout.write(`${JSON.stringify({ seeded, runs: rows })}\n`);

    expect(runs.every(([, r]) => r.events === seeded && r.cases === CASES)).toBe(true);
    expect(runs.every(([, r]) => r.summaries === CASES)).toBe(true);
    expect(verify.differences).toEqual([]);
    const read = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM notifications WHERE read_at IS NOT NULL`,
    );
    expect(Number(read.rows[0]?.n)).toBeGreaterThan(0);
  });
});
