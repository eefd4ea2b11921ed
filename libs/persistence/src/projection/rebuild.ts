import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { Client } from 'pg';
import {
  foldCase,
  type LoggedEvent,
  NOTIFICATION_COLUMNS,
  type NotificationRow,
  SUMMARY_COLUMNS,
  type SummaryRow,
} from './read-models';
import type { CaseDimensionKey } from '@ariadne/domain';
import {
  foldDimensionKeys,
  type IdentityOpener,
  writeDimensionCounts,
  DIMENSION_COUNT_COLUMNS,
} from './dimension-counts';

/**
 * `npm run rebuild` (ADR 0016): every read model the append writes, folded again from
 * case_events into `<table>_rebuild`, then swapped in by one transaction of renames while the API
 * keeps serving. Appends that commit during the rebuild are not lost: the rebuild catches up from
 * its checkpoint (tx_id, position) until little is left, then once more under a lock that holds
 * writers back for the swap only (readers wait just for the renames).
 */

/** The read models the append writes and a rebuild replaces, with their natural keys. */
export const READ_MODEL_TABLES = [
  { table: 'case_summaries', key: 'case_id' },
  { table: 'notifications', key: 'event_id' },
] as const;

/**
 * Aggregates of case_summaries that its row trigger keeps (boards and statistics, migration
 * 1796648476697): after a rebuild they are counted again from the rebuilt summaries, in the swap's
 * transaction. Rows whose count fell to 0 may stay in the live tables; they are not compared.
 */
export const COUNT_TABLES = [
  {
    table: 'case_holder_counts',
    columns: ['organisation_id', 'assignee_id', 'phase', 'pathway', 'open', 'stalled'],
    keys: 4,
    nonZero: 'open > 0',
    select: (from: string): string =>
      `SELECT organisation_id, assignee_id, phase, pathway, count(*)::int AS open,
              (count(*) FILTER (WHERE stalled_since IS NOT NULL))::int AS stalled
         FROM ${from} WHERE status = 'open' GROUP BY 1, 2, 3, 4`,
  },
  {
    table: 'case_readiness_counts',
    columns: ['organisation_id', 'return_readiness', 'open'],
    keys: 2,
    nonZero: 'open > 0',
    select: (from: string): string =>
      `SELECT organisation_id, return_readiness, count(*)::int AS open
         FROM ${from} WHERE status = 'open' AND return_readiness <> 'not-applicable'
        GROUP BY 1, 2`,
  },
  {
    table: 'case_statistics_counts',
    columns: [
      'organisation_id',
      'country',
      'status',
      'phase',
      'pathway',
      'referral_source',
      'cases',
    ],
    keys: 6,
    nonZero: 'cases > 0',
    select: (from: string): string =>
      `SELECT organisation_id, country, status, phase, pathway, referral_source, count(*)::int AS cases
         FROM ${from} GROUP BY 1, 2, 3, 4, 5, 6`,
  },
] as const;

async function existing(db: Pick<Client, 'query'>, table: string): Promise<boolean> {
  const r = await db.query<{ t: string | null }>(`SELECT to_regclass($1)::text AS t`, [table]);
  return r.rows[0]?.t !== null && r.rows[0]?.t !== undefined;
}

export const REBUILD_SUFFIX = '_rebuild';
export const CHECKPOINT_NAME = 'read-models';

export interface Checkpoint {
  /** xid8 as text. */
  readonly txId: string;
  readonly position: string;
}

export interface RebuildOptions {
  readonly databaseUrl: string;
  /** Events per read of the log (default 20,000). */
  readonly batchSize?: number;
  /**
   * Folders working at once on disjoint ranges of case ids, each with its own connections
   * (default: the machine's cores, at most 4), each in a worker thread; 1 folds in this thread.
   */
  readonly parallel?: number;
  /** Swap the rebuilt tables in (default); else compare them with the live ones and drop them. */
  readonly swap?: boolean;
  /** Progress lines (counts and timings only; nothing from the rows). */
  readonly log?: (line: string) => void;
  /** Called after the bulk fold, before catching up: lets a test append meanwhile. */
  readonly afterBulk?: () => Promise<void>;
  /**
   * Opens her identity category with the case's key (ADR 0017): with it, case_dimension_counts
   * is counted again from the log (erased cases drop out, as at the append); without it, that
   * table is neither rebuilt nor compared. `npm run rebuild` always passes it.
   */
  readonly openIdentity?: IdentityOpener;
}

