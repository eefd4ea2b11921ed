/**
 * The real stack for browser tests and the web benchmark, as production runs it: the compiled
 * API and worker (`dist/`, child processes) on a fresh migrated PostgreSQL database and an
 * in-memory Temporal dev server, all on free ports, serving the built web application.
 *
 * Child processes rather than in-process NestJS: Playwright's own TypeScript transform does not
 * emit the decorator metadata NestJS and TypeORM need, and the compiled output is what ships.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client as PgClient } from 'pg';
import type { CountryPolicy } from '../../../libs/domain/src';
import searchAttributes from '../../../libs/contracts/src/search-attributes.json';
import { TEST_MASTER_KEY, TEST_PAYLOAD_KEYS } from '../../support/test-keys';
import { TEST_TOTP_SECRET } from '../../support/second-factor';

export const ROOT = resolve(__dirname, '../../..');
/** Logs of the stack's processes, kept after the run for a failing test's diagnosis. */
export const STACK_LOG_DIR = join(ROOT, '.ci/out/browser-stack');
/** Where browser tests save a screenshot of every screen they check (replaced each run). */
export const SCREENSHOT_DIR = join(ROOT, '.ci/out/screenshots');

/** A test-only password for every seeded account of the browser-test database. */
export const DEMO_PASSWORD = 'browser-only-demo-password';

/**
 * The test organisation in country ZZ, whose policy counts in seconds (see TEST_POLICY): its
 * caseworkers' cases stall, remind and escalate while a test watches.
 */
export const TEST_ORG = 'zz-ngo-1';
/** ARIADNE_REAUTH_MAX_AGE of the replica at reauthBaseUrl. */
export const REAUTH_WINDOW_SECONDS = 3;
export const TEST_ACCOUNTS = {
  caseworker: `${TEST_ORG}-cw-1`,
  caseworker2: `${TEST_ORG}-cw-2`,
  supervisor: `${TEST_ORG}-sup`,
} as const;

/**
 * Durations of the ZZ test policy (ISO 8601, seconds). Kept short enough to watch, long enough
 * that a test can act before a deadline passes. Others: 30 days, as in the defaults.
 */
export const TEST_POLICY_DURATIONS = {
  reflection: 'PT20S',
  identificationDecision: 'PT30S',
  reminderBefore: 'PT10S',
  escalateAfter: 'PT5S',
  stalledAfter: 'PT10S',
  retentionAfterClosure: 'PT5S',
} as const;

export interface BrowserStack {
  readonly baseUrl: string;
  /**
   * A second API replica on the same database and worker whose window for sensitive actions
   * (ARIADNE_REAUTH_MAX_AGE) is REAUTH_WINDOW_SECONDS: journeys of re-authentication (ASVS 7.5.3)
   * use it, so no other journey meets that short window.
   */
  readonly reauthBaseUrl: string;
  readonly databaseUrl: string;
  stop(): Promise<void>;
}

/** What tests read from the environment that global setup exported. */
export function stackFromEnv(): { baseUrl: string } {
  const baseUrl = process.env.ARIADNE_BROWSER_BASE_URL;
  if (!baseUrl) {
    throw new Error('ARIADNE_BROWSER_BASE_URL is not set: run the browser tests with `npm test`');
  }
  return { baseUrl };
}

function mustEnv(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the browser tests with \`npm test\``);
  return v;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolvePort(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((done) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), done(true)));
    s.once('error', () => done(false));
  });
}

