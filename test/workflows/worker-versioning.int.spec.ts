/**
 * Safe deploys of year-long cases (docs/adr/0014-safe-deploys.md): cases begin on worker build
 * A; build B, with a changed workflow, is deployed beside it and made the deployment's current
 * version. Cases that began on A continue on B (their pending timers and new commands), with A's
 * behaviour kept by `patched()`; new cases begin on B and take the new branch. Each workflow task
 * in the histories names the build that completed it, and A takes no task once B is current.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { caseStateQuery } from '@ariadne/contracts';
import { FAILURE_CONVERTER_PATH } from '@ariadne/security';
import {
  deploymentOptions,
  promoteWorkerVersion,
  workerVersion,
} from '../../apps/worker/src/worker-deployment';
import { bundlerOptions } from '../../apps/worker/src/workflow-bundle';
import { branchQuery } from '../fixtures/build-b/workflows';
import { eventually, openCase, send } from '../support/commands';
import { testPolicy } from '../support/fixtures';
import { startWorkerHarness, type WorkerHarness } from '../support/stack';

jest.setTimeout(180_000);

/** The build ids of the workflow tasks in a case's history, in order (unversioned: '-'). */
async function taskBuilds(handle: WorkflowHandle): Promise<string[]> {
  const history = await handle.fetchHistory();
  return (history.events ?? []).flatMap((e) => {
    const done = e.workflowTaskCompletedEventAttributes;
    return done ? [done.deploymentVersion?.buildId || '-'] : [];
  });
}

async function failedTasks(handle: WorkflowHandle): Promise<number> {
  const history = await handle.fetchHistory();
  return (history.events ?? []).filter((e) => e.workflowTaskFailedEventAttributes).length;
}

