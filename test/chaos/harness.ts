/**
 * The fault harness (issue 11, "Faults: nothing acknowledged is lost"). It drives open cases with
 * commands at a steady rate from several callers, each command with an Idempotency-Key and
 * retried with the same key on 503 and connection errors, and injects, in turn: kill -9 of a
 * worker, kill -9 of an API process, a fast restart of PostgreSQL and a restart of the Temporal
 * server. After each fault, with everything back, it checks from the event store itself that
 * every acknowledged command's events are there exactly once, versions are gapless per case,
 * the case summaries equal a fold of the log, no 5xx other than 503 with Retry-After was
 * answered, and a retried key answers the original result. Bounded: a fixed number of cases,
 * faults and seconds; loopback only (its own stack, test/chaos/stack.ts).
 */
import { randomBytes } from 'node:crypto';
import type { Client as PgClient } from 'pg';
import { caseSummary, evolve, initialState, type CaseEvent } from '../../libs/domain/src';
import { CHAOS_PASSWORD, type ChaosStack, startChaosStack } from './stack';

export type FaultKind = 'worker-kill' | 'api-kill' | 'postgres-restart' | 'temporal-restart';
export const FAULT_KINDS: readonly FaultKind[] = [
  'worker-kill',
  'api-kill',
  'postgres-restart',
  'temporal-restart',
];

export interface ChaosOptions {
  /** Open cases the commands go to. */
  readonly cases: number;
  /** Each fault kind this many times, in turn. */
  readonly rounds: number;
  readonly faults: readonly FaultKind[];
  /** Concurrent callers; each owns its share of the cases (one command at a time per case). */
  readonly callers: number;
  /** Commands per second, all callers together (a steady rate, not as fast as possible). */
  readonly rate: number;
  /** Seconds of load before a fault, and after everything is back. */
  readonly beforeSeconds: number;
  readonly afterSeconds: number;
  /** A caller gives a command up (unacknowledged, not lost) after this many seconds. */
  readonly giveUpSeconds: number;
  /** The longest a caller waits before a retry, whatever Retry-After says. */
  readonly maxRetryWaitSeconds: number;
  /** A Temporal that is already running (its restart fault is then left out, unless…). */
  readonly temporalAddress?: string;
  /** …it is `npm run up -- --cluster`'s, whose run directory this is: its services are killed in turn. */
  readonly clusterRunDir?: string;
  readonly log?: (line: string) => void;
  /**
   * Runs once the faults are over, on the live stack, before it stops: for the harness's own
   * test, which breaks the log on purpose and expects the checks to say so.
   */
  readonly inspect?: (ctx: InspectContext) => Promise<void>;
}

export interface InspectContext {
  readonly pg: PgClient;
  readonly caseIds: readonly string[];
  /** Every command of the run that was acknowledged. */
  readonly acknowledged: readonly CommandRecord[];
  /** The checks of a phase over these records (without sending them again). */
  check(records: CommandRecord[]): Promise<ReportRow>;
}

export const LONG: Omit<ChaosOptions, 'log' | 'inspect'> = {
  cases: 1000,
  rounds: 2,
  faults: FAULT_KINDS,
  callers: 8,
  rate: 20,
  beforeSeconds: 10,
  afterSeconds: 10,
  giveUpSeconds: 120,
  maxRetryWaitSeconds: 5,
};

export const SHORT: Omit<ChaosOptions, 'log' | 'inspect'> = {
  cases: 50,
  rounds: 1,
  faults: FAULT_KINDS,
  callers: 4,
  rate: 10,
  beforeSeconds: 2,
  afterSeconds: 2,
  giveUpSeconds: 90,
  maxRetryWaitSeconds: 2,
};

