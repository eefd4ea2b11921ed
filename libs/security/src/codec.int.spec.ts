import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import {
  bundleWorkflowCode,
  DefaultLogger,
  NativeConnection,
  Runtime,
  Worker,
} from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { inspect } from 'node:util';
import type { FixtureActivities } from '../test/encryption-fixture.workflows';
import { ENCRYPTED_ENCODING, FAILURE_CONVERTER_PATH, temporalDataConverter } from './codec';
import { parseKeyring } from './keyring';
import { redactingTemporalLogger } from './temporal-logger';

jest.setTimeout(120_000);

// The redacting logger is what keeps the worker's own failure logs free of personal data.
const logged: string[] = [];
try {
  Runtime.install({
    logger: redactingTemporalLogger(
      new DefaultLogger('WARN', (entry) => {
        // inspect, as DefaultLogger prints: it shows an Error's message, which JSON would not.
        logged.push(inspect(entry, { depth: 10 }));
      }),
    ),
  });
} catch {
  // Already installed by another test file in this worker process.
}

const NAME = 'Daria Secretperson';
const keyring = parseKeyring(`t1:${randomBytes(32).toString('base64')}`);
const activities: FixtureActivities = {
  greet: async (name) => `hello ${name}`,
  refuse: async (name) => {
    throw new Error(`no shelter place for ${name}`);
  },
};
const quiet = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (m: string) => process.stderr.write(m + '\n'),
};

describe('payload encryption on a real Temporal server', () => {
  const taskQueue = `security-${randomBytes(4).toString('hex')}`;
  let nativeConnection: NativeConnection;
  let connection: Connection;
  let client: Client;
  let running: Promise<void>;
  let worker: Worker;

  beforeAll(async () => {
    const address = process.env.TEMPORAL_ADDRESS;
    if (!address) throw new Error('TEMPORAL_ADDRESS is not set: run with scripts/test.sh');
    const workflowBundle = await bundleWorkflowCode({
      workflowsPath: path.join(__dirname, '../test/encryption-fixture.workflows.ts'),
      failureConverterPath: FAILURE_CONVERTER_PATH,
      logger: quiet,
    });
    nativeConnection = await NativeConnection.connect({ address });
    connection = await Connection.connect({ address });
    client = new Client({ connection, dataConverter: temporalDataConverter(keyring) });
    worker = await Worker.create({
      connection: nativeConnection,
      taskQueue,
      workflowBundle,
      activities,
      dataConverter: temporalDataConverter(keyring),
    });
    running = worker.run();
  });

  afterAll(async () => {
    if (worker?.getState() === 'RUNNING') worker.shutdown();
    await running;
    await connection?.close();
    await nativeConnection?.close();
  });

  /** The history exactly as the server stores it, read without any codec. */
  async function rawHistory(workflowId: string): Promise<temporal.api.history.v1.IHistory> {
    const res = await client.workflowService.getWorkflowExecutionHistory({
      namespace: 'default',
      execution: { workflowId },
    });
    return res.history ?? {};
  }
  const bytesOf = (h: temporal.api.history.v1.IHistory): Buffer =>
    Buffer.from(temporal.api.history.v1.History.encode(h).finish());

  it('round-trips arguments and results; the server stores only ciphertext', async () => {
    const workflowId = `security-greet-${randomBytes(4).toString('hex')}`;
    const result = await client.workflow.execute('greetWorkflow', {
      taskQueue,
      workflowId,
      args: [{ name: NAME }],
    });
    expect(result).toEqual({ greeting: `hello ${NAME}` });

    const history = await rawHistory(workflowId);
    const bytes = bytesOf(history);
    expect(bytes.includes(Buffer.from('Secretperson'))).toBe(false);
    expect(bytes.includes(Buffer.from('json/plain'))).toBe(false);
    const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
    const encoding = started?.input?.payloads?.[0]?.metadata?.encoding;
    expect(Buffer.from(encoding ?? []).toString()).toBe(ENCRYPTED_ENCODING);
  });

  it('encrypts failure messages and stack traces from activities and workflows', async () => {
    const workflowId = `security-refuse-${randomBytes(4).toString('hex')}`;
    const handle = await client.workflow.start('refuseWorkflow', {
      taskQueue,
      workflowId,
      args: [{ name: NAME }],
    });
    const error = await handle.result().catch((e: unknown) => e);
    // Through the client's codec the failure reads in full.
    expect(error).toBeInstanceOf(WorkflowFailedError);
    const failure = (error as WorkflowFailedError).cause;
    expect(failure?.message).toBe(`could not help ${NAME}`);
    const activityError = (failure?.cause as Error | undefined)?.cause as Error | undefined;
    expect(activityError?.message).toBe(`no shelter place for ${NAME}`);

    const history = await rawHistory(workflowId);
    const bytes = bytesOf(history);
    expect(bytes.includes(Buffer.from('Secretperson'))).toBe(false);
    expect(bytes.includes(Buffer.from('no shelter place'))).toBe(false);
    expect(bytes.includes(Buffer.from('could not help'))).toBe(false);
    const failed = history.events?.find((e) => e.workflowExecutionFailedEventAttributes)
      ?.workflowExecutionFailedEventAttributes?.failure;
    expect(failed?.message).toBe('Encoded failure');
    expect(failed?.stackTrace).toBe('');
  });

  it('logs worker failures without their messages', () => {
    expect(logged.join('\n')).toMatch(/Workflow failed/);
    expect(logged.join('\n')).not.toContain('Secretperson');
  });
});