async function waitUntil(what: string, ms: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not come up within ${ms / 1000}s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function run(cmd: string, args: string[], env = process.env, cwd = ROOT): void {
  execFileSync(cmd, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
}

/**
 * Builds what the stack serves: the API and worker (`npm run build`) and the web application
 * (`npm run build:web`, or Vite directly while that script does not exist yet).
 * ARIADNE_BROWSER_SKIP_BUILD=1 skips it, for repeated local runs on an unchanged tree.
 */
export function buildAll(): void {
  if (process.env.ARIADNE_BROWSER_SKIP_BUILD === '1') return;
  run('npm', ['run', '--silent', 'build']);
  const scripts = (
    createRequire(__filename)(join(ROOT, 'package.json')) as {
      scripts: Record<string, string>;
    }
  ).scripts;
  if (scripts['build:web']) run('npm', ['run', '--silent', 'build:web']);
  else if (existsSync(join(ROOT, 'apps/web'))) {
    run('npx', ['vite', 'build'], process.env, join(ROOT, 'apps/web'));
  }
  if (!existsSync(join(ROOT, 'apps/web/dist/index.html'))) {
    throw new Error('the web application was not built (apps/web/dist/index.html is missing)');
  }
}

interface Managed {
  readonly name: string;
  readonly child: ChildProcess;
}

const running = new Set<ChildProcess>();
// Last resort when the runner itself dies (Ctrl-C twice, an uncaught error): no orphans.
process.once('exit', () => {
  for (const c of running) c.kill('SIGKILL');
});

function startProcess(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv): Managed {
  mkdirSync(STACK_LOG_DIR, { recursive: true });
  const log = createWriteStream(join(STACK_LOG_DIR, `${name}.log`));
  const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  running.add(child);
  child.once('exit', () => running.delete(child));
  return { name, child };
}

function stopProcess(p: Managed, graceMs = 10_000): Promise<void> {
  return new Promise((done) => {
    if (p.child.exitCode !== null || p.child.signalCode !== null) return done();
    const timer = setTimeout(() => p.child.kill('SIGKILL'), graceMs);
    p.child.once('exit', () => (clearTimeout(timer), done()));
    p.child.kill('SIGTERM');
  });
}

function testPolicy(): CountryPolicy {
  // The compiled domain: the same defaults the API and worker run with.
  const { DEFAULT_POLICIES } = createRequire(__filename)(
    join(ROOT, 'dist/libs/domain/src'),
  ) as typeof import('../../../libs/domain/src');
  const days = 'P30D';
  const d = TEST_POLICY_DURATIONS;
  return {
    ...DEFAULT_POLICIES.SE,
    country: 'ZZ',
    version: 'browser-test',
    testOnly: true,
    reflection: { ...DEFAULT_POLICIES.SE.reflection, period: d.reflection },
    deadlines: {
      identificationDecision: d.identificationDecision,
      rightsInformation: days,
      healthCheckOffered: days,
      riskAssessment: days,
      needsAssessment: days,
    },
    reminderBefore: d.reminderBefore,
    escalateAfter: d.escalateAfter,
    stalledAfter: d.stalledAfter,
    followUpsAfterReturn: [days],
    retentionAfterClosure: d.retentionAfterClosure,
  };
}

/** The demo organisations and accounts, plus the ZZ test organisation, all with DEMO_PASSWORD. */
async function seed(databaseUrl: string): Promise<void> {
  const persistence = createRequire(__filename)(
    join(ROOT, 'dist/libs/persistence/src'),
  ) as typeof import('../../../libs/persistence/src');
  const ds = await persistence.createDataSource(databaseUrl).initialize();
  try {
    const security = createRequire(__filename)(
      join(ROOT, 'dist/libs/security/src'),
    ) as typeof import('../../../libs/security/src');
    const keys = security.securityConfigFromEnv({
      ARIADNE_MASTER_KEY: TEST_MASTER_KEY,
      ARIADNE_PAYLOAD_KEYS: TEST_PAYLOAD_KEYS,
    });
    const totpBox = security.totpSecretBox(keys.masterKeys);
    const seal = (userId: string, secret: string): string => totpBox.seal(userId, secret);
    // Supervisors, admins and auditors sign in with TOTP under the demo secret (signIn fills it).
    await persistence.seedDemo(ds, {
      password: DEMO_PASSWORD,
      totp: { secret: TEST_TOTP_SECRET, seal },
    });
    const repo = new persistence.IdentityRepository(ds.manager);
    await repo.insertOrganisationIfAbsent({
      id: TEST_ORG,
      country: 'ZZ',
      type: 'NGO',
      name: 'Test NGO (ZZ)',
    });
    const passwordHash = await persistence.hashPassword(DEMO_PASSWORD);
    const roles = { caseworker: 'caseworker', caseworker2: 'caseworker', supervisor: 'supervisor' };
    for (const [key, login] of Object.entries(TEST_ACCOUNTS)) {
      const role = roles[key as keyof typeof roles] as 'caseworker' | 'supervisor';
      await repo.insertUserIfAbsent({
        id: login,
        organisationId: TEST_ORG,
        role,
        displayName: `Test ${key}`,
        login,
        passwordHash,
        active: true,
      });
    }
    await ds.query(
      `INSERT INTO totp_factors (user_id, secret_sealed, confirmed_at) VALUES ($1, $2, now())
       ON CONFLICT (user_id) DO NOTHING`,
      [TEST_ACCOUNTS.supervisor, seal(TEST_ACCOUNTS.supervisor, TEST_TOTP_SECRET)],
    );
    // An account's language defaults to her country's (SE → Swedish). The journeys read English
    // names and texts, so every seeded account starts in English; languages.browser.spec.ts
    // switches explicitly (at sign-in, or on the account) and puts English back.
    await ds.query(`UPDATE users SET locale = 'en'`);
  } finally {
    await ds.destroy();
  }
}

async function createDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = mustEnv('DATABASE_URL');
  const name = `ariadne_browser_${randomBytes(4).toString('hex')}`;
  const admin = new PgClient({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new PgClient({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function startTemporal(): Promise<{ address: string; process: Managed }> {
  const cli = mustEnv('TEMPORAL_CLI');
  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  const sa = Object.entries(searchAttributes).flatMap(([k, t]) => [
    '--search-attribute',
    `${k}=${t}`,
  ]);
  const p = startProcess(
    'temporal',
    cli,
    ['server', 'start-dev', '--headless', '--ip', '127.0.0.1', '--port', String(port)]
      .concat(['--namespace', 'default', '--log-level', 'error'])
      .concat(sa),
    process.env,
  );
  try {
    await waitUntil('the Temporal dev server', 60_000, async () => {
      if (p.child.exitCode !== null) throw new Error('the Temporal dev server exited; see its log');
      return canConnect(port);
    });
    // The port opens before the namespace and search attributes are ready: ask the CLI.
    await waitUntil('Temporal search attributes', 60_000, async () => {
      try {
        const out = execFileSync(
          cli,
          ['operator', 'search-attribute', 'list', '--address', address],
          {
            stdio: ['ignore', 'pipe', 'ignore'],
          },
        ).toString();
        return Object.keys(searchAttributes).every((k) => out.includes(k));
      } catch {
        return false;
      }
    });
  } catch (e) {
    await stopProcess(p);
    throw e;
  }
  return { address, process: p };
}

/**
 * Starts everything; on any failure stops what it had started before rethrowing. `stop()` stops
 * the processes and drops the database, whatever state they are in.
 */
export async function startBrowserStack(): Promise<BrowserStack> {
  const cleanups: Array<() => Promise<void>> = [];
  const stop = async (): Promise<void> => {
    for (const c of cleanups.splice(0).reverse()) {
      await c().catch((e: unknown) => {
        process.stderr.write(`browser stack cleanup: ${e instanceof Error ? e.message : e}\n`);
      });
    }
  };
  try {
    const [db, temporal] = await Promise.all([createDatabase(), startTemporal()]);
    cleanups.push(db.drop);
    cleanups.push(() => stopProcess(temporal.process));
    const policyDir = mkdtempSync(join(tmpdir(), 'ariadne-browser-'));
    cleanups.push(async () => rmSync(policyDir, { recursive: true, force: true }));
    const policyFile = join(policyDir, 'policies.json');
    writeFileSync(policyFile, JSON.stringify([testPolicy()]));

    const apiPort = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_TASK_QUEUE: `browser-${randomBytes(4).toString('hex')}`,
      API_HOST: '127.0.0.1',
      API_PORT: String(apiPort),
      METRICS_LISTEN: '127.0.0.1:0',
      WORKER_METRICS_LISTEN: 'off',
      LOG_LEVEL: 'warn',
      ARIADNE_AUTH_SECRET: randomBytes(48).toString('base64'),
      ARIADNE_PAYLOAD_KEYS: TEST_PAYLOAD_KEYS,
      ARIADNE_MASTER_KEY: TEST_MASTER_KEY,
      // Every test signs in at least once; the login limit has its own end-to-end test.
      ARIADNE_LOGIN_RATE_LIMIT: '1000',
      ARIADNE_POLICY_FILE: policyFile,
      ARIADNE_ALLOW_TEST_POLICIES: 'true',
      // Links in messages (invitations, resets) point at this stack's web application.
      ARIADNE_PUBLIC_URL: `http://127.0.0.1:${apiPort}`,
    };
    run('node', ['dist/libs/persistence/src/migrate.js'], env);
    await seed(db.url);

    const worker = startProcess('worker', 'node', ['dist/apps/worker/src/main.js'], env);
    cleanups.push(() => stopProcess(worker));
    const api = startProcess('api', 'node', ['dist/apps/api/src/main.js'], env);
    cleanups.push(() => stopProcess(api));
    const reauthPort = await freePort();
    const reauthApi = startProcess('api-reauth', 'node', ['dist/apps/api/src/main.js'], {
      ...env,
      API_PORT: String(reauthPort),
      ARIADNE_REAUTH_MAX_AGE: String(REAUTH_WINDOW_SECONDS),
      ARIADNE_PUBLIC_URL: `http://127.0.0.1:${reauthPort}`,
    });
    cleanups.push(() => stopProcess(reauthApi));
    const reauthBaseUrl = `http://127.0.0.1:${reauthPort}`;
    const baseUrl = `http://127.0.0.1:${apiPort}`;
    // Two API processes and the worker start together on a machine that may be busy.
    await waitUntil('the API', 120_000, async () => {
      for (const p of [api, worker, reauthApi]) {
        if (p.child.exitCode !== null) {
          throw new Error(`the ${p.name} exited at start-up; see ${STACK_LOG_DIR}/${p.name}.log`);
        }
      }
      const healthy = (url: string): Promise<boolean> =>
        fetch(`${url}/health`).then(
          (r) => r.ok,
          () => false,
        );
      return (await healthy(baseUrl)) && (await healthy(reauthBaseUrl));
    });
    const index = await fetch(`${baseUrl}/`);
    if (!index.ok || !(index.headers.get('content-type') ?? '').includes('text/html')) {
      throw new Error(`the API does not serve the web application at / (status ${index.status})`);
    }
    return { baseUrl, reauthBaseUrl, databaseUrl: db.url, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
