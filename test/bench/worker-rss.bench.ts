/**
 * Benchmark (not a timed test): the worker's memory with many open cases (issue 11). Run:
 * `npm run bench:worker-rss` (BENCH_RSS_CASES, default 10,000; BENCH_RSS_CACHE, default the
 * worker's default ARIADNE_WORKER_MAX_CACHED_WORKFLOWS; BENCH_RSS_CONCURRENCY, default 16).
 *
 * The real worker (apps/worker/src/main.ts, as `npm run start:worker` runs it, from sources) runs
 * in a process of its own on the harness's dev server and scratch database, on a task queue of its
 * own, with the sticky cache bounded by ARIADNE_WORKER_MAX_CACHED_WORKFLOWS. The bench opens N
 * cases through the Temporal client (update-with-start, as the API does; each case stays open,
 * waiting for its next command) and reads the worker's resident set (/proc/<pid>/status VmRSS)
 * and its sticky cache size (the SDK's `temporal_sticky_cache_size` on its metrics listener):
 * before, at every tenth of the cases, and after 15 s idle. It prints the table, the cost per
 * cached workflow (the slope while the cache fills) and the RSS the bound holds the worker to.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '@ariadne/config';
import { securityConfigFromEnv, temporalDataConverter } from '@ariadne/security';
import { openCase } from '../support/commands';
import { freePort } from '../support/services';
import { mustEnv, uniqueTaskQueue } from '../support/stack';

jest.setTimeout(4 * 60 * 60_000);

const N = Number(process.env.BENCH_RSS_CASES ?? 10_000);
const DEFAULT_CACHE = loadConfig({
  DATABASE_URL: 'postgres://x@127.0.0.1/x',
}).ARIADNE_WORKER_MAX_CACHED_WORKFLOWS;
const CACHE = Number(process.env.BENCH_RSS_CACHE ?? DEFAULT_CACHE);
const CONCURRENCY = Number(process.env.BENCH_RSS_CONCURRENCY ?? 16);
const MiB = 1024 * 1024;
const ROOT = path.join(__dirname, '../..');

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  if (!kb) throw new Error('no VmRSS');
  return (Number(kb[1]) * 1024) / MiB;
}

async function cacheSize(metricsUrl: string): Promise<number | undefined> {
  const text = await fetch(metricsUrl).then(
    (r) => r.text(),
    () => '',
  );
  const line = text.split('\n').find((l) => l.startsWith('temporal_sticky_cache_size'));
  return line ? Number(line.trim().split(/\s+/).pop()) : undefined;
}

interface Sample {
  readonly opened: number;
  readonly seconds: number;
  readonly rssMiB: number;
  readonly cached: number | undefined;
}

describe(`worker RSS with ${N} open cases, cache ${CACHE}`, () => {
  let worker: ChildProcess | undefined;
  afterAll(async () => {
    if (worker && worker.exitCode === null) {
      const exited = new Promise((r) => worker!.once('exit', r));
      worker.kill('SIGTERM');
      await exited;
    }
  });

  it('measures', async () => {
    const taskQueue = uniqueTaskQueue('rss');
    const metricsPort = await freePort();
    const metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    worker = spawn(
      process.execPath,
      [
        '-r',
        path.join(ROOT, 'scripts/ts-register.cjs'),
        path.join(ROOT, 'apps/worker/src/main.ts'),
      ],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          TEMPORAL_TASK_QUEUE: taskQueue,
          WORKER_METRICS_LISTEN: `127.0.0.1:${metricsPort}`,
          ARIADNE_WORKER_MAX_CACHED_WORKFLOWS: String(CACHE),
          ARIADNE_AUTH_SECRET: randomBytes(48).toString('base64'),
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    const pid = worker.pid!;
    const connection = await Connection.connect({ address: mustEnv('TEMPORAL_ADDRESS') });
    const client = new Client({
      connection,
      dataConverter: temporalDataConverter(securityConfigFromEnv().payloadKeys),
    });
    // Ready: the worker polls its queue (its workflow bundle is built by then).
    const readyBy = Date.now() + 180_000;
    for (;;) {
      if (worker.exitCode !== null) throw new Error('the worker exited');
      const d = await client.workflowService.describeTaskQueue({
        namespace: 'default',
        taskQueue: { name: taskQueue },
        taskQueueType: 1, // workflow
      });
      if ((d.pollers ?? []).length > 0) break;
      if (Date.now() > readyBy) throw new Error('the worker never polled');
      await new Promise((r) => setTimeout(r, 500));
    }
    await new Promise((r) => setTimeout(r, 5_000));
    const started = Date.now();
    const samples: Sample[] = [];
    const sample = async (opened: number): Promise<Sample> => {
      const s = {
        opened,
        seconds: (Date.now() - started) / 1000,
        rssMiB: rssOf(pid),
        cached: await cacheSize(metricsUrl),
      };
      samples.push(s);
      process.stdout.write(
        `opened ${String(s.opened).padStart(6)}  t ${s.seconds.toFixed(0).padStart(5)} s  ` +
          `RSS ${s.rssMiB.toFixed(0).padStart(6)} MiB  cached ${String(s.cached ?? '?').padStart(6)}\n`,
      );
      return s;
    };
    const before = await sample(0);

    // Open N cases, CONCURRENCY at a time; sample at each tenth and when the cache first fills.
    let next = 0;
    let opened = 0;
    const marks = new Set(Array.from({ length: 10 }, (_, i) => Math.round(((i + 1) * N) / 10)));
    if (CACHE < N) marks.add(CACHE);
    let peak = before.rssMiB;
    const peakTimer = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 1000);
    const pending: Promise<void>[] = [];
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < N) {
          next += 1;
          await openCase(client, taskQueue);
          opened += 1;
          if (marks.has(opened)) pending.push(sample(opened).then(() => undefined));
        }
      }),
    );
    await Promise.all(pending);
    await new Promise((r) => setTimeout(r, 15_000));
    clearInterval(peakTimer);
    const after = await sample(N);
    await connection.close();

    // The cost per cached workflow: the slope while the cache fills (every case stays cached).
    const filling = samples.filter((s) => s.opened > 0 && s.opened <= Math.min(N, CACHE));
    const fill = filling.at(-1)!;
    const perWorkflow = (fill.rssMiB - before.rssMiB) / fill.opened;
    const bound = before.rssMiB + CACHE * perWorkflow;
    const lines = [
      `worker RSS, ${N} open cases, ARIADNE_WORKER_MAX_CACHED_WORKFLOWS=${CACHE}:`,
      `  before ${before.rssMiB.toFixed(0)} MiB; peak while opening ${peak.toFixed(0)} MiB; ` +
        `after ${after.rssMiB.toFixed(0)} MiB (cache ${after.cached ?? '?'})`,
      `  per cached workflow ≈ ${perWorkflow.toFixed(3)} MiB (${before.rssMiB.toFixed(0)} → ` +
        `${fill.rssMiB.toFixed(0)} MiB over the first ${fill.opened} cases)`,
      `  the bound holds the worker near ${bound.toFixed(0)} MiB; with all ${N} cases cached, ` +
        `≈ ${(before.rssMiB + N * perWorkflow).toFixed(0)} MiB`,
      `  opening rate ${(N / after.seconds).toFixed(0)} cases/s (${after.seconds.toFixed(0)} s)`,
    ];
    process.stdout.write(lines.join('\n') + '\n');
    expect(samples.at(-1)!.opened).toBe(N);
    expect(after.cached === undefined || after.cached <= CACHE).toBe(true);
  });
});