/** One row of the report: a fault kind over its rounds (or the opening of the cases). */
export interface ReportRow {
  readonly phase: string;
  sent: number;
  acknowledged: number;
  /** Refused with a 4xx (a rule, a conflict): not a fault's doing, but listed. */
  refused: number;
  /** Given up by the caller after giveUpSeconds: never acknowledged (so not lost). */
  unconfirmed: number;
  /** Requests retried with the same key (after a 503 or a connection error). */
  retried: number;
  /** 503 answers, every one with Retry-After (those without count as 5xx other). */
  unavailable503: number;
  lost: number;
  duplicated: number;
  /** Acknowledged commands whose answer (its case version) differs from its stored events. */
  answerMismatch: number;
  /** Repeats of acknowledged keys after the phase whose answer was not the original one. */
  replayMismatch: number;
  gaps: number;
  other5xx: number;
  /** Case summaries that differ from a fold of their events (the domain's evolve). */
  readModelDiffs: number;
  /**
   * Rows of the read models (summaries, notifications, board counts) that differ from what
   * `npm run rebuild` builds from the log (its own comparison, rebuildReadModels swap: false).
   */
  rebuildDiffs: number;
  /** Seconds from the fault until every API was ready again. */
  recoverySeconds: number;
  /** What /health/ready said during the fault (e.g. "degraded(database)"), and after. */
  health: string;
}

export interface ChaosReport {
  readonly rows: ReportRow[];
  readonly options: Omit<ChaosOptions, 'log' | 'inspect'>;
  readonly readModelCheck: string;
  readonly ok: boolean;
}

export interface CommandRecord {
  readonly key: string;
  readonly caseId: string;
  readonly kind: 'open' | 'note';
  attempts: number;
  status?: number;
  /** The case version its 2xx answer carried. */
  version?: number;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function newRow(phase: string): ReportRow {
  return {
    phase,
    sent: 0,
    acknowledged: 0,
    refused: 0,
    unconfirmed: 0,
    retried: 0,
    unavailable503: 0,
    lost: 0,
    duplicated: 0,
    answerMismatch: 0,
    replayMismatch: 0,
    gaps: 0,
    other5xx: 0,
    readModelDiffs: 0,
    rebuildDiffs: 0,
    recoverySeconds: 0,
    health: '',
  };
}

const CASEWORKER = 'se-ngo-1-cw-1';

/** One caller: its token, the API it talks to (another after a connection error). */
class Caller {
  private token = '';
  private abandoned = false;
  constructor(
    private readonly apis: readonly string[],
    private api: number,
    private readonly options: ChaosOptions,
  ) {}

  /** Gives up every command at its next retry (the run is failing). */
  abandon(): void {
    this.abandoned = true;
  }

  async login(): Promise<void> {
    const deadline = Date.now() + this.options.giveUpSeconds * 1000;
    for (;;) {
      try {
        const res = await fetch(`${this.apis[this.api]}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ login: CASEWORKER, password: CHAOS_PASSWORD }),
          signal: AbortSignal.timeout(30_000),
        });
        if (res.status === 200) {
          this.token = String(((await res.json()) as { accessToken: string }).accessToken);
          return;
        }
        if (res.status < 500) throw new Error(`login refused: ${res.status}`);
      } catch (e) {
        if (e instanceof Error && e.message.startsWith('login refused')) throw e;
        this.api = (this.api + 1) % this.apis.length;
      }
      if (Date.now() > deadline) throw new Error('login did not succeed in time');
      await sleep(500);
    }
  }

  /**
   * Sends one command with its Idempotency-Key until it is answered with anything but a 503 or
   * a connection error (or the caller gives up), counting what it met in `row`.
   */
  async send(
    path: string,
    body: unknown,
    rec: CommandRecord,
    row: ReportRow,
  ): Promise<{ status: number; body: Record<string, unknown> } | undefined> {
    const deadline = Date.now() + this.options.giveUpSeconds * 1000;
    for (;;) {
      rec.attempts += 1;
      if (rec.attempts === 2) row.retried += 1;
      let wait = 250;
      try {
        const res = await fetch(this.apis[this.api] + path, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${this.token}`,
            'idempotency-key': rec.key,
          },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(30_000),
        });
        const text = await res.text();
        const parsed = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
        if (res.status === 401) {
          await this.login();
          continue;
        }
        if (res.status >= 500) {
          const retryAfter = Number(res.headers.get('retry-after'));
          if (res.status === 503 && retryAfter > 0) {
            row.unavailable503 += 1;
            wait = Math.min(retryAfter, this.options.maxRetryWaitSeconds) * 1000;
          } else {
            row.other5xx += 1;
            this.options.log?.(
              `  ${res.status} on ${rec.kind} (attempt ${rec.attempts}): ${String(parsed.type ?? '')} ${String(parsed.title ?? '')}`,
            );
            wait = 1000;
          }
        } else {
          return { status: res.status, body: parsed };
        }
      } catch {
        // Connection refused or reset, or no answer in 30 s: the other API, same key.
        this.api = (this.api + 1) % this.apis.length;
      }
      if (this.abandoned || Date.now() + wait > deadline) return undefined;
      await sleep(wait);
    }
  }
}

