/**
 * The chaos harness's own stack (issue 11, "Faults"): a PostgreSQL cluster of its own (initdb in
 * a temporary directory, a free port, loopback only; never the machine's PostgreSQL), a
 * persistent Temporal dev server (or a Temporal that is already running), two workers and two
 * API processes run from the TypeScript sources (scripts/ts-register.cjs), the demo
 * organisations and users seeded as the end-to-end stack seeds them. Every process is one this
 * harness started: the faults kill and restart only those, by their own pid.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import searchAttributes from '../../libs/contracts/src/search-attributes.json';
import { freePort } from '../support/services';
import { TEST_AUDIT_KEYS, TEST_MASTER_KEY, TEST_PAYLOAD_KEYS } from '../support/test-keys';

const ROOT = join(__dirname, '../..');

/** The password of the seeded demo accounts in the chaos database (loopback, throwaway). */
export const CHAOS_PASSWORD = 'chaos-only-demo-password';

export interface StackOptions {
  /** A Temporal that is already running (e.g. `npm run up -- --cluster`); else a dev server. */
  readonly temporalAddress?: string;
  /**
   * The run directory of `npm run up -- --cluster` (.data/run): its Temporal services' pids, so
   * that `restartTemporal` kills -9 one service at a time and its supervisor starts it again.
   */
  readonly clusterRunDir?: string;
  /** Where the processes' logs go (kept on failure); a temporary directory otherwise. */
  readonly log?: (line: string) => void;
}

export type Role = 'api' | 'worker';

interface Managed {
  readonly name: string;
  readonly role: Role;
  readonly port?: number;
  child?: ChildProcess;
  restarts: number;
  /** Where this run of the process starts in its log file. */
  logOffset?: number;
}

/** The Temporal cluster's services as `npm run up -- --cluster` names them (scripts/ariadne.sh). */
export const CLUSTER_SERVICES = ['history', 'matching', 'frontend', 'worker'] as const;

function supervisedPid(runDir: string, service: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(runDir, `temporal-${service}.child`), 'utf8').trim());
    return Number.isInteger(pid) && pid > 1 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The cluster's Temporal restarted one service at a time: kill -9 of the service's process (the
 * pid its supervisor wrote), then wait until the supervisor has started it again and every API
 * is ready, before the next service.
 */
async function killClusterServices(
  runDir: string,
  log: (line: string) => void,
  waitReady: (ms?: number) => Promise<void>,
): Promise<void> {
  for (const service of CLUSTER_SERVICES) {
    const pid = supervisedPid(runDir, service);
    if (pid === undefined || !alive(pid)) {
      throw new Error(
        `temporal-${service} is not running (${runDir}); start npm run up -- --cluster`,
      );
    }
    log(`  kill -9 temporal-${service} (pid ${pid})`);
    process.kill(pid, 'SIGKILL');
    await waitUntil(`temporal-${service} started again`, 60_000, async () => {
      const next = supervisedPid(runDir, service);
      return next !== undefined && next !== pid && alive(next);
    });
    await waitReady();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** The newest PostgreSQL server binaries of the machine (Debian's layout). */
export function postgresBin(): string {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) throw new Error('PostgreSQL server binaries not found under ' + base);
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(a) - Number(b));
  const v = versions.at(-1);
  if (!v) throw new Error('No initdb under ' + base);
  return join(base, v, 'bin');
}

/** The Temporal CLI: $TEMPORAL_CLI, then .tools/bin (scripts/lib.sh builds it), then PATH. */
export function temporalCli(): string {
  if (process.env.TEMPORAL_CLI) return process.env.TEMPORAL_CLI;
  const local = join(ROOT, '.tools/bin/temporal');
  if (existsSync(local)) return local;
  return 'temporal';
}

async function canConnect(port: number): Promise<boolean> {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

/** A process the harness waits for has exited: stop waiting at once. */
class Exited extends Error {}

async function waitUntil(what: string, ms: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check().catch((e: unknown) => (e instanceof Exited ? Promise.reject(e) : false)))
      return;
    if (Date.now() > deadline) throw new Error(`${what} did not come up within ${ms / 1000}s`);
    await sleep(250);
  }
}

