/**
 * Benchmark (not a timed test), issue 11: the event store's append against a raw single-row
 * insert transaction of the same shape, side by side, on 1 and on 8 connections.
 *
 * - append: EventStore.append of one event on a case of the appender's own (expected version,
 *   idempotency, summary upsert, read models: the whole guarantee), as a journey command does;
 * - raw: BEGIN; INSERT of the same event row into a copy of case_events (same indexes); COMMIT,
 *   on plain `pg` with a prepared statement: the ceiling PostgreSQL's commits allow.
 *
 * The two alternate in short rounds (raw, append, raw, append, …) so that load from elsewhere on
 * the machine falls on both alike; the ratio is append / raw. Run: `npm run bench:append`
 * (ADR 0015). BENCH_APPEND_SECONDS (per round, default 1),
 * BENCH_APPEND_ROUNDS (default 8), BENCH_APPEND_MIN_RATIO (default 0.7: below it the run fails).
 */
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { AppendEventsInput } from '@ariadne/contracts';
import {
  type CaseEvent,
  type CaseSummary,
  caseSummary,
  evolveAll,
  initialState,
} from '@ariadne/domain';
import { dataSourceOptions, EventStore } from '@ariadne/persistence';
import { opened } from '../support/fixtures';
import { createTestDatabase } from '../support/services';

jest.setTimeout(10 * 60_000);

const SECONDS = Number(process.env.BENCH_APPEND_SECONDS ?? 1);
const ROUNDS = Number(process.env.BENCH_APPEND_ROUNDS ?? 8);
const MIN_RATIO = Number(process.env.BENCH_APPEND_MIN_RATIO ?? 0.7);
const CONNECTIONS = [1, 8];
const CASES_PER_APPENDER = 20;

const METADATA = {
  actorId: 'se-ngo-1-cw-1',
  actorRole: 'caseworker',
  organisationId: 'se-ngo-1',
  occurredAt: '2026-01-05T09:00:00.000Z',
  correlationId: 'bench',
  causationId: 'bench',
};

interface BenchCase {
  readonly caseId: string;
  version: number;
  readonly summary: CaseSummary;
}

describe('event store append against raw inserts', () => {
  let db: { url: string; drop(): Promise<void> };
  let ds: DataSource;
  let pool: Pool;
  let store: EventStore;
  beforeAll(async () => {
    db = await createTestDatabase();
    const options = dataSourceOptions(db.url);
    ds = await new DataSource({ ...options, extra: { ...options.extra, max: 8 } }).initialize();
    pool = new Pool({ connectionString: db.url, max: 8 });
    store = new EventStore(ds);
    await ds.query('CREATE TABLE case_events_raw (LIKE case_events INCLUDING ALL)');
  });
  afterAll(async () => {
    await pool?.end();
    await ds?.destroy();
    await db?.drop();
  });

  const need: CaseEvent = {
    type: 'ImmediateNeedRecorded',
    data: { need: 'accommodation', recordedAt: '2026-01-05T09:00:00.000Z' },
  } as CaseEvent;

  /** Opens the cases an appender works on (not measured). */
  async function openCases(n: number): Promise<BenchCase[]> {
    const cases: BenchCase[] = [];
    for (let i = 0; i < n; i += 1) {
      const caseId = randomUUID();
      const first = opened();
      const summary = caseSummary(caseId, evolveAll(initialState(), [first, need]))!;
      await store.append({
        caseId,
        expectedVersion: 0,
        events: [{ eventId: randomUUID(), type: first.type, data: first.data }],
        metadata: METADATA,
        summary: caseSummary(caseId, evolveAll(initialState(), [first]))!,
      });
      cases.push({ caseId, version: 1, summary });
    }
    return cases;
  }

  function appendOnce(c: BenchCase): Promise<unknown> {
    const input: AppendEventsInput = {
      caseId: c.caseId,
      expectedVersion: c.version,
      events: [{ eventId: randomUUID(), type: need.type, data: need.data }],
      metadata: METADATA,
      summary: { ...c.summary, version: c.version + 1 },
    };
    c.version += 1;
    return store.append(input);
  }

  let rawVersion = 0;
  const rawCase = randomUUID();
  async function rawOnce(): Promise<void> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query({
        name: 'bench_raw_insert',
        text: `INSERT INTO case_events_raw (event_id, case_id, version, type, data, metadata)
               VALUES ($1, $2, $3, $4, $5, $6)`,
        values: [
          randomUUID(),
          rawCase,
          ++rawVersion,
          need.type,
          JSON.stringify(need.data),
          JSON.stringify(METADATA),
        ],
      });
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  }

  /** Runs `once` on `connections` loops for SECONDS; returns how many completed. */
  async function round(connections: number, once: (worker: number) => Promise<unknown>) {
    const until = Date.now() + SECONDS * 1000;
    let n = 0;
    await Promise.all(
      Array.from({ length: connections }, async (_, w) => {
        while (Date.now() < until) {
          await once(w);
          n += 1;
        }
      }),
    );
    return n;
  }

  it('appends at ≥ 70% of the raw insert rate, on 1 and on 8 connections, gaplessly', async () => {
    const results: Array<{ connections: number; append: number; raw: number; ratio: number }> = [];
    for (const connections of CONNECTIONS) {
      const workers = await Promise.all(
        Array.from({ length: connections }, () => openCases(CASES_PER_APPENDER)),
      );
      const next = workers.map(() => 0);
      const appendOn = (w: number) => {
        const cases = workers[w]!;
        const c = cases[next[w]++ % cases.length]!;
        return appendOnce(c);
      };
      // Warm-up: connections, prepared statements, caches.
      await round(connections, () => rawOnce());
      await round(connections, appendOn);
      let raw = 0;
      let append = 0;
      for (let r = 0; r < ROUNDS; r += 1) {
        raw += await round(connections, () => rawOnce());
        append += await round(connections, appendOn);
      }
      const seconds = SECONDS * ROUNDS;
      const line = {
        connections,
        append: Math.round(append / seconds),
        raw: Math.round(raw / seconds),
        ratio: Math.round((append / raw) * 100) / 100,
      };
      results.push(line);
      process.stdout.write(
        `append vs raw insert, ${connections} connection${connections > 1 ? 's' : ''}: ` +
          `append ${line.append} events/s, raw ${line.raw} events/s, ratio ${line.ratio.toFixed(2)}\n`,
      );
      // Every appender's cases: gapless versions, exactly the appends that returned.
      for (const c of workers.flat()) {
        const rows: Array<{ n: number; max: number }> = await ds.query(
          'SELECT count(*)::int AS n, max(version) AS max FROM case_events WHERE case_id = $1',
          [c.caseId],
        );
        expect(rows[0]).toEqual({ n: c.version, max: c.version });
      }
    }
    process.stdout.write(`${JSON.stringify({ bench: 'append', results })}\n`);
    for (const r of results) expect(r.ratio).toBeGreaterThanOrEqual(MIN_RATIO);
  });
});
