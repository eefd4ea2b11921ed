/**
 * Real services for integration and end-to-end tests: a Temporal dev server (in memory, on a free
 * port, with our search attributes) and a fresh PostgreSQL database with migrations applied.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { Client as PgClient } from 'pg';
import searchAttributes from '../../libs/contracts/src/search-attributes.json';
import { migrate } from '../../libs/persistence/src/migrations';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

function searchAttributeArgs(): string[] {
  return Object.entries(searchAttributes).flatMap(([k, t]) => ['--search-attribute', `${k}=${t}`]);
}

export interface TemporalDevServer {
  readonly address: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `temporal server start-dev`; `dbFile` makes it persistent (for restart tests). */
export async function startTemporal(
  options: { dbFile?: string; port?: number } = {},
): Promise<TemporalDevServer> {
  const cli = process.env.TEMPORAL_CLI;
  if (!cli) throw new Error('TEMPORAL_CLI is not set: run the tests with `npm test`');
  const port = options.port ?? (await freePort());
  const args = [
    'server',
    'start-dev',
    '--headless',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--namespace',
    'default',
    '--log-level',
    'error',
    ...(options.dbFile ? ['--db-filename', options.dbFile] : []),
    ...searchAttributeArgs(),
  ];
  const child = spawn(cli, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const address = `127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`temporal dev server exited: ${stderr}`);
    if (await canConnect(port)) break;
    if (Date.now() > deadline) throw new Error(`temporal dev server did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  // The gRPC port opens before the namespace and search attributes are ready; ask the CLI.
  await waitFor(async () => {
    const ok = await runQuiet(cli, ['operator', 'search-attribute', 'list', '--address', address]);
    return ok.code === 0 && Object.keys(searchAttributes).every((k) => ok.out.includes(k));
  }, 60_000);
  return {
    address,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

function runQuiet(cmd: string, args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('exit', (code) => resolve({ code: code ?? 1, out }));
  });
}

async function waitFor(check: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Creates a fresh database next to DATABASE_URL's, migrated; returns its URL and a drop(). */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error('DATABASE_URL is not set: run the tests with `npm test`');
  const name = `ariadne_test_${randomBytes(4).toString('hex')}`;
  const admin = new PgClient({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  return {
    url: url.toString(),
    drop: async () => {
      // FORCE terminates this role's sessions, but not another role's backend that may be on the
      // database for a moment (an autovacuum worker: 42501); that one ends by itself, so try
      // again shortly. The client always ends: left open, it would be cut off (unhandled) when
      // the harness drops its own database.
      for (let attempt = 1; ; attempt++) {
        const c = new PgClient({ connectionString: base });
        await c.connect();
        try {
          await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          return;
        } catch (e) {
          if ((e as { code?: string }).code !== '42501' || attempt >= 20) throw e;
        } finally {
          await c.end();
        }
        await new Promise((r) => setTimeout(r, 500));
      }
    },
  };
}

export interface Mailpit {
  /** smtp://127.0.0.1:<port> for ARIADNE_SMTP_URL. */
  readonly smtpUrl: string;
  /** http://127.0.0.1:<port>: the web UI, and its REST API under /api/v1. */
  readonly apiUrl: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts a Mailpit of its own (in memory, free ports, loopback) that drops messages whose
 * Message-ID it has seen already, as the exactly-once tests need.
 */
export async function startMailpit(): Promise<Mailpit> {
  const bin = process.env.MAILPIT_BIN;
  if (!bin) throw new Error('MAILPIT_BIN is not set: run the tests with `npm test`');
  const smtpPort = await freePort();
  const httpPort = await freePort();
  const child = spawn(
    bin,
    [
      '--smtp',
      `127.0.0.1:${smtpPort}`,
      '--listen',
      `127.0.0.1:${httpPort}`,
      '--ignore-duplicate-ids',
      '--max',
      '5000',
      '--disable-version-check',
      '--quiet',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  // Mailpit logs its errors to standard output.
  child.stdout?.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const apiUrl = `http://127.0.0.1:${httpPort}`;
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`mailpit exited: ${stderr}`);
    const ok = await fetch(`${apiUrl}/api/v1/info`).then(
      (r) => r.ok,
      () => false,
    );
    return ok && (await canConnect(smtpPort));
  }, 30_000);
  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    apiUrl,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
