/**
 * The real stack in-process for tests: a Temporal worker on the shared dev server (its own task
 * queue per test file) and, for end-to-end tests, the HTTP API listening on a free port.
 */
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client, Connection } from '@temporalio/client';
import {
  bundleWorkflowCode,
  DefaultLogger,
  NativeConnection,
  Runtime,
  Worker,
  type WorkerOptions,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { BlindIndexRepository, createDataSource, EventStore, seedDemo } from '@ariadne/persistence';
import {
  BlindIndexer,
  type CaseKeyStore,
  FAILURE_CONVERTER_PATH,
  localCaseKeyStore,
  redactingTemporalLogger,
  securityConfigFromEnv,
  temporalDataConverter,
  totpSecretBox,
} from '@ariadne/security';
import type { DataSource } from 'typeorm';
import { caseActivities } from '../../apps/worker/src/case.activities';
import { bundlerOptions, WORKFLOWS_PATH } from '../../apps/worker/src/workflow-bundle';
import { completeSecondFactor, freshTotpCode, TEST_TOTP_SECRET } from './second-factor';

// The SDK's own logs would drown the test output; warnings and errors still show.
// As in the worker: failures are logged without their messages. A test that inspects logs
// (the privacy test) points ARIADNE_TEST_LOG_FILE at a file, read at each entry.
Runtime.install({
  logger: redactingTemporalLogger(
    new DefaultLogger('WARN', (entry) => {
      const line = `${entry.level} ${entry.message} ${JSON.stringify(entry.meta ?? {})}\n`;
      const file = process.env.ARIADNE_TEST_LOG_FILE;
      if (file) appendFileSync(file, line);
      else process.stderr.write(line);
    }),
  ),
});

export function uniqueTaskQueue(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** Bundles the workflow code once per test file. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    webpackConfigHook: bundlerOptions,
    failureConverterPath: FAILURE_CONVERTER_PATH,
    logger: quietLogger,
  });
  return bundle;
}

const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (m: string) => process.stderr.write(m + '\n'),
};

export interface WorkerHarness {
  readonly client: Client;
  readonly store: EventStore;
  readonly keys: CaseKeyStore;
  readonly dataSource: DataSource;
  readonly taskQueue: string;
  readonly worker: Worker;
  /** Stops the worker (graceful), then closes its connections. */
  close(): Promise<void>;
  /** Starts another worker on the same queue, as after a crash or a deploy. */
  restartWorker(): Promise<void>;
  /**
   * Starts one more worker on the same queue with the same activities, beside the harness's own
   * (e.g. another build: `workflowBundle`, `workerDeploymentOptions`); resolves to its stop.
   */
  spawnWorker(extra: Partial<WorkerOptions>): Promise<{ worker: Worker; stop(): Promise<void> }>;
}

export async function startWorkerHarness(
  taskQueue = uniqueTaskQueue('int'),
  address = mustEnv('TEMPORAL_ADDRESS'),
): Promise<WorkerHarness> {
  const dataSource = await createDataSource(mustEnv('DATABASE_URL')).initialize();
  const store = new EventStore(dataSource);
  const security = securityConfigFromEnv();
  const keys = localCaseKeyStore(dataSource, security.masterKeys);
  const dataConverter = temporalDataConverter(security.payloadKeys);
  const nativeConnection = await NativeConnection.connect({ address });
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, dataConverter });
  const workflowBundleCode = await workflowBundle();
  const make = (extra: Partial<WorkerOptions> = {}): Promise<Worker> =>
    Worker.create({
      connection: nativeConnection,
      taskQueue,
      workflowBundle: workflowBundleCode,
      dataConverter,
      activities: caseActivities(store, keys, {
        indexer: new BlindIndexer(security.masterKeys),
        repository: new BlindIndexRepository(dataSource),
      }),
      ...extra,
    });
  const spawned = new Set<() => Promise<void>>();
  let worker = await make();
  let running = worker.run();
  const stopWorker = async (): Promise<void> => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running;
  };
  const harness: WorkerHarness = {
    client,
    store,
    keys,
    dataSource,
    taskQueue,
    get worker() {
      return worker;
    },
    async restartWorker() {
      await stopWorker();
      worker = await make();
      running = worker.run();
    },
    async spawnWorker(extra) {
      const other = await make(extra);
      const run = other.run();
      const stop = async (): Promise<void> => {
        spawned.delete(stop);
        if (other.getState() === 'RUNNING') other.shutdown();
        await run;
      };
      spawned.add(stop);
      return { worker: other, stop };
    },
    async close() {
      await Promise.all([...spawned].map((stop) => stop()));
      await stopWorker();
      await connection.close();
      await nativeConnection.close();
      await dataSource.destroy();
    },
  };
  return harness;
}

export function mustEnv(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the tests with \`npm test\``);
  return v;
}

/** A test-only password for the seeded demo accounts of the test database. */
export const DEMO_PASSWORD = 'e2e-only-demo-password';

export interface HttpResult {
  readonly status: number;
  readonly headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test code reads JSON freely
  readonly body: any;
}