/** Waits until the task queue's routing names the build as current (it propagates from the deployment). */
async function routedTo(h: WorkerHarness, buildId: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const d = await h.client.workflowService.describeTaskQueue({
      namespace: 'default',
      taskQueue: { name: h.taskQueue },
      taskQueueType: 1, // workflow
    });
    if (d.versioningInfo?.currentDeploymentVersion?.buildId === buildId) return;
    if (Date.now() > deadline) throw new Error(`the task queue never routed to ${buildId}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const versionsOf = async (h: WorkerHarness, caseId: string): Promise<number[]> =>
  (await h.store.readCase(caseId)).map((e) => e.version);

describe('deploying a new worker build while cases run (Worker Versioning)', () => {
  const suffix = randomBytes(3).toString('hex');
  const A = {
    ARIADNE_WORKER_DEPLOYMENT: `ariadne-test-${suffix}`,
    ARIADNE_WORKER_BUILD_ID: `a-${suffix}`,
  };
  const B = { ...A, ARIADNE_WORKER_BUILD_ID: `b-${suffix}` };
  let h: WorkerHarness;
  let bundleB: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    [h, bundleB] = await Promise.all([
      startWorkerHarness(),
      bundleWorkflowCode({
        workflowsPath: path.join(__dirname, '../fixtures/build-b/workflows.ts'),
        webpackConfigHook: bundlerOptions,
        failureConverterPath: FAILURE_CONVERTER_PATH,
        logger: {
          log: () => undefined,
          trace: () => undefined,
          debug: () => undefined,
          info: () => undefined,
          warn: () => undefined,
          error: () => undefined,
        },
      }),
    ]);
    // Only versioned workers on this queue: the harness's unversioned one leaves.
    h.worker.shutdown();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('old cases continue on B with their old behaviour; new cases begin on B', async () => {
    const namespace = 'default';
    const connection = h.client.connection;

    // --- Build A is deployed and current.
    const a = await h.spawnWorker(deploymentOptions(A));
    await promoteWorkerVersion(connection, namespace, workerVersion(A)!);
    await routedTo(h, A.ARIADNE_WORKER_BUILD_ID);

    const idle = await openCase(h.client, h.taskQueue);
    // A case whose reflection timer (R7) was set on A and ends after the deploy.
    const timed = await openCase(h.client, h.taskQueue, testPolicy('PT40S'));
    await send(h.client, timed, {
      type: 'RecordIdentification',
      outcome: 'reasonable-grounds',
      decidedBy: 'police',
    });
    const idleHandle = h.client.workflow.getHandle(idle);
    const timedHandle = h.client.workflow.getHandle(timed);
    expect(new Set(await taskBuilds(idleHandle))).toEqual(new Set([A.ARIADNE_WORKER_BUILD_ID]));
    const tasksOnA = (await taskBuilds(timedHandle)).length;

    // --- Build B (changed workflow) is deployed beside A and made current. A keeps polling.
    const b = await h.spawnWorker({ workflowBundle: bundleB, ...deploymentOptions(B) });
    await promoteWorkerVersion(connection, namespace, workerVersion(B)!);
    await routedTo(h, B.ARIADNE_WORKER_BUILD_ID);
    expect((await h.store.readCase(timed)).some((e) => e.type === 'ReflectionPeriodEnded')).toBe(
      false,
    );

    // An old case takes a command on B: the validator and the append run as before.
    const result = await send(h.client, idle, {
      type: 'RecordIdentification',
      outcome: 'reasonable-grounds',
      decidedBy: 'police',
    });
    expect(result.version).toBe(3);
    expect(await idleHandle.query(branchQuery)).toBe('began-before-b');
    expect(await idleHandle.query(caseStateQuery)).toMatchObject({
      version: 3,
      phase: 'reflection',
    });
    const idleBuilds = await taskBuilds(idleHandle);
    expect(idleBuilds.at(-1)).toBe(B.ARIADNE_WORKER_BUILD_ID);
    expect(idleBuilds.slice(idleBuilds.indexOf(B.ARIADNE_WORKER_BUILD_ID))).not.toContain(
      A.ARIADNE_WORKER_BUILD_ID,
    );
    const described = await idleHandle.describe();
    expect(described.raw.workflowExecutionInfo?.versioningInfo?.deploymentVersion?.buildId).toBe(
      B.ARIADNE_WORKER_BUILD_ID,
    );

    // The timer set on A fires on B and the period ends (R7), written once.
    const events = await eventually(
      () => h.store.readCase(timed),
      (es) => es.some((e) => e.type === 'ReflectionPeriodEnded'),
      90_000,
    );
    expect(events.map((e) => e.type)).toEqual([
      'CaseOpened',
      'IdentificationDecided',
      'ReflectionPeriodStarted',
      'ReflectionPeriodEnded',
    ]);
    expect(await timedHandle.query(branchQuery)).toBe('began-before-b');
    const timedBuilds = await taskBuilds(timedHandle);
    expect(timedBuilds.slice(0, tasksOnA)).toEqual(Array(tasksOnA).fill(A.ARIADNE_WORKER_BUILD_ID));
    expect(timedBuilds.slice(tasksOnA).length).toBeGreaterThan(0);
    expect(new Set(timedBuilds.slice(tasksOnA))).toEqual(new Set([B.ARIADNE_WORKER_BUILD_ID]));

    // A new case begins on B and takes B's branch.
    const fresh = await openCase(h.client, h.taskQueue);
    const freshHandle = h.client.workflow.getHandle(fresh);
    expect(await freshHandle.query(branchQuery)).toBe('began-on-b');
    expect(new Set(await taskBuilds(freshHandle))).toEqual(new Set([B.ARIADNE_WORKER_BUILD_ID]));

    // Nothing lost, nothing doubled, no task failed (a non-determinism would fail tasks).
    expect(await versionsOf(h, idle)).toEqual([1, 2, 3]);
    expect(await versionsOf(h, timed)).toEqual([1, 2, 3, 4]);
    expect(await versionsOf(h, fresh)).toEqual([1]);
    for (const handle of [idleHandle, timedHandle, freshHandle]) {
      expect(await failedTasks(handle)).toBe(0);
    }
    await Promise.all([a.stop(), b.stop()]);
  });

  it('the first versioned build takes over cases begun on unversioned workers (the first deploy)', async () => {
    const old = await startWorkerHarness(); // unversioned, as every worker before this change
    try {
      const caseId = await openCase(old.client, old.taskQueue);
      const handle = old.client.workflow.getHandle(caseId);
      expect(await taskBuilds(handle)).toEqual(['-']);
      const first = { ...A, ARIADNE_WORKER_BUILD_ID: `first-${suffix}` };
      await old.spawnWorker(deploymentOptions(first));
      await promoteWorkerVersion(old.client.connection, 'default', workerVersion(first)!);
      await routedTo(old, first.ARIADNE_WORKER_BUILD_ID);
      // The unversioned worker still polls, but the case's next task goes to the current build.
      const result = await send(old.client, caseId, {
        type: 'RecordIdentification',
        outcome: 'reasonable-grounds',
        decidedBy: 'police',
      });
      expect(result.version).toBe(3);
      expect((await taskBuilds(handle)).at(-1)).toBe(first.ARIADNE_WORKER_BUILD_ID);
      expect(await versionsOf(old, caseId)).toEqual([1, 2, 3]);
      expect(await failedTasks(handle)).toBe(0);
    } finally {
      await old.close();
    }
  });
});
