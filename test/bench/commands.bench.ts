/**
 * Benchmark (not a timed test), issue 11: a command through Ariadne against a bare Temporal Update
 * on the same Temporal server, measured side by side in one run.
 *
 * - bare update: executeUpdate on a workflow whose Update handler only answers
 *   (test/bench/bare/bare.workflow.ts, its own worker and task queue, default data converter);
 * - bare Update + local activity: the shape of a case command with nothing of Ariadne's in it (the
 *   handler awaits a local activity that only answers, while a deadline timer runs):
 *   what Temporal itself costs for that shape on this server, the floor under a command;
 * - bare open: update-with-start of that workflow (a new workflow per call);
 * - command: POST /api/v1/cases/{id}/immediate-needs through the whole API (authentication,
 *   access, audit trail, the case workflow's Update, the append, the answer), with an
 *   Idempotency-Key as the web client sends;
 * - open: POST /api/v1/cases (a case opened by update-with-start);
 * - case Update: the same command sent straight to the case workflow with the Temporal client
 *   (no HTTP, no API): the workflow's share of a command, the rest is the API's.
 *
 * Rounds alternate (bare, real, bare, real …) so that load from elsewhere on this shared machine
 * falls on both alike. Then 8 callers at once, each on cases of its own: commands per second.
 * On Linux it also prints the CPU time one command costs against one bare Update: the whole
 * machine's (Temporal, PostgreSQL, this process) and this process's, on its main thread (the API,
 * the caller, the append) and its other threads (the workflow thread, the SDK's core, V8's
 * helpers), read from /proc while only the single-caller rounds of that kind run.
 * Targets (issue 11): command p50 ≤ 1.5× bare update, p99 ≤ 2×; open p50 ≤ 1.5× bare open;
 * ≥ 60 commands/s at 8 callers. Prints a table and the ratios; fails only when a request fails,
 * or, with BENCH_COMMANDS_ENFORCE=1, when a target is missed.
 * Run: `npm run bench:commands` (also part of `npm run bench`). BENCH_COMMANDS_ROUNDS (default 6),
 * BENCH_COMMANDS_PER_ROUND (default 30), BENCH_OPENS_PER_ROUND (default 10),
 * BENCH_CONCURRENT_COMMANDS (default 320).
 */
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  type ApiStack,
  type Caller,
  mustEnv,
  startApiStack,
  uniqueTaskQueue,
} from '../support/stack';
import { caseCommandUpdate } from '@ariadne/contracts';
import type { CaseCommand } from '@ariadne/domain';
import { securityConfigFromEnv, temporalDataConverter } from '@ariadne/security';
import { type BareActivities, bareUpdate } from './bare/bare.workflow';

jest.setTimeout(30 * 60_000);

const ROUNDS = Number(process.env.BENCH_COMMANDS_ROUNDS ?? 6);
const PER_ROUND = Number(process.env.BENCH_COMMANDS_PER_ROUND ?? 30);
const OPENS_PER_ROUND = Number(process.env.BENCH_OPENS_PER_ROUND ?? 10);
const CONCURRENT = Number(process.env.BENCH_CONCURRENT_COMMANDS ?? 320);
const CALLERS = 8;
const ENFORCE = process.env.BENCH_COMMANDS_ENFORCE === '1';
/** RecordImmediateNeed is valid once per need (R2): a case takes four such commands. */
const NEEDS = ['safety', 'accommodation', 'emergency-health-care', 'interpretation'];

function percentile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(q * s.length) - 1)] ?? NaN;
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

interface Row {
  readonly name: string;
  readonly ms: number[];
  perSecond?: number;
  /** CPU milliseconds spent while this row's single-caller operations ran (Linux). */
  cpu?: Cpu;
}

/** CPU time in milliseconds: the machine's (all cores), this process's main thread and others. */
interface Cpu {
  machine: number;
  main: number;
  others: number;
}