/** Calls the API as one logged-in user (or anonymously with `login` undefined). */
export type Caller = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<HttpResult>;

export interface ApiStack {
  readonly baseUrl: string;
  readonly taskQueue: string;
  readonly api: INestApplication;
  readonly worker: INestApplicationContext;
  /** A caller with the bearer token of a seeded demo account (e.g. 'se-ngo-1-cw-1'). */
  as(login: string): Promise<Caller>;
  readonly anonymous: Caller;
  close(): Promise<void>;
}

export function caller(baseUrl: string, token?: string): Caller {
  return async (method, path, body, headers = {}) => {
    const res = await fetch(baseUrl + path, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  };
}

/** The API's answer to a sensitive action whose caller signed in too long ago (ASVS 7.5.3). */
export function isReauthenticationRequired(res: HttpResult): boolean {
  return (
    res.status === 401 &&
    typeof res.body?.type === 'string' &&
    res.body.type.endsWith('/reauthentication-required') &&
    res.body.reauthenticate === true
  );
}

/**
 * The demo account's caller as a person at the keyboard is: when a sensitive action answers
 * reauthentication-required (her cached token is older than ARIADNE_REAUTH_MAX_AGE), she
 * confirms her password (and second factor) at POST /auth/reauthenticate and the request is sent
 * once more with the new token. The rule itself stays: the action never goes ahead on the old
 * token (tested in reauthentication.e2e.spec.ts with a caller that does not do this).
 */
function reauthenticating(baseUrl: string, login: string, tokens: Map<string, string>): Caller {
  return async (method, path, body, headers) => {
    const res = await caller(baseUrl, tokens.get(login))(method, path, body, headers);
    if (!isReauthenticationRequired(res)) return res;
    const reauthenticate = (proof: Record<string, string>): Promise<HttpResult> =>
      caller(baseUrl, tokens.get(login))('POST', '/api/v1/auth/reauthenticate', {
        password: DEMO_PASSWORD,
        ...proof,
      });
    let again = await reauthenticate({});
    // Her second factor too when she has one: a code of the demo secret no sign-in used yet.
    if (again.status === 401 && String(again.body?.type).endsWith('/second-factor-required')) {
      again = await reauthenticate({
        totp: await freshTotpCode(mustEnv('DATABASE_URL'), login),
      });
    }
    if (again.status !== 200) {
      throw new Error(`reauthentication of ${login} failed: ${again.status} ${again.body?.type}`);
    }
    tokens.set(login, String(again.body.accessToken));
    return caller(baseUrl, tokens.get(login))(method, path, body, headers);
  };
}

/** The API and the worker applications as they run in production, on the test services. */
export async function startApiStack(env: Record<string, string> = {}): Promise<ApiStack> {
  const taskQueue = uniqueTaskQueue('e2e');
  Object.assign(
    process.env,
    {
      TEMPORAL_TASK_QUEUE: taskQueue,
      LOG_LEVEL: 'silent',
      API_PORT: '0',
      // Metrics on a free loopback port of their own (the stack runs many APIs side by side).
      METRICS_LISTEN: '127.0.0.1:0',
      ARIADNE_AUTH_SECRET: randomBytes(48).toString('base64'),
      // Each file logs in many times; the login limit has its own test.
      ARIADNE_LOGIN_RATE_LIMIT: '1000',
    },
    env,
  );
  const ds = await createDataSource(mustEnv('DATABASE_URL')).initialize();
  // Supervisors, admins and auditors sign in with TOTP under the demo secret (as()).
  const totpBox = totpSecretBox(securityConfigFromEnv().masterKeys);
  await seedDemo(ds, {
    password: DEMO_PASSWORD,
    totp: { secret: TEST_TOTP_SECRET, seal: (userId, secret) => totpBox.seal(userId, secret) },
  });
  await ds.destroy();
  // Imported late so that the modules read the environment set above.
  const { WorkerModule } = await import('../../apps/worker/src/worker.module');
  const { createApi } = await import('../../apps/api/src/bootstrap');
  const worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
  const api = await createApi();
  await api.listen(0, '127.0.0.1');
  const addr = api.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${addr.port}`;
  const anonymous = caller(baseUrl);
  const tokens = new Map<string, string>();
  return {
    baseUrl,
    taskQueue,
    api,
    worker,
    anonymous,
    async as(login) {
      let token = tokens.get(login);
      if (!token) {
        const res = await anonymous('POST', '/api/v1/auth/login', {
          login,
          password: DEMO_PASSWORD,
        });
        if (res.status !== 200) throw new Error(`login ${login} failed: ${res.status}`);
        let body = res.body as Record<string, unknown>;
        if (body.secondFactorRequired) {
          const second = await completeSecondFactor(
            baseUrl,
            mustEnv('DATABASE_URL'),
            login,
            String(body.challengeToken),
          );
          if (second.status !== 200) {
            throw new Error(`second factor of ${login} failed: ${second.status}`);
          }
          body = second.body;
        }
        token = String(body.accessToken);
        tokens.set(login, token);
      }
      return reauthenticating(baseUrl, login, tokens);
    },
    async close() {
      await api.close();
      await worker.close();
    },
  };
}
