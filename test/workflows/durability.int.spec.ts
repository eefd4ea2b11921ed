/**
 * The promise of durability: the Temporal server itself stops (with everything else) while a
 * case waits on its reflection timer; after a restart on the same data file the case is there
 * and the timer still fires.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { caseStateQuery } from '@ariadne/contracts';
import { eventually, openCase, send } from '../support/commands';
import { testPolicy } from '../support/fixtures';
import { freePort, startTemporal, type TemporalDevServer } from '../support/services';
import { startWorkerHarness, uniqueTaskQueue, type WorkerHarness } from '../support/stack';

jest.setTimeout(120_000);

describe('durability across a Temporal server restart', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ariadne-durability-'));
  const dbFile = path.join(dir, 'temporal.db');
  let server: TemporalDevServer | undefined;
  let h: WorkerHarness | undefined;

  afterAll(async () => {
    await h?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the case and its timer', async () => {
    const port = await freePort();
    const taskQueue = uniqueTaskQueue('durable');
    server = await startTemporal({ dbFile, port });
    h = await startWorkerHarness(taskQueue, server.address);
    const caseId = await openCase(h.client, taskQueue, testPolicy('PT8S'));
    await send(h.client, caseId, {
      type: 'RecordIdentification',
      outcome: 'reasonable-grounds',
      decidedBy: 'police',
    });

    // Everything stops: worker first, then the server.
    await h.close();
    h = undefined;
    await server.stop();

    server = await startTemporal({ dbFile, port });
    h = await startWorkerHarness(taskQueue, server.address);
    const handle = h.client.workflow.getHandle(caseId);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    const events = await eventually(
      () => h!.store.readCase(caseId),
      (es) => es.some((e) => e.type === 'ReflectionPeriodEnded'),
      40_000,
    );
    expect(events.map((e) => e.type)).toContain('ReflectionPeriodEnded');
    expect(await handle.query(caseStateQuery)).toMatchObject({ phase: 'assessment' });
  });
});