/** Clock ticks per second of /proc (USER_HZ), 100 on Linux. */
const TICK_MS = 10;

/** The CPU used so far, from /proc (undefined where there is none). */
function cpuNow(): Cpu | undefined {
  try {
    const total = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
    // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
    const [user, nice, system, , , irq, softirq, steal] = total.slice(1, 9).map(Number);
    const machine = (user! + nice! + system! + irq! + softirq! + steal!) * TICK_MS;
    let main = 0;
    let others = 0;
    for (const tid of readdirSync('/proc/self/task')) {
      let stat: string;
      try {
        stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      } catch {
        continue; // a thread that ended meanwhile
      }
      // Fields after the command name: state is field 3, utime 14 and stime 15.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ms = (Number(fields[11]) + Number(fields[12])) * TICK_MS;
      if (Number(tid) === process.pid) main += ms;
      else others += ms;
    }
    return { machine, main, others };
  } catch {
    return undefined;
  }
}

/** Runs `fn`, adding the CPU it took to `row.cpu` (when /proc can be read). */
async function measuringCpu(row: Row, fn: () => Promise<void>): Promise<void> {
  const before = cpuNow();
  await fn();
  const after = cpuNow();
  if (!before || !after) return;
  const cpu = (row.cpu ??= { machine: 0, main: 0, others: 0 });
  cpu.machine += after.machine - before.machine;
  cpu.main += after.main - before.main;
  cpu.others += after.others - before.others;
}