export interface TableDifference {
  readonly table: string;
  /** Keys (opaque ids) of rows the live table has and the rebuilt one lacks or holds otherwise. */
  readonly onlyLive: string[];
  readonly onlyRebuilt: string[];
}

export interface RebuildReport {
  readonly events: number;
  readonly cases: number;
  readonly summaries: number;
  readonly notifications: number;
  /** Seconds of the bulk fold alone, and its rate. */
  readonly bulkSeconds: number;
  /** CPU seconds this process spent in the bulk fold (reading rows, folding, sending rows). */
  readonly foldCpuSeconds: number;
  readonly eventsPerSecond: number;
  readonly catchUpRounds: number;
  readonly caughtUpCases: number;
  readonly lockMillis: number;
  readonly totalSeconds: number;
  readonly swapped: boolean;
  readonly checkpoint: Checkpoint;
  /** With swap: false, how the rebuilt tables differ from the live ones (empty when equal). */
  readonly differences: TableDifference[];
}

/** A case_events row as read: already the fold's LoggedEvent (no second object per event). */
interface EventRow extends LoggedEvent {
  readonly case_id: string;
}

const rebuilt = (table: string): string => `${table}${REBUILD_SUFFIX}`;

export async function rebuildReadModels(options: RebuildOptions): Promise<RebuildReport> {
  const log = options.log ?? (() => undefined);
  const batchSize = options.batchSize ?? 20_000;
  const started = performance.now();
  const db = new Client({
    connectionString: options.databaseUrl,
    application_name: 'ariadne-rebuild',
  });
  await db.connect();
  try {
    // One time zone for the text timestamps this session reads and writes back.
    await db.query(`SET TIME ZONE 'UTC'`);
    await createRebuildTables(db);
    // Everything below this transaction id has finished: the bulk sees all of it, and catching
    // up starts there. Rows at or above it the bulk may or may not see; catching up refolds them.
    let checkpoint: Checkpoint = { txId: await snapshotXmin(db), position: '-1' };
    const bulkStart = performance.now();
    const cpuStart = process.cpuUsage();
    const bulk = await parallelFold(
      options.databaseUrl,
      batchSize,
      options.parallel ?? Math.min(4, availableParallelism()),
    );
    const bulkSeconds = (performance.now() - bulkStart) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    const foldCpuSeconds = (cpu.user + cpu.system) / 1e6;
    log(
      `folded ${bulk.events} events of ${bulk.cases} cases in ${bulkSeconds.toFixed(2)} s ` +
        `(${Math.round(bulk.events / Math.max(bulkSeconds, 1e-6))} events/s; ms reading ` +
        `${Math.round(bulk.spent.read)}, folding ${Math.round(bulk.spent.fold)}, ` +
        `waiting for writes ${Math.round(bulk.spent.write)}; this process used ` +
        `${foldCpuSeconds.toFixed(2)} CPU s)`,
    );
    await copyIndexes(db, options.databaseUrl);
    // ADR 0017: each case's combination of sex, age band and citizenship, held in this process.
    const dimensions = new Map<string, CaseDimensionKey | null>();
    let dimensionsFrom: string | undefined;
    if (options.openIdentity && (await existing(db, 'case_dimension_counts'))) {
      dimensionsFrom = await snapshotXmin(db);
      await foldDimensionKeys(db, options.openIdentity, dimensions);
    }
    if (options.afterBulk) await options.afterBulk();

    // Catch up without a lock while whole rounds still find work.
    let rounds = 0;
    let caughtUpCases = 0;
    for (; rounds < 10; rounds += 1) {
      const round = await catchUp(db, checkpoint, true);
      checkpoint = round.checkpoint;
      caughtUpCases += round.cases;
      if (round.cases < 50) break;
    }

    const lockStart = performance.now();
    await db.query('BEGIN');
    let differences: TableDifference[] = [];
    try {
      // Writers wait (the append, marking read); readers go on until the renames.
      const tables = READ_MODEL_TABLES.map((m) => m.table).join(', ');
      await db.query(
        `LOCK TABLE ${tables} IN ${options.swap === false ? 'SHARE' : 'EXCLUSIVE'} MODE`,
      );
      // Under the lock every append that wrote the live tables has committed: no xmin bound.
      const last = await catchUp(db, checkpoint, false);
      checkpoint = last.checkpoint;
      caughtUpCases += last.cases;
      await carryUserState(db);
      if (options.openIdentity && dimensionsFrom !== undefined) {
        // Cases whose details, erasure or transfer committed since the fold: counted again.
        const since = await db.query<{ case_id: string }>(
          `SELECT DISTINCT case_id FROM case_events
            WHERE tx_id >= $1::xid8 AND type = ANY($2::text[])`,
          [dimensionsFrom, ['PersonDetailsRecorded', 'PersonalDataErased', 'TransferAccepted']],
        );
        if (since.rows.length > 0) {
          await foldDimensionKeys(
            db,
            options.openIdentity,
            dimensions,
            since.rows.map((r) => r.case_id),
          );
        }
        await db.query(
          `CREATE TEMP TABLE case_dimension_counts${REBUILD_SUFFIX}
             (LIKE case_dimension_counts INCLUDING DEFAULTS INCLUDING CONSTRAINTS) ON COMMIT DROP`,
        );
        await writeDimensionCounts(
          db,
          dimensions.values(),
          `case_dimension_counts${REBUILD_SUFFIX}`,
        );
      }
      if (options.swap === false) {
        differences = await compareReadModels(db);
        await db.query('ROLLBACK');
        await dropRebuildTables(db);
      } else {
        await swapTables(db);
        if (dimensionsFrom !== undefined) {
          await db.query(`DELETE FROM case_dimension_counts`);
          await db.query(
            `INSERT INTO case_dimension_counts SELECT * FROM case_dimension_counts${REBUILD_SUFFIX}`,
          );
        }
        for (const c of COUNT_TABLES) {
          if (!(await existing(db, c.table))) continue;
          await db.query(`DELETE FROM ${c.table}`);
          await db.query(
            `INSERT INTO ${c.table} (${c.columns.join(', ')}) ${c.select('case_summaries')}`,
          );
        }
        await db.query(
          `INSERT INTO projection_checkpoints (projection, tx_id, position, updated_at)
           VALUES ($1, $2::xid8, greatest($3::bigint, 0), now())
           ON CONFLICT (projection) DO UPDATE
             SET tx_id = EXCLUDED.tx_id, position = EXCLUDED.position, updated_at = now()`,
          [CHECKPOINT_NAME, checkpoint.txId, checkpoint.position],
        );
        await db.query('COMMIT');
      }
    } catch (e) {
      await db.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
    const lockMillis = performance.now() - lockStart;
    const counts = await db.query<{ s: string; n: string }>(
      `SELECT (SELECT count(*) FROM case_summaries) AS s, (SELECT count(*) FROM notifications) AS n`,
    );
    const report: RebuildReport = {
      events: bulk.events,
      cases: bulk.cases,
      summaries: Number(counts.rows[0]?.s ?? 0),
      notifications: Number(counts.rows[0]?.n ?? 0),
      bulkSeconds,
      foldCpuSeconds,
      eventsPerSecond: Math.round(bulk.events / Math.max(bulkSeconds, 1e-6)),
      catchUpRounds: rounds + 1,
      caughtUpCases,
      lockMillis: Math.round(lockMillis),
      totalSeconds: (performance.now() - started) / 1000,
      swapped: options.swap !== false,
      checkpoint,
      differences,
    };
    log(
      `caught up ${caughtUpCases} cases in ${report.catchUpRounds} rounds; ` +
        `writers held ${report.lockMillis} ms; ${report.swapped ? 'swapped' : 'compared'}`,
    );
    return report;
  } catch (e) {
    await dropRebuildTables(db).catch(() => undefined);
    throw e;
  } finally {
    await db.end();
  }
}

async function snapshotXmin(db: Client): Promise<string> {
  const r = await db.query<{ x: string }>(
    `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS x`,
  );
  return r.rows[0]?.x as string;
}

async function dropRebuildTables(db: Client): Promise<void> {
  for (const { table } of READ_MODEL_TABLES) {
    await db.query(`DROP TABLE IF EXISTS ${rebuilt(table)}`);
  }
}

/**
 * Empty copies of the live tables: columns, defaults, NOT NULL and CHECK, and the storage
 * parameters (case_summaries' fillfactor, ADR 0015), which LIKE leaves out; indexes come later.
 */
async function createRebuildTables(db: Client): Promise<void> {
  await dropRebuildTables(db);
  for (const { table } of READ_MODEL_TABLES) {
    await db.query(
      `CREATE TABLE ${rebuilt(table)} (LIKE ${table} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED)`,
    );
    const options = await db.query<{ o: string }>(
      `SELECT unnest(reloptions) AS o FROM pg_class WHERE oid = $1::regclass`,
      [table],
    );
    if (options.rows.length > 0) {
      await db.query(
        `ALTER TABLE ${rebuilt(table)} SET (${options.rows.map((r) => r.o).join(', ')})`,
      );
    }
  }
}

/**
 * The live tables' keys and indexes on the rebuilt ones, under temporary names (after the load):
 * each table's on a connection of its own, at once (a table's own builds take turns: adding a
 * key locks its table).
 */
async function copyIndexes(db: Client, databaseUrl: string): Promise<void> {
  const others = await Promise.all(
    READ_MODEL_TABLES.slice(1).map(async () => {
      const c = new Client({ connectionString: databaseUrl, application_name: 'ariadne-rebuild' });
      await c.connect();
      return c;
    }),
  );
  try {
    await Promise.all(
      READ_MODEL_TABLES.map(({ table }, i) =>
        copyTableIndexes(i === 0 ? db : others[i - 1]!, table),
      ),
    );
  } finally {
    await Promise.all(others.map((c) => c.end()));
  }
}

async function copyTableIndexes(db: Client, table: string): Promise<void> {
  const constraints = await db.query<{ conname: string; def: string }>(
    `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
      WHERE conrelid = $1::regclass AND contype IN ('p', 'u', 'x') ORDER BY conname`,
    [table],
  );
  for (const [i, c] of constraints.rows.entries()) {
    await db.query(`ALTER TABLE ${rebuilt(table)} ADD CONSTRAINT ${table}_rbc${i} ${c.def}`);
  }
  const indexes = await db.query<{ name: string; def: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS def
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
      WHERE x.indrelid = $1::regclass
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                         WHERE c.conrelid = x.indrelid AND c.conindid = x.indexrelid)
      ORDER BY i.relname`,
    [table],
  );
  for (const [i, ix] of indexes.rows.entries()) {
    const def = ix.def.replace(
      /^CREATE (UNIQUE )?INDEX (\S+) ON (ONLY )?(\S+) /,
      (_m, unique: string | undefined) =>
        `CREATE ${unique ?? ''}INDEX ${table}_rbi${i} ON ${rebuilt(table)} `,
    );
    if (def === ix.def) throw new Error(`Cannot copy index ${ix.name} of ${table}`);
    await db.query(def);
  }
}

/** Puts the rebuilt tables in place of the live ones, with the live names of keys and indexes. */
async function swapTables(db: Client): Promise<void> {
  for (const { table } of READ_MODEL_TABLES) {
    const names = await db.query<{ kind: string; name: string }>(
      `SELECT 'c' AS kind, conname AS name FROM pg_constraint
        WHERE conrelid = $1::regclass AND contype IN ('p', 'u', 'x')
       UNION ALL
       SELECT 'i', i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
        WHERE x.indrelid = $1::regclass
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                           WHERE c.conrelid = x.indrelid AND c.conindid = x.indexrelid)
       ORDER BY 1, 2`,
      [table],
    );
    // A serial column's sequence goes with the table that stays.
    const sequences = await db.query<{ col: string; seq: string }>(
      `SELECT a.attname AS col, pg_get_serial_sequence($1, a.attname) AS seq
         FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped
          AND pg_get_serial_sequence($1, a.attname) IS NOT NULL`,
      [table],
    );
    for (const s of sequences.rows) {
      await db.query(`ALTER SEQUENCE ${s.seq} OWNED BY ${rebuilt(table)}.${s.col}`);
    }
    // Its own triggers (the counts' upkeep) go on the rebuilt table once it is in place.
    const triggers = await db.query<{ def: string }>(
      `SELECT pg_get_triggerdef(oid) AS def FROM pg_trigger
        WHERE tgrelid = $1::regclass AND NOT tgisinternal ORDER BY tgname`,
      [table],
    );
    await db.query(`DROP TABLE ${table}`);
    await db.query(`ALTER TABLE ${rebuilt(table)} RENAME TO ${table}`);
    for (const t of triggers.rows) await db.query(t.def);
    let c = 0;
    let i = 0;
    for (const n of names.rows) {
      if (n.kind === 'c') {
        await db.query(`ALTER TABLE ${table} RENAME CONSTRAINT ${table}_rbc${c} TO ${n.name}`);
        c += 1;
      } else {
        await db.query(`ALTER INDEX ${table}_rbi${i} RENAME TO ${n.name}`);
        i += 1;
      }
    }
  }
}

/**
 * The columns under LoggedEvent's names, so that each row is the fold's input as it is. The
 * sealed personal data stays in PostgreSQL: nothing under `personal` reaches state, summaries or
 * inbox rows (the convention of the domain's personal.ts; evolve omits it), so the rebuild
 * neither transfers nor parses it.
 */
const EVENT_COLUMNS = `case_id, version, event_id AS "eventId", type, data - 'personal' AS data,
  tx_id::text AS "txId", recorded_at::text AS "recordedAt"`;

interface FoldResult {
  events: number;
  cases: number;
  spent: { read: number; fold: number; write: number };
}

/**
 * The case ids from `from` (inclusive) to `to` (exclusive; undefined: to the end) of the i-th of
 * n equal ranges of the uuid space, split on its first 32 bits.
 */
export function caseRange(i: number, n: number): { from: string; to: string | undefined } {
  const at = (k: number): string =>
    `${Math.floor((k * 2 ** 32) / n)
      .toString(16)
      .padStart(8, '0')}-0000-0000-0000-000000000000`;
  return { from: at(i), to: i + 1 < n ? at(i + 1) : undefined };
}

/**
 * The bulk fold on `n` folders at once, each over its own range of case ids with its own
 * connections (a case's log lies in one range): folding is this process's work and the larger
 * part of a rebuild's CPU, so on two cores one folder leaves a core to PostgreSQL's share only.
 * Each runs in a worker thread that loads this same module: outside a test runner's sandbox
 * (a vm context, where the fold ran a third slower), and this thread stays free for the rest.
 */
async function parallelFold(
  databaseUrl: string,
  batchSize: number,
  n: number,
): Promise<FoldResult> {
  if (n <= 1) return bulkFold(databaseUrl, batchSize, caseRange(0, 1));
  const workers: Worker[] = [];
  const results: Array<Promise<FoldResult>> = [];
  for (let i = 0; i < n; i += 1) {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        module: __filename,
        // Sources loaded as TypeScript (npm run rebuild, the tests): the worker compiles them too.
        register: __filename.endsWith('.ts')
          ? resolve(__dirname, '../../../../scripts/ts-register.cjs')
          : undefined,
        databaseUrl,
        batchSize,
        range: caseRange(i, n),
      },
    });
    workers.push(worker);
    results.push(
      new Promise<FoldResult>((done, fail) => {
        worker.once('message', (m: { result?: FoldResult; error?: string }) =>
          m.result ? done(m.result) : fail(new Error(m.error ?? 'fold worker failed')),
        );
        worker.once('error', fail);
        worker.once('exit', (code) => fail(new Error(`fold worker exited with ${code}`)));
      }),
    );
  }
  try {
    const all = await Promise.all(results);
    return all.reduce((a, b) => ({
      events: a.events + b.events,
      cases: a.cases + b.cases,
      spent: {
        read: Math.max(a.spent.read, b.spent.read),
        fold: Math.max(a.spent.fold, b.spent.fold),
        write: Math.max(a.spent.write, b.spent.write),
      },
    }));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

const WORKER_SOURCE = `
const { parentPort, workerData: w } = require('node:worker_threads');
if (w.register) require(w.register);
require(w.module)
  .foldInWorker(w.databaseUrl, w.batchSize, w.range)
  .then((result) => parentPort.postMessage({ result }))
  .catch((e) => parentPort.postMessage({ error: String((e && e.message) || e) }));
`;

/** A folder in a worker thread (parallelFold): its range folded and written. */
export function foldInWorker(
  databaseUrl: string,
  batchSize: number,
  range: { from: string; to: string | undefined },
): Promise<FoldResult> {
  return bulkFold(databaseUrl, batchSize, range);
}

/**
 * Reads the log of one range of case ids in (case_id, version) order, one case at a time, and
 * writes its rows: a pipeline over two connections, PostgreSQL reading the next batch and
 * writing the last one while this thread folds the current one.
 */
async function bulkFold(
  databaseUrl: string,
  batchSize: number,
  range: { from: string; to: string | undefined },
): Promise<FoldResult> {
  const connect = async (): Promise<Client> => {
    const c = new Client({ connectionString: databaseUrl, application_name: 'ariadne-rebuild' });
    await c.connect();
    // The text timestamps this folder reads and writes back: one time zone, as everywhere here.
    await c.query(`SET TIME ZONE 'UTC'`);
    return c;
  };
  const reader = await connect();
  const writer = await connect().catch(async (e: unknown) => {
    await reader.end();
    throw e;
  });
  let events = 0;
  let cases = 0;
  let pending: { caseId: string; events: LoggedEvent[] } | undefined;
  const spent = { read: 0, fold: 0, write: 0 };
  const read = (after: { caseId: string; version: number }): Promise<EventRow[]> =>
    reader
      .query<EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM case_events
          WHERE (case_id, version) > ($1::uuid, $2::int)
            ${range.to === undefined ? '' : 'AND case_id < $4::uuid'}
          ORDER BY case_id, version LIMIT $3`,
        range.to === undefined
          ? [after.caseId, after.version, batchSize]
          : [after.caseId, after.version, batchSize, range.to],
      )
      .then((r) => r.rows);
  let writing: Promise<void> = Promise.resolve();
  try {
    // (from, 0) precedes every version of the case `from` itself.
    let next: Promise<EventRow[]> | undefined = read({ caseId: range.from, version: 0 });
    while (next) {
      let t = performance.now();
      const rows: EventRow[] = await next;
      spent.read += performance.now() - t;
      const end: boolean = rows.length < batchSize;
      const lastRow: EventRow | undefined = rows[rows.length - 1];
      next =
        end || !lastRow ? undefined : read({ caseId: lastRow.case_id, version: lastRow.version });
      t = performance.now();
      const summaries: SummaryRow[] = [];
      const notifications: NotificationRow[] = [];
      const finish = (p: { caseId: string; events: LoggedEvent[] }): void => {
        const folded = foldCase(p.caseId, p.events);
        if (folded.summary) summaries.push(folded.summary);
        for (const n of folded.notifications) notifications.push(n);
        cases += 1;
      };
      for (const row of rows) {
        if (pending && pending.caseId !== row.case_id) {
          finish(pending);
          pending = undefined;
        }
        pending ??= { caseId: row.case_id, events: [] };
        pending.events.push(row);
      }
      events += rows.length;
      if (end && pending) {
        finish(pending);
        pending = undefined;
      }
      spent.fold += performance.now() - t;
      t = performance.now();
      await writing;
      spent.write += performance.now() - t;
      writing = writeRows(writer, summaries, notifications, false);
      // Never more than one write in flight; a failed one stops the fold at once.
      writing.catch(() => undefined);
    }
    const t = performance.now();
    await writing;
    spent.write += performance.now() - t;
    return { events, cases, spent };
  } finally {
    await writing.catch(() => undefined);
    await writer.end();
    await reader.end();
  }
}