/** PostgreSQL of the harness's own: initdb in `dir`, trust on loopback only, a free port. */
class OwnPostgres {
  readonly data: string;
  private readonly bin = postgresBin();
  private readonly asRoot = process.getuid?.() === 0;
  constructor(
    dir: string,
    readonly port: number,
  ) {
    this.data = join(dir, 'pg');
  }

  /** Runs a PostgreSQL binary as the postgres user when we are root (initdb refuses root). */
  private run(cmd: string, args: string[]): void {
    const file = join(this.bin, cmd);
    if (this.asRoot)
      execFileSync('runuser', ['-u', 'postgres', '--', file, ...args], { stdio: 'pipe' });
    else execFileSync(file, args, { stdio: 'pipe' });
  }

  async init(): Promise<void> {
    this.run('initdb', [
      '-D',
      this.data,
      '-A',
      'trust',
      '-U',
      'postgres',
      '-E',
      'UTF8',
      '--no-sync',
    ]);
    await this.start();
  }

  private ctl(action: string, extra: string[] = []): void {
    this.run('pg_ctl', [
      '-D',
      this.data,
      '-l',
      join(this.data, 'server.log'),
      '-w',
      '-t',
      '60',
      ...extra,
      '-o',
      // Loopback only; the socket in its own directory; fsync off (a fast restart checkpoints).
      `-p ${this.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${this.data} -c fsync=off -c max_connections=200`,
      action,
    ]);
  }

  async start(): Promise<void> {
    this.ctl('start');
    await waitUntil('PostgreSQL', 30_000, () => canConnect(this.port));
  }

  /** pg_ctl restart -m fast: every connection is cut, the server comes back on the same port. */
  restart(): void {
    this.ctl('restart', ['-m', 'fast']);
  }