/** Runs the harness on a stack of its own; returns the report (the caller prints it). */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? (() => undefined);
  const faults = options.faults.filter(
    (f) => f !== 'temporal-restart' || !options.temporalAddress || options.clusterRunDir,
  );
  const stack = await startChaosStack({
    temporalAddress: options.temporalAddress,
    clusterRunDir: options.clusterRunDir,
    log,
  });
  let ok = false;
  try {
    const report = await drive(stack, { ...options, faults }, log);
    ok = report.ok;
    return report;
  } finally {
    await stack.close(!ok);
    if (!ok) log(`logs kept in ${stack.dir}`);
  }
}

async function drive(
  stack: ChaosStack,
  options: ChaosOptions,
  log: (line: string) => void,
): Promise<ChaosReport> {
  const callers = Array.from(
    { length: options.callers },
    (_, i) => new Caller(stack.apiUrls, i % stack.apiUrls.length, options),
  );
  await Promise.all(callers.map((c) => c.login()));
  const pg = await connectPg(stack);
  const rows: ReportRow[] = [];
  const everything: CommandRecord[] = [];
  try {
    // 1. Open the cases, each with its own key (retried like any command).
    const opening = newRow('open cases');
    const openRecords: CommandRecord[] = [];
    const caseIds: string[] = [];
    let next = 0;
    await Promise.all(
      callers.map(async (caller) => {
        while (next < options.cases) {
          next += 1;
          const rec: CommandRecord = { key: key(), caseId: '', kind: 'open', attempts: 0 };
          opening.sent += 1;
          openRecords.push(rec);
          const res = await caller.send(
            '/api/v1/cases',
            { referralSource: 'ngo-outreach' },
            rec,
            opening,
          );
          tally(rec, res, opening);
          if (res && res.status < 300) caseIds.push(String(res.body.caseId));
          if (caseIds.length % 250 === 0 && res) log(`  ${caseIds.length} cases open`);
        }
      }),
    );
    log(`opened ${caseIds.length} cases`);
    everything.push(...openRecords);
    await verify(pg.client, openRecords, opening, callers[0], stack, caseIds);
    rows.push(opening);

    // 2. Each fault in turn, `rounds` times, under a steady load of notes.
    const byKind = new Map<FaultKind, ReportRow>();
    let workerTurn = 0;
    let apiTurn = 0;
    for (let round = 0; round < options.rounds; round++) {
      for (const fault of options.faults) {
        const row = byKind.get(fault) ?? newRow(fault);
        byKind.set(fault, row);
        const records: CommandRecord[] = [];
        const load = startLoad(callers, caseIds, options, row, records);
        const health = watchHealth(stack.apiUrls);
        let recovery = 0;
        try {
          await sleep(options.beforeSeconds * 1000);
          log(`round ${round + 1}: ${fault}`);
          const t0 = Date.now();
          if (fault === 'worker-kill') await stack.killAndRestart('worker', workerTurn++ % 2);
          if (fault === 'api-kill') await stack.killAndRestart('api', apiTurn++ % 2);
          if (fault === 'postgres-restart') await stack.restartPostgres();
          if (fault === 'temporal-restart') await stack.restartTemporal();
          await stack.waitReady();
          recovery = (Date.now() - t0) / 1000;
          row.recoverySeconds = Math.max(row.recoverySeconds, Math.round(recovery * 10) / 10);
          await sleep(options.afterSeconds * 1000);
        } catch (e) {
          // The stack did not come back: no checks; stop the callers without waiting for them.
          load.abandon();
          health.stop();
          throw e;
        }
        await load.stop();
        const seen = health.stop();
        row.health = [row.health, seen].filter(Boolean).join('; ');
        log(`  ${records.length} commands, back after ${recovery.toFixed(1)} s, health ${seen}`);
        await pg.reconnect();
        await verify(pg.client, records, row, callers[0], stack, caseIds);
        everything.push(...records);
      }
    }
    for (const fault of options.faults) {
      const row = byKind.get(fault);
      if (row) rows.push(row);
    }
    if (options.inspect) {
      await pg.reconnect();
      await options.inspect({
        pg: pg.client,
        caseIds,
        acknowledged: everything.filter((r) => r.version !== undefined),
        async check(records) {
          const row = newRow('inspect');
          await verify(pg.client, records, row, undefined, stack, caseIds);
          return row;
        },
      });
    }
  } finally {
    await pg.client.end().catch(() => undefined);
  }
  const ok = rows.every(
    (r) =>
      r.lost === 0 &&
      r.duplicated === 0 &&
      r.gaps === 0 &&
      r.other5xx === 0 &&
      r.answerMismatch === 0 &&
      r.replayMismatch === 0 &&
      r.readModelDiffs === 0 &&
      r.rebuildDiffs === 0,
  );
  const { log: _log, inspect: _inspect, ...printable } = options;
  void _log;
  void _inspect;
  return {
    rows,
    options: printable,
    readModelCheck:
      'case_summaries compared with a fold of case_events (evolve + caseSummary of libs/domain); ' +
      'every read model compared row by row with a rebuild from the log (rebuildReadModels, not swapped)',
    ok,
  };
}