describe('commands against a bare Temporal Update (issue 11)', () => {
  let stack: ApiStack;
  let cw: Caller;
  let client: Client;
  let caseClient: Client;
  let connection: Connection;
  let native: NativeConnection;
  let bareWorker: Worker;
  let bareRunning: Promise<void>;
  const bareActivities: BareActivities = { echo: async (n) => n };
  const bareQueue = uniqueTaskQueue('bare');
  const failures: string[] = [];

  beforeAll(async () => {
    stack = await startApiStack();
    cw = await stack.as('se-ngo-1-cw-1');
    const address = mustEnv('TEMPORAL_ADDRESS');
    native = await NativeConnection.connect({ address });
    connection = await Connection.connect({ address });
    client = new Client({ connection });
    // The case workflow's payloads are encrypted: its client uses the API's data converter.
    caseClient = new Client({
      connection,
      dataConverter: temporalDataConverter(securityConfigFromEnv().payloadKeys),
    });
    bareWorker = await Worker.create({
      connection: native,
      taskQueue: bareQueue,
      workflowsPath: require.resolve('./bare/bare.workflow'),
      activities: bareActivities,
    });
    bareRunning = bareWorker.run();
  });

  afterAll(async () => {
    bareWorker?.shutdown();
    await bareRunning;
    await connection?.close();
    await native?.close();
    await stack?.close();
  });

  // ---- the four operations ------------------------------------------------------------------
  async function bareOpen(workflowType = 'bareWorkflow'): Promise<string> {
    const id = `bare-${randomUUID()}`;
    await client.workflow.executeUpdateWithStart(bareUpdate, {
      args: [1],
      updateId: randomUUID(),
      startWorkflowOperation: new WithStartWorkflowOperation(workflowType, {
        workflowId: id,
        taskQueue: bareQueue,
        workflowIdConflictPolicy: 'FAIL',
      }),
    });
    return id;
  }
  async function bareCommand(id: string): Promise<void> {
    await client.workflow
      .getHandle(id)
      .executeUpdate(bareUpdate, { args: [2], updateId: randomUUID() });
  }
  async function open(): Promise<string> {
    const res = await cw(
      'POST',
      '/api/v1/cases',
      { referralSource: 'ngo-outreach' },
      { 'idempotency-key': randomUUID() },
    );
    if (res.status !== 201 && res.status !== 200) {
      failures.push(`open ${res.status} ${res.body?.type}`);
      throw new Error(`open answered ${res.status}`);
    }
    return String(res.body.caseId);
  }
  async function command(caseId: string, need: string): Promise<void> {
    const res = await cw(
      'POST',
      `/api/v1/cases/${caseId}/immediate-needs`,
      { need },
      { 'idempotency-key': randomUUID() },
    );
    if (res.status !== 200 && res.status !== 201) {
      failures.push(`command ${res.status} ${res.body?.type}`);
      throw new Error(`command answered ${res.status}`);
    }
  }

  async function caseUpdate(caseId: string, need: string): Promise<void> {
    const commandId = randomUUID();
    await caseClient.workflow.getHandle(caseId).executeUpdate(caseCommandUpdate, {
      args: [
        {
          command: { type: 'RecordImmediateNeed', need } as CaseCommand,
          actor: { userId: 'se-ngo-1-cw-1', organisationId: 'se-ngo-1', role: 'caseworker' },
          commandId,
          correlationId: commandId,
        },
      ],
      updateId: commandId,
    });
  }

  /** Slots of (case, need): each case four commands, handed out in order. */
  const slots: Array<[string, string]> = [];
  async function slotsFor(n: number): Promise<Array<[string, string]>> {
    while (slots.length < n) {
      const id = await open();
      for (const need of NEEDS) slots.push([id, need]);
    }
    return slots.splice(0, n);
  }

  it('prints the table and the ratios', async () => {
    const bareIds = await Promise.all(Array.from({ length: 8 }, () => bareOpen()));
    const localIds = await Promise.all(
      Array.from({ length: 8 }, () => bareOpen('bareLocalWorkflow')),
    );
    // Warm-up: bundles, connections, JIT, the demo user's caches.
    for (let i = 0; i < 5; i++) {
      await bareCommand(bareIds[i % bareIds.length]!);
      await bareCommand(localIds[i % localIds.length]!);
      const [c] = await slotsFor(1);
      await command(c![0], c![1]);
      await bareOpen();
    }

    const rows: Record<string, Row> = {
      bareUpdate: { name: 'bare Update', ms: [] },
      bareLocal: { name: 'bare Update + local activity', ms: [] },
      command: { name: 'command (immediate need)', ms: [] },
      caseUpdate: { name: 'case Update (no API)', ms: [] },
      bareOpen: { name: 'bare update-with-start', ms: [] },
      open: { name: 'open case', ms: [] },
      bare8: { name: `bare Update, ${CALLERS} callers`, ms: [] },
      command8: { name: `command, ${CALLERS} callers`, ms: [] },
    };

    for (let r = 0; r < ROUNDS; r++) {
      for (let i = 0; i < OPENS_PER_ROUND; i++) {
        rows.bareOpen!.ms.push(await timed(async () => void (await bareOpen())));
      }
      for (let i = 0; i < OPENS_PER_ROUND; i++) {
        let id = '';
        rows.open!.ms.push(await timed(async () => void (id = await open())));
        for (const need of NEEDS) slots.push([id, need]);
      }
      await measuringCpu(rows.bareUpdate!, async () => {
        for (let i = 0; i < PER_ROUND; i++) {
          const id = bareIds[i % bareIds.length]!;
          rows.bareUpdate!.ms.push(await timed(() => bareCommand(id)));
        }
      });
      for (let i = 0; i < PER_ROUND; i++) {
        const id = localIds[i % localIds.length]!;
        rows.bareLocal!.ms.push(await timed(() => bareCommand(id)));
      }
      const mine = await slotsFor(PER_ROUND);
      await measuringCpu(rows.command!, async () => {
        for (const [id, need] of mine) rows.command!.ms.push(await timed(() => command(id, need)));
      });
      const direct = await slotsFor(PER_ROUND);
      for (const [id, need] of direct) {
        rows.caseUpdate!.ms.push(await timed(() => caseUpdate(id, need)));
      }
    }

    // Eight callers at once, each on cases (or bare workflows) of its own; in two alternating
    // halves (bare, real, bare, real), as above.
    const per = Math.ceil(CONCURRENT / CALLERS / 2);
    async function concurrently(row: Row, work: (caller: number, i: number) => Promise<void>) {
      const t = performance.now();
      await Promise.all(
        Array.from({ length: CALLERS }, async (_, c) => {
          for (let i = 0; i < per; i++) row.ms.push(await timed(() => work(c, i)));
        }),
      );
      const rate = (per * CALLERS * 1000) / (performance.now() - t);
      row.perSecond = row.perSecond === undefined ? rate : (row.perSecond + rate) / 2;
    }
    const ownBare = await Promise.all(Array.from({ length: CALLERS }, () => bareOpen()));
    for (let part = 0; part < 2; part++) {
      const own: Array<Array<[string, string]>> = [];
      for (let c = 0; c < CALLERS; c++) own.push(await slotsFor(per));
      await concurrently(rows.bare8!, (c) => bareCommand(ownBare[c]!));
      await concurrently(rows.command8!, (c, i) => command(...own[c]![i]!));
    }

    // ---- report ------------------------------------------------------------------------------
    const line = (row: Row): string =>
      `${row.name.padEnd(30)} n ${String(row.ms.length).padStart(4)}  ` +
      `p50 ${percentile(row.ms, 0.5).toFixed(1).padStart(7)} ms  ` +
      `p99 ${percentile(row.ms, 0.99).toFixed(1).padStart(7)} ms` +
      (row.perSecond !== undefined ? `  ${row.perSecond.toFixed(1).padStart(6)} /s` : '');
    const ratio = (a: Row, b: Row, q: number): number => percentile(a.ms, q) / percentile(b.ms, q);
    const targets = [
      ['command p50 / bare Update p50', ratio(rows.command!, rows.bareUpdate!, 0.5), 1.5],
      ['command p99 / bare Update p99', ratio(rows.command!, rows.bareUpdate!, 0.99), 2],
      ['open p50 / bare update-with-start p50', ratio(rows.open!, rows.bareOpen!, 0.5), 1.5],
    ] as const;
    const throughput = rows.command8!.perSecond ?? 0;
    const perOperation = (row: Row): Cpu | undefined =>
      row.cpu && {
        machine: row.cpu.machine / row.ms.length,
        main: row.cpu.main / row.ms.length,
        others: row.cpu.others / row.ms.length,
      };
    const cpuLine = (row: Row): string[] => {
      const c = perOperation(row);
      return c
        ? [
            `CPU per ${row.name}: machine ${c.machine.toFixed(1)} ms; this process ` +
              `${(c.main + c.others).toFixed(1)} ms (main thread ${c.main.toFixed(1)}, ` +
              `other threads ${c.others.toFixed(1)})`,
          ]
        : [];
    };
    const out = [
      `commands against a bare Temporal Update — ${os.cpus().length} cores, load ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}; ${ROUNDS} alternating rounds`,
      ...Object.values(rows).map(line),
      ...cpuLine(rows.bareUpdate!),
      ...cpuLine(rows.command!),
      ...targets.map(
        ([name, value, max]) =>
          `${name.padEnd(40)} ${value.toFixed(2)}×  (target ≤ ${max}×)  ${value <= max ? 'ok' : 'MISSED'}`,
      ),
      `${'commands/s at 8 callers'.padEnd(40)} ${throughput.toFixed(1)}  (target ≥ 60)  ${
        throughput >= 60 ? 'ok' : 'MISSED'
      }`,
    ];
    process.stdout.write(out.join('\n') + '\n');

    expect(failures).toEqual([]);
    expect(rows.command!.ms.length).toBe(ROUNDS * PER_ROUND);
    if (ENFORCE) {
      for (const [, value, max] of targets) expect(value).toBeLessThanOrEqual(max);
      expect(throughput).toBeGreaterThanOrEqual(60);
    }
  });
});