/**
 * Refolds every case with events past the checkpoint, in (tx_id, position) order. Bounded: only
 * rows of transactions older than every running one, so that a late commit is never skipped.
 * Unbounded under the swap's lock, where every append that wrote the live tables has committed.
 */
async function catchUp(
  db: Client,
  from: Checkpoint,
  bounded: boolean,
): Promise<{ checkpoint: Checkpoint; cases: number }> {
  const xmin = await snapshotXmin(db);
  const newer = await db.query<{
    case_id: string;
    tx_id: string;
    position: string;
    below: boolean;
  }>(
    `SELECT case_id, tx_id::text AS tx_id, position::text AS position, tx_id < $3::xid8 AS below
       FROM case_events
      WHERE (tx_id, position) > ($1::xid8, $2::bigint) ${bounded ? 'AND tx_id < $3::xid8' : ''}
      ORDER BY tx_id, position`,
    [from.txId, from.position, xmin],
  );
  let checkpoint = from;
  const caseIds = new Set<string>();
  for (const r of newer.rows) {
    caseIds.add(r.case_id);
    // The stored checkpoint never passes a transaction that might still commit below it.
    if (r.below) checkpoint = { txId: r.tx_id, position: r.position };
  }
  if (caseIds.size === 0) return { checkpoint, cases: 0 };
  const ids = [...caseIds];
  for (let i = 0; i < ids.length; i += 1000) {
    const slice = ids.slice(i, i + 1000);
    const rows = await db.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM case_events WHERE case_id = ANY($1::uuid[])
        ORDER BY case_id, version`,
      [slice],
    );
    const byCase = new Map<string, LoggedEvent[]>();
    for (const r of rows.rows) {
      const list = byCase.get(r.case_id) ?? [];
      list.push(r);
      byCase.set(r.case_id, list);
    }
    const summaries: SummaryRow[] = [];
    const notifications: NotificationRow[] = [];
    for (const [caseId, events] of byCase) {
      const folded = foldCase(caseId, events);
      if (folded.summary) summaries.push(folded.summary);
      notifications.push(...folded.notifications);
    }
    await writeRows(db, summaries, notifications, true);
  }
  return { checkpoint, cases: caseIds.size };
}

/**
 * One batch of rows in one statement (one round trip): each table's rows as one JSON text
 * parameter, which Node writes natively (JSON.stringify) and PostgreSQL takes apart on its own
 * core (`json_to_recordset`), instead of one array per column escaped element by element here.
 * Inbox rows keep the id and read mark they have in the live table (state the log lacks).
 */
async function writeRows(
  db: Client,
  summaries: readonly SummaryRow[],
  notifications: readonly NotificationRow[],
  upsert: boolean,
): Promise<void> {
  if (summaries.length === 0 && notifications.length === 0) return;
  await db.query(upsert ? UPSERT_ROWS : INSERT_ROWS, [
    JSON.stringify(summaries),
    JSON.stringify(notifications),
  ]);
}

const recordset = (param: string, columns: ReadonlyArray<readonly [string, string]>): string =>
  `json_to_recordset(${param}::json) AS r(${columns.map(([n, t]) => `${n} ${t}`).join(', ')})`;

function writeStatement(upsert: boolean): string {
  const summary = SUMMARY_COLUMNS.map(([n]) => n);
  const notification = NOTIFICATION_COLUMNS.map(([n]) => n);
  const conflict = upsert
    ? `ON CONFLICT (case_id) DO UPDATE SET ${summary
        .filter((n) => n !== 'case_id')
        .map((n) => `${n} = EXCLUDED.${n}`)
        .join(', ')}`
    : '';
  return `WITH s AS (
      INSERT INTO ${rebuilt('case_summaries')} (${summary.join(', ')})
      SELECT ${summary.map((n) => `r.${n}`).join(', ')} FROM ${recordset('$1', SUMMARY_COLUMNS)}
      ${conflict})
    INSERT INTO ${rebuilt('notifications')} (id, ${notification.join(', ')}, read_at)
    SELECT coalesce(live.id, nextval(pg_get_serial_sequence('notifications', 'id'))),
           ${notification.map((n) => `r.${n}`).join(', ')}, live.read_at
      FROM ${recordset('$2', NOTIFICATION_COLUMNS)}
      LEFT JOIN notifications live ON live.event_id = r.event_id
    ${upsert ? 'ON CONFLICT (event_id) DO NOTHING' : ''}`;
}
const INSERT_ROWS = writeStatement(false);
const UPSERT_ROWS = writeStatement(true);

/** What people did to inbox rows meanwhile (read marks) and ids given since: from the live table. */
async function carryUserState(db: Client): Promise<void> {
  await db.query(
    `UPDATE ${rebuilt('notifications')} r SET id = n.id, read_at = n.read_at
       FROM notifications n
      WHERE n.event_id = r.event_id AND (r.id <> n.id OR r.read_at IS DISTINCT FROM n.read_at)`,
  );
}

/**
 * Row-by-row equality of each live read model and its rebuilt copy, over every column of the
 * live table: the keys of rows present in one and not, or not alike, in the other.
 */
/**
 * The keys of the rows one query gives and the other does not (or not alike), both ways; a
 * difference for `table` when there is any.
 */
async function compareRows(
  db: Pick<Client, 'query'>,
  out: TableDifference[],
  table: string,
  key: string,
  live: string,
  rebuilt: string,
): Promise<void> {
  const diff = async (a: string, b: string): Promise<string[]> =>
    (
      await db.query<{ k: string }>(
        `SELECT ${key} AS k FROM ((${a}) EXCEPT ALL (${b})) d ORDER BY 1`,
      )
    ).rows.map((r) => r.k);
  const onlyLive = await diff(live, rebuilt);
  const onlyRebuilt = await diff(rebuilt, live);
  if (onlyLive.length > 0 || onlyRebuilt.length > 0) out.push({ table, onlyLive, onlyRebuilt });
}

export async function compareReadModels(
  db: Pick<Client, 'query'>,
  suffix = REBUILD_SUFFIX,
): Promise<TableDifference[]> {
  const out: TableDifference[] = [];
  for (const { table, key } of READ_MODEL_TABLES) {
    const cols = await db.query<{ name: string }>(
      `SELECT attname AS name FROM pg_attribute
        WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
      [table],
    );
    const list = cols.rows.map((c) => c.name).join(', ');
    const live = `SELECT ${list} FROM ${table}`;
    const rebuilt = `SELECT ${list} FROM ${table}${suffix}`;
    await compareRows(db, out, table, `${key}::text`, live, rebuilt);
  }
  for (const c of COUNT_TABLES) {
    if (!(await existing(db, c.table))) continue;
    const list = c.columns.join(', ');
    const key = `concat_ws('/', ${c.columns.slice(0, c.keys).join(', ')})`;
    const live = `SELECT ${list} FROM ${c.table} WHERE ${c.nonZero}`;
    const fresh = c.select(`case_summaries${suffix}`);
    await compareRows(db, out, c.table, key, live, fresh);
  }
  // ADR 0017: compared when the rebuild counted them (it could open her identity).
  const dims = `case_dimension_counts${REBUILD_SUFFIX}`;
  if (suffix === REBUILD_SUFFIX && (await existing(db, dims))) {
    const list = [...DIMENSION_COUNT_COLUMNS, 'count'].join(', ');
    // Where a count differs, not which combination (a count of one is close to a person).
    const key = `concat_ws('/', organisation_id, opened_month)`;
    const live = `SELECT ${list} FROM case_dimension_counts WHERE count > 0`;
    const fresh = `SELECT ${list} FROM ${dims}`;
    await compareRows(db, out, 'case_dimension_counts', key, live, fresh);
  }
  return out;
}