function key(): string {
  return `chaos-${randomBytes(12).toString('hex')}`;
}

function tally(
  rec: CommandRecord,
  res: { status: number; body: Record<string, unknown> } | undefined,
  row: ReportRow,
): void {
  if (!res) {
    row.unconfirmed += 1;
    return;
  }
  rec.status = res.status;
  if (res.status < 300) {
    row.acknowledged += 1;
    rec.version = Number(res.body.version);
  } else {
    row.refused += 1;
  }
}

/** Notes at a steady rate: caller i sends to its own cases in turn, one command at a time. */
function startLoad(
  callers: Caller[],
  caseIds: string[],
  options: ChaosOptions,
  row: ReportRow,
  records: CommandRecord[],
): { stop(): Promise<void>; abandon(): void } {
  let stopping = false;
  const interval = (1000 * callers.length) / options.rate;
  const runs = callers.map(async (caller, i) => {
    const mine = caseIds.filter((_, j) => j % callers.length === i);
    let n = 0;
    let due = Date.now() + (interval * i) / callers.length;
    while (!stopping && mine.length > 0) {
      const wait = due - Date.now();
      if (wait > 0) await sleep(wait);
      if (stopping) break;
      due = Math.max(due + interval, Date.now());
      const caseId = mine[n++ % mine.length] as string;
      const rec: CommandRecord = { key: key(), caseId, kind: 'note', attempts: 0 };
      records.push(rec);
      row.sent += 1;
      const res = await caller.send(
        `/api/v1/cases/${caseId}/notes`,
        { personal: { notes: { text: 'chaos harness note' } } },
        rec,
        row,
      );
      tally(rec, res, row);
    }
  });
  return {
    async stop() {
      stopping = true;
      await Promise.all(runs);
    },
    abandon() {
      stopping = true;
      for (const c of callers) c.abandon();
    },
  };
}

/** Polls /health/ready of the first API that answers; says which states it saw. */
function watchHealth(apis: readonly string[]): { stop(): string } {
  const seen = new Set<string>();
  let running = true;
  void (async () => {
    while (running) {
      for (const api of apis) {
        try {
          const res = await fetch(`${api}/health/ready`, { signal: AbortSignal.timeout(5000) });
          const b = (await res.json()) as Record<string, string>;
          const down = ['database', 'temporal', 'worker'].filter(
            (k) => b[k] !== 'up' && b[k] !== 'polling',
          );
          seen.add(b.status === 'ok' ? 'ok' : `degraded(${down.join(',')})`);
          break;
        } catch {
          // this API is down: ask the other
        }
      }
      // Often enough to see a fast PostgreSQL restart (about a second) as it happens.
      await sleep(100);
    }
  })();
  return {
    stop() {
      running = false;
      return [...seen].join(' ');
    },
  };
}

