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
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import { createDataSource, EventStore } from '@ariadne/persistence';
import type { DataSource } from 'typeorm';
import { caseActivities } from '../../apps/worker/src/case.activities';
import { bundlerOptions, WORKFLOWS_PATH } from '../../apps/worker/src/workflow-bundle';

// The SDK's own logs would drown the test output; warnings and errors still show.
Runtime.install({ logger: new DefaultLogger('WARN') });

export function uniqueTaskQueue(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** Bundles the workflow code once per test file. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    webpackConfigHook: bundlerOptions,
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
  readonly dataSource: DataSource;
  readonly taskQueue: string;
  readonly worker: Worker;
  /** Stops the worker (graceful), then closes its connections. */
  close(): Promise<void>;
  /** Starts another worker on the same queue, as after a crash or a deploy. */
  restartWorker(): Promise<void>;
}

export async function startWorkerHarness(
  taskQueue = uniqueTaskQueue('int'),
  address = mustEnv('TEMPORAL_ADDRESS'),
): Promise<WorkerHarness> {
  const dataSource = await createDataSource(mustEnv('DATABASE_URL')).initialize();
  const store = new EventStore(dataSource);
  const nativeConnection = await NativeConnection.connect({ address });
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  const workflowBundleCode = await workflowBundle();
  const make = (): Promise<Worker> =>
    Worker.create({
      connection: nativeConnection,
      taskQueue,
      workflowBundle: workflowBundleCode,
      activities: caseActivities(store),
    });
  let worker = await make();
  let running = worker.run();
  const stopWorker = async (): Promise<void> => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running;
  };
  const harness: WorkerHarness = {
    client,
    store,
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
    async close() {
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

export interface ApiStack {
  readonly baseUrl: string;
  readonly taskQueue: string;
  readonly api: INestApplication;
  readonly worker: INestApplicationContext;
  close(): Promise<void>;
}

/** The API and the worker applications as they run in production, on the test services. */
export async function startApiStack(env: Record<string, string> = {}): Promise<ApiStack> {
  const taskQueue = uniqueTaskQueue('e2e');
  Object.assign(
    process.env,
    { TEMPORAL_TASK_QUEUE: taskQueue, LOG_LEVEL: 'silent', API_PORT: '0' },
    env,
  );
  // Imported late so that the modules read the environment set above.
  const { WorkerModule } = await import('../../apps/worker/src/worker.module');
  const { createApi } = await import('../../apps/api/src/bootstrap');
  const worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
  const api = await createApi();
  await api.listen(0, '127.0.0.1');
  const addr = api.getHttpServer().address() as { port: number };
  return {
    baseUrl: `http://127.0.0.1:${addr.port}`,
    taskQueue,
    api,
    worker,
    async close() {
      await api.close();
      await worker.close();
    },
  };
}
