// Load benchmark against the running system (`npm run up` first): `npm run bench`.
// Measures, with autocannon on loopback, the latency of a journey command (Temporal update →
// worker → PostgreSQL → answer) and of the supervisor's stalled-cases list, and prints p50/p99
// with the number of cases used. Bounded: a fixed number of requests, then it stops.
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoLogin } from './demo-login.mjs';

const BASE = process.env.ARIADNE_URL ?? 'http://127.0.0.1:3000';
if (!/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(BASE)) {
  throw new Error('The benchmark only targets this machine (loopback).');
}
const CASES = Number(process.env.BENCH_CASES ?? 500);
const COMMANDS = Number(process.env.BENCH_COMMANDS ?? 1000);
const LIST_REQUESTS = Number(process.env.BENCH_LIST_REQUESTS ?? 2000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);

function demoPassword() {
  if (process.env.ARIADNE_DEMO_PASSWORD) return process.env.ARIADNE_DEMO_PASSWORD;
  const file =
    process.env.ARIADNE_SECRETS_FILE ?? path.join(os.homedir(), '.config', 'ariadne', 'local.env');
  const line = readFileSync(file, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('ARIADNE_DEMO_PASSWORD='));
  if (!line) throw new Error(`No ARIADNE_DEMO_PASSWORD in ${file}`);
  return line.slice('ARIADNE_DEMO_PASSWORD='.length);
}

/** The password, and the demo TOTP code where the account must use a second factor. */
function login(login) {
  return demoLogin(BASE, login, demoPassword());
}

function run(opts) {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, ...opts }, (err, result) =>
      err ? reject(err) : resolve(result),
    );
  });
}

function report(name, r) {
  const ok = r['2xx'];
  const bad = r.non2xx + r.errors + r.timeouts;
  console.log(
    `${name.padEnd(24)} requests ${String(r.requests.total).padStart(6)}  ok ${String(ok).padStart(6)}  ` +
      `failed ${String(bad).padStart(4)}  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms  ` +
      `mean ${r.latency.mean.toFixed(1)} ms  ${r.requests.average.toFixed(0)} req/s`,
  );
  return bad;
}

const caseworker = await login('se-ngo-1-cw-1');
const supervisor = await login('se-ngo-1-sup');
const auth = (t) => ({ authorization: `Bearer ${t}`, 'content-type': 'application/json' });

// 1. Open the cases the measurements use (itself measured: a Temporal update-with-start each).
const caseIds = [];
const opened = await run({
  url: `${BASE}/api/v1/cases`,
  amount: CASES,
  method: 'POST',
  headers: auth(caseworker),
  body: JSON.stringify({ referralSource: 'ngo-outreach' }),
  setupClient: (client) =>
    client.on('body', (b) => {
      const id = JSON.parse(b.toString()).caseId;
      if (id) caseIds.push(id);
    }),
});
let failed = report('open case', opened);

// 2. A journey command: each request records an immediate need on the next case, round robin,
// so that every command is valid (R2) and goes through the whole path.
const needs = ['safety', 'accommodation', 'emergency-health-care', 'interpretation'];
let n = 0;
const commands = await run({
  amount: Math.min(COMMANDS, caseIds.length * needs.length),
  requests: [
    {
      method: 'POST',
      headers: auth(caseworker),
      setupRequest: (req) => {
        const i = n++;
        return {
          ...req,
          path: `/api/v1/cases/${caseIds[i % caseIds.length]}/immediate-needs`,
          body: JSON.stringify({ need: needs[Math.floor(i / caseIds.length) % needs.length] }),
        };
      },
    },
  ],
  url: BASE,
});
failed += report('command (immediate need)', commands);

// 3. The supervisor's stalled-cases list (R21), first page.
const list = await run({
  url: `${BASE}/api/v1/supervision/stalled?limit=25`,
  amount: LIST_REQUESTS,
  headers: auth(supervisor),
});
failed += report('stalled-cases list', list);

console.log(`cases used: ${caseIds.length} opened now (plus any already in the database)`);

// 4. Issue 11: commands and opening as ratios against a bare Temporal Update and a bare
// update-with-start on the same Temporal server, measured in one run (alternating rounds, then
// 8 callers). It runs on the test harness's own stack (free ports, a scratch database, its own
// bare worker), so it never disturbs the running system: test/bench/commands.bench.ts.
// BENCH_SKIP_COMMAND_RATIOS=1 leaves it out.
if (process.env.BENCH_SKIP_COMMAND_RATIOS !== '1') {
  const { spawnSync } = await import('node:child_process');
  const ratios = spawnSync('npm', ['run', '--silent', 'bench:commands'], { stdio: 'inherit' });
  if (ratios.status !== 0) failed += 1;
}
if (failed > 0) process.exitCode = 1;