async function connectPg(
  stack: ChaosStack,
): Promise<{ client: PgClient; reconnect(): Promise<void> }> {
  const holder = {
    client: await stack.pg(),
    async reconnect() {
      // The PostgreSQL restart ended this connection: a new one.
      await holder.client.end().catch(() => undefined);
      holder.client = await stack.pg();
    },
  };
  return holder;
}

/**
 * The checks after a phase, against the event store itself: exactly once per key, the answer's
 * version is the version of its events, gapless versions, summaries equal a fold of the log,
 * and each acknowledged key sent again answers the original version without a new event.
 */
async function verify(
  pg: PgClient,
  records: CommandRecord[],
  row: ReportRow,
  caller: Caller | undefined,
  stack: ChaosStack,
  caseIds: string[],
): Promise<void> {
  const check = async (): Promise<Map<string, Array<{ version: number; type: string }>>> => {
    const keys = records.map((r) => r.key);
    const { rows } = await pg.query<{ k: string; version: number; type: string }>(
      `SELECT metadata->>'causationId' AS k, version, type FROM case_events
        WHERE metadata->>'causationId' = ANY($1::text[])`,
      [keys],
    );
    const byKey = new Map<string, Array<{ version: number; type: string }>>();
    for (const r of rows) {
      const list = byKey.get(r.k) ?? [];
      list.push({ version: r.version, type: r.type });
      byKey.set(r.k, list);
    }
    return byKey;
  };
  const byKey = await check();
  for (const rec of records) {
    const events = byKey.get(rec.key) ?? [];
    const types = events.map((e) => e.type);
    const duplicated = new Set(types).size !== types.length;
    if (duplicated) row.duplicated += 1;
    if (rec.version === undefined) continue;
    if (events.length === 0) row.lost += 1;
    else if (Math.max(...events.map((e) => e.version)) !== rec.version) row.answerMismatch += 1;
  }
  // The same keys again, as a client retrying late would: the original answer, no new event.
  if (caller) {
    const acked = records.filter((r) => r.version !== undefined);
    const sample = acked.filter((_, i) => i % Math.max(1, Math.floor(acked.length / 100)) === 0);
    const scratch = newRow('replay');
    await Promise.all(
      chunks(sample, 4).map(async (part) => {
        for (const rec of part) {
          const again: CommandRecord = { ...rec, attempts: 0 };
          const res =
            rec.kind === 'open'
              ? await caller.send(
                  '/api/v1/cases',
                  { referralSource: 'ngo-outreach' },
                  again,
                  scratch,
                )
              : await caller.send(
                  `/api/v1/cases/${rec.caseId}/notes`,
                  { personal: { notes: { text: 'chaos harness note' } } },
                  again,
                  scratch,
                );
          if (!res || res.status >= 300 || Number(res.body.version) !== rec.version) {
            row.replayMismatch += 1;
          }
        }
      }),
    );
    row.other5xx += scratch.other5xx;
    const after = await check();
    for (const rec of sample) {
      if ((after.get(rec.key) ?? []).length !== (byKey.get(rec.key) ?? []).length) {
        row.duplicated += 1;
      }
    }
  }
  // Gapless versions, every case of the run: 1..n with no hole and no repeat.
  const gaps = await pg.query<{ n: string }>(
    `SELECT count(*) AS n FROM (
       SELECT case_id FROM case_events WHERE case_id = ANY($1::uuid[]) GROUP BY case_id
       HAVING min(version) <> 1 OR max(version) <> count(*) OR count(DISTINCT version) <> count(*)
     ) g`,
    [caseIds],
  );
  row.gaps += Number(gaps.rows[0]?.n ?? 0);
  const fields = new Map<string, number>();
  row.readModelDiffs += await readModelDiffs(pg, caseIds, (line) =>
    fields.set(line, (fields.get(line) ?? 0) + 1),
  );
  for (const [line, n] of fields) stack.log(`  ${n} × ${line}`);
  row.rebuildDiffs += await rebuildDiffs(stack.databaseUrl);
  if (row.rebuildDiffs > 0)
    stack.log(`  ${row.rebuildDiffs} read-model rows differ from a rebuild`);
}