  stop(): void {
    try {
      this.run('pg_ctl', ['-D', this.data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // already stopped
    }
  }

  url(db: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${db}`;
  }
}

/** The Temporal dev server, persistent in `dbFile`, so that a restart keeps every workflow. */
class OwnTemporal {
  child?: ChildProcess;
  constructor(
    private readonly dbFile: string,
    readonly port: number,
    private readonly logFile: string,
  ) {}

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const cli = temporalCli();
    const args = [
      'server',
      'start-dev',
      '--headless',
      '--ip',
      '127.0.0.1',
      '--port',
      String(this.port),
      '--namespace',
      'default',
      '--log-level',
      'error',
      '--db-filename',
      this.dbFile,
      ...Object.entries(searchAttributes).flatMap(([k, t]) => ['--search-attribute', `${k}=${t}`]),
    ];
    const out = openSync(this.logFile, 'a');
    this.child = spawn(cli, args, { stdio: ['ignore', out, out] });
    await waitUntil('Temporal', 60_000, async () => {
      if (this.child?.exitCode !== null) throw new Exited('the Temporal dev server exited');
      if (!(await canConnect(this.port))) return false;
      const ok = await new Promise<boolean>((resolve) => {
        const p = spawn(cli, ['operator', 'search-attribute', 'list', '--address', this.address], {
          stdio: ['ignore', 'pipe', 'ignore'],
        });
        let text = '';
        p.stdout.on('data', (d: Buffer) => (text += d.toString()));
        p.on('exit', (code) =>
          resolve(code === 0 && Object.keys(searchAttributes).every((k) => text.includes(k))),
        );
      });
      return ok;
    });
  }

  /** Stops the server (SIGTERM, as a restart does) and starts it again on its database file. */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  stop(): Promise<void> {
    const child = this.child;
    return new Promise<void>((resolve) => {
      if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
      const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.once('exit', () => (clearTimeout(t), resolve()));
      child.kill('SIGTERM');
    });
  }
}

export interface ChaosStack {
  readonly dir: string;
  readonly databaseUrl: string;
  readonly temporalAddress: string;
  /** Whether this harness runs the Temporal server (and so can restart it). */
  readonly ownsTemporal: boolean;
  readonly apiUrls: readonly string[];
  readonly taskQueue: string;
  /** SIGKILL the process (kill -9), then start it again; resolves once it serves again. */
  killAndRestart(role: Role, index: number): Promise<void>;
  restartPostgres(): Promise<void>;
  restartTemporal(): Promise<void>;
  /** Resolves once every API answers /health/ready with 200 (database, Temporal, a worker). */
  waitReady(ms?: number): Promise<void>;
  readonly restarts: Record<string, number>;
  /** The run's progress log. */
  log(line: string): void;
  pg(): Promise<PgClient>;
  close(keepDir?: boolean): Promise<void>;
}

export async function startChaosStack(options: StackOptions = {}): Promise<ChaosStack> {
  const log = options.log ?? (() => undefined);
  const dir = mkdtempSync(join(tmpdir(), 'ariadne-chaos-'));
  chmodSync(dir, 0o755);
  const pgDirOwner = process.getuid?.() === 0;
  const pgPort = await freePort();
  const postgres = new OwnPostgres(dir, pgPort);
  if (pgDirOwner) {
    // initdb runs as postgres (it refuses root): the cluster's directory belongs to postgres.
    mkdirSync(postgres.data, { mode: 0o700 });
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(postgres.data, uid, gid);
  }
  let temporal: OwnTemporal | undefined;
  const managed: Managed[] = [];
  const closeAll = async (keepDir = false): Promise<void> => {
    await Promise.all(managed.map((m) => stopChild(m.child)));
    await temporal?.stop();
    postgres.stop();
    if (!keepDir) rmSync(dir, { recursive: true, force: true });
  };
  try {
    log(`chaos stack in ${dir}: PostgreSQL on 127.0.0.1:${pgPort}`);
    await postgres.init();
    const admin = new PgClient({ connectionString: postgres.url('postgres') });
    await admin.connect();
    await admin.query('CREATE DATABASE ariadne');
    await admin.end();
    const databaseUrl = postgres.url('ariadne');
    const { migrate } = await import('../../libs/persistence/src/migrations');
    await migrate(databaseUrl);
    await seed(databaseUrl);

    let temporalAddress = options.temporalAddress;
    if (!temporalAddress) {
      temporal = new OwnTemporal(
        join(dir, 'temporal.db'),
        await freePort(),
        join(dir, 'temporal.log'),
      );
      await temporal.start();
      temporalAddress = temporal.address;
    }
    log(`Temporal at ${temporalAddress}${temporal ? ' (dev server of its own, persistent)' : ''}`);
    const taskQueue = `chaos-${randomBytes(4).toString('hex')}`;
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_TASK_QUEUE: taskQueue,
      LOG_LEVEL: 'warn',
      METRICS_LISTEN: 'off',
      WORKER_METRICS_LISTEN: 'off',
      ARIADNE_PAYLOAD_KEYS: TEST_PAYLOAD_KEYS,
      ARIADNE_MASTER_KEY: TEST_MASTER_KEY,
      ARIADNE_AUDIT_KEYS: TEST_AUDIT_KEYS,
      ARIADNE_AUTH_SECRET: randomBytes(48).toString('base64'),
      ARIADNE_TOKEN_TTL: '3600',
      ARIADNE_LOGIN_RATE_LIMIT: '1000',
      ARIADNE_MAIL_POLL_MS: '5000',
    };
    const apiPorts = [await freePort(), await freePort()];
    managed.push(
      { name: 'worker-1', role: 'worker', restarts: 0 },
      { name: 'worker-2', role: 'worker', restarts: 0 },
      { name: 'api-1', role: 'api', port: apiPorts[0], restarts: 0 },
      { name: 'api-2', role: 'api', port: apiPorts[1], restarts: 0 },
    );
    const apiUrls = apiPorts.map((p) => `http://127.0.0.1:${p}`);
    const launch = (m: Managed): void => {
      const entry = m.role === 'api' ? 'apps/api/src/main.ts' : 'apps/worker/src/main.ts';
      const file = join(dir, `${m.name}.log`);
      m.logOffset = existsSync(file) ? statSync(file).size : 0;
      const out = openSync(file, 'a');
      m.child = spawn(
        process.execPath,
        ['-r', join(ROOT, 'scripts/ts-register.cjs'), join(ROOT, entry)],
        {
          cwd: ROOT,
          env: {
            ...env,
            ...(m.port !== undefined && { API_PORT: String(m.port) }),
            // The worker says at info when it polls (waitForWorkerStart); the APIs stay quiet.
            ...(m.role === 'worker' && { LOG_LEVEL: 'info' }),
          },
          stdio: ['ignore', out, out],
        },
      );
    };
    const serving = (m: Managed, ms = 120_000): Promise<void> =>
      waitUntil(m.name, ms, async () => {
        if (m.child?.exitCode !== null)
          throw new Exited(`${m.name} exited; see ${dir}/${m.name}.log`);
        const r = await fetch(`http://127.0.0.1:${m.port}/health/live`);
        return r.ok;
      });
    for (const m of managed) launch(m);
    await Promise.all(managed.filter((m) => m.role === 'api').map((m) => serving(m)));
    const stack: ChaosStack = {
      dir,
      databaseUrl,
      temporalAddress,
      ownsTemporal: temporal !== undefined,
      apiUrls,
      taskQueue,
      restarts: {},
      log,
      async killAndRestart(role, index) {
        const m = managed.filter((x) => x.role === role)[index];
        if (!m?.child) throw new Error(`no ${role} ${index}`);
        const child = m.child;
        const gone = new Promise<void>((r) =>
          child.exitCode !== null || child.signalCode !== null
            ? r()
            : child.once('exit', () => r()),
        );
        // kill -9 of the process we started, by its pid.
        process.kill(child.pid as number, 'SIGKILL');
        await gone;
        m.restarts += 1;
        stack.restarts[m.name] = m.restarts;
        // As a supervisor would: a process that dies during its start-up is started again.
        for (let attempt = 1; ; attempt++) {
          launch(m);
          try {
            if (role === 'api') await serving(m);
            else await waitForWorkerStart(m, dir);
            break;
          } catch (e) {
            if (!(e instanceof Exited) || attempt >= 3) throw e;
            log(`${m.name} exited during its start-up; starting it again`);
            await sleep(2000);
          }
        }
      },
      async restartPostgres() {
        postgres.restart();
      },
      async restartTemporal() {
        if (options.clusterRunDir) {
          await killClusterServices(options.clusterRunDir, log, (ms) => this.waitReady(ms));
          return;
        }
        if (!temporal) throw new Error('the Temporal server is not this harness’s to restart');
        await temporal.restart();
      },
      async waitReady(ms = 180_000) {
        await waitUntil('readiness of every API', ms, async () => {
          for (const m of managed) {
            if (m.child?.exitCode !== null)
              throw new Exited(`${m.name} exited; see ${dir}/${m.name}.log`);
          }
          const all = await Promise.all(
            apiUrls.map((u) =>
              fetch(`${u}/health/ready`).then(
                (r) => r.status === 200,
                () => false,
              ),
            ),
          );
          return all.every(Boolean);
        });
      },
      async pg() {
        const c = new PgClient({ connectionString: databaseUrl });
        // A restart ends the connection; the next phase connects anew.
        c.on('error', () => undefined);
        await c.connect();
        return c;
      },
      close: closeAll,
    };
    await Promise.all(
      managed.filter((m) => m.role === 'worker').map((m) => waitForWorkerStart(m, dir)),
    );
    await stack.waitReady();
    return stack;
  } catch (e) {
    await closeAll(true);
    throw new Error(
      `chaos stack failed to start (logs kept in ${dir}): ${e instanceof Error ? e.message : String(e)}`,
      { cause: e },
    );
  }
}

/** A worker has started once it logs that it polls the task queue (its log at info). */
async function waitForWorkerStart(m: Managed, dir: string): Promise<void> {
  const file = join(dir, `${m.name}.log`);
  await waitUntil(m.name, 180_000, async () => {
    if (m.child?.exitCode !== null) throw new Exited(`${m.name} exited; see ${file}`);
    const text = readFileSync(file, 'utf8').slice(m.logOffset);
    return text.includes('Worker polling task queue');
  });
}

function stopChild(child: ChildProcess | undefined): Promise<void> {
  return new Promise<void>((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => (clearTimeout(t), resolve()));
    child.kill('SIGTERM');
  });
}

async function seed(databaseUrl: string): Promise<void> {
  const { createDataSource, seedDemo } = await import('../../libs/persistence/src');
  const ds = await createDataSource(databaseUrl).initialize();
  try {
    await seedDemo(ds, { password: CHAOS_PASSWORD });
  } finally {
    await ds.destroy();
  }
}