/** Keys that differ between each live read model and a rebuild of it (not swapped in). */
async function rebuildDiffs(databaseUrl: string): Promise<number> {
  const { rebuildReadModels } = await import('../../libs/persistence/src');
  let report: Awaited<ReturnType<typeof rebuildReadModels>>;
  try {
    report = await rebuildReadModels({ databaseUrl, swap: false });
  } catch {
    // The rebuild refuses a log it cannot fold (a gap): the read models are not a rebuild.
    return 1;
  }
  return report.differences.reduce(
    (n, d) => n + new Set([...d.onlyLive, ...d.onlyRebuilt]).size,
    0,
  );
}

function chunks<T>(list: T[], n: number): T[][] {
  const out: T[][] = Array.from({ length: n }, () => []);
  list.forEach((x, i) => out[i % n]?.push(x));
  return out;
}

function snake(k: string): string {
  return k.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);
}

/** JSON with sorted keys (jsonb orders keys its own way). */
function stable(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (typeof v === 'object') {
    return `{${Object.keys(v as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

const ISO = /^\d{4}-\d{2}-\d{2}T/;

/** Summaries that differ from caseSummary(fold of the case's events), field by field. */
export async function readModelDiffs(
  pg: PgClient,
  caseIds: string[],
  report?: (line: string) => void,
): Promise<number> {
  const { rows: events } = await pg.query<{ case_id: string; type: string; data: unknown }>(
    `SELECT case_id, type, data FROM case_events WHERE case_id = ANY($1::uuid[]) ORDER BY case_id, version`,
    [caseIds],
  );
  const states = new Map<string, ReturnType<typeof initialState>>();
  for (const e of events) {
    const s = states.get(e.case_id) ?? initialState();
    states.set(e.case_id, evolve(s, { type: e.type, data: e.data } as CaseEvent));
  }
  const { rows } = await pg.query<Record<string, unknown>>(
    `SELECT * FROM case_summaries WHERE case_id = ANY($1::uuid[])`,
    [caseIds],
  );
  const stored = new Map(rows.map((r) => [String(r.case_id), r]));
  let diffs = 0;
  for (const caseId of caseIds) {
    const state = states.get(caseId);
    const expected = state ? caseSummary(caseId, state) : undefined;
    const row = stored.get(caseId);
    if (!expected || !row) {
      if (expected || row) diffs += 1;
      continue;
    }
    const differs = Object.entries(expected).filter(([k, v]) => {
      const actual = row[snake(k)];
      if (typeof v === 'string' && ISO.test(v) && actual instanceof Date) {
        return new Date(v).getTime() !== actual.getTime();
      }
      if (typeof actual === 'string' && typeof v === 'string') return actual.trim() !== v.trim();
      return stable(actual) !== stable(v);
    });
    if (differs.length > 0) {
      diffs += 1;
      report?.(`summary of a case differs in ${differs.map(([k]) => k).join(', ')}`);
    }
  }
  return diffs;
}

const COLUMNS: Array<[keyof ReportRow, string]> = [
  ['phase', 'fault'],
  ['sent', 'sent'],
  ['acknowledged', 'acked'],
  ['refused', '4xx'],
  ['unconfirmed', 'given up'],
  ['retried', 'retried'],
  ['unavailable503', '503+RA'],
  ['lost', 'lost'],
  ['duplicated', 'dup'],
  ['gaps', 'gaps'],
  ['other5xx', '5xx other'],
  ['answerMismatch', 'answer≠'],
  ['replayMismatch', 'replay≠'],
  ['readModelDiffs', 'rm≠fold'],
  ['rebuildDiffs', 'rm≠rebuild'],
  ['recoverySeconds', 'back (s)'],
];

/** The report as a plain-text table, then what health said during each fault. */
export function formatReport(report: ChaosReport): string {
  const head = COLUMNS.map(([, h]) => h);
  const body = report.rows.map((r) => COLUMNS.map(([k]) => String(r[k])));
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ');
  const o = report.options;
  return [
    `chaos: ${o.cases} cases, ${o.callers} callers at ${o.rate} commands/s, ${o.rounds} round(s) of ${o.faults.join(', ')}`,
    line(head),
    ...body.map(line),
    ...report.rows.filter((r) => r.health).map((r) => `health during ${r.phase}: ${r.health}`),
    `read models: ${report.readModelCheck}`,
    report.ok ? 'OK: nothing acknowledged was lost or duplicated' : 'FAILED (see the table)',
  ].join('\n');
}
