/**
 * docs/adr/0013: the append as a local activity. Its input and result reach the history only
 * when the workflow task completes, so a task can be lost after the append committed. These
 * tests put the log in that state (the append committed, the workflow never saw it) and show
 * that the workflow adopts what the log holds: no AppendConflict, no duplicate, gapless versions,
 * and every acknowledged command's events exactly once.
 */
import { bundleWorkflowCode, type Worker } from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import {
  type AppendEventsInput,
  caseCommandUpdate,
  caseStateQuery,
  commandEventId,
} from '@ariadne/contracts';
import { type CaseCommand, type CaseState, caseSummary, decide, evolveAll } from '@ariadne/domain';
import { randomUUID } from 'node:crypto';
import { FAILURE_CONVERTER_PATH } from '@ariadne/security';
import { caseActivities } from '../../apps/worker/src/case.activities';
import { bundlerOptions, WORKFLOWS_PATH } from '../../apps/worker/src/workflow-bundle';
import { CASEWORKER, envelope, eventually, openCase } from '../support/commands';
import { LOSE_TASK_PREFIX } from './support/lose-task.interceptor';
import { recordHistory } from '../support/histories';
import { startWorkerHarness, type WorkerHarness } from '../support/stack';

jest.setTimeout(180_000);

const need = (n: string): CaseCommand => ({ type: 'RecordImmediateNeed', need: n }) as CaseCommand;

function sendAs(client: Client, caseId: string, command: CaseCommand, commandId: string) {
  return client.workflow.getHandle(caseId).executeUpdate(caseCommandUpdate, {
    args: [{ ...envelope(command), commandId }],
    updateId: commandId,
  });
}

describe('the append as a local activity (docs/adr/0013)', () => {
  let h: WorkerHarness;
  beforeAll(async () => {
    h = await startWorkerHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  /**
   * What a lost workflow task leaves behind: the command's events committed with the ids the
   * workflow derives from its command id, at the version after the workflow's own.
   */
  async function committedBehindTheWorkflow(
    caseId: string,
    command: CaseCommand,
    commandId: string,
  ): Promise<number> {
    const state: CaseState = await h.client.workflow.getHandle(caseId).query(caseStateQuery);
    const now = new Date().toISOString();
    const events = decide(state, command, { now, actor: CASEWORKER });
    const summary = caseSummary(caseId, evolveAll(state, events));
    if (!summary) throw new Error('no summary');
    await h.store.append({
      caseId,
      expectedVersion: state.version,
      events: events.map((e, i) => ({
        eventId: commandEventId(caseId, commandId, i),
        type: e.type,
        data: e.data,
      })),
      metadata: {
        actorId: CASEWORKER.userId,
        actorRole: CASEWORKER.role,
        organisationId: CASEWORKER.organisationId,
        occurredAt: now,
        correlationId: 'test',
        causationId: commandId,
      },
      summary,
    });
    return state.version;
  }

  async function expectGaplessOnce(caseId: string): Promise<void> {
    const log = await h.store.readCase(caseId);
    expect(log.map((e) => e.version)).toEqual(log.map((_, i) => i + 1));
    expect(new Set(log.map((e) => e.eventId)).size).toBe(log.length);
    const state: CaseState = await h.client.workflow.getHandle(caseId).query(caseStateQuery);
    expect(state.version).toBe(log.length);
  }

  it('derives the event ids from the command id', async () => {
    const caseId = await openCase(h.client, h.taskQueue);
    const key = randomUUID();
    await sendAs(h.client, caseId, need('safety'), key);
    const log = await h.store.readCase(caseId);
    expect(log.at(-1)).toMatchObject({
      type: 'ImmediateNeedRecorded',
      eventId: commandEventId(caseId, key, 0),
      metadata: { causationId: key },
    });
  });

  it('the same command, its events already committed: adopted, answered, not written again', async () => {
    const caseId = await openCase(h.client, h.taskQueue);
    const key = randomUUID();
    const before = await committedBehindTheWorkflow(caseId, need('safety'), key);
    const result = await sendAs(h.client, caseId, need('safety'), key);
    expect(result.events).toEqual([{ version: before + 1, type: 'ImmediateNeedRecorded' }]);
    expect(result.version).toBe(before + 1);
    expect(result.summary?.version).toBe(before + 1);
    const log = await h.store.readCase(caseId);
    expect(log.filter((e) => e.metadata['causationId'] === key)).toHaveLength(1);
    await expectGaplessOnce(caseId);
    // The case goes on: the next command lands on the next version, without conflict.
    const next = await sendAs(h.client, caseId, need('accommodation'), randomUUID());
    expect(next.version).toBe(before + 2);
    await expectGaplessOnce(caseId);
  });

  it("another command's events committed behind the workflow: folded, this command decided again on them; that command, when it comes, answered from the log", async () => {
    const caseId = await openCase(h.client, h.taskQueue);
    const lost = randomUUID();
    const before = await committedBehindTheWorkflow(caseId, need('safety'), lost);
    // Another command first: it meets the lost command's events at its version.
    const other = await sendAs(h.client, caseId, need('accommodation'), randomUUID());
    expect(other.events).toEqual([{ version: before + 2, type: 'ImmediateNeedRecorded' }]);
    // The state folded the lost command's need: the same need again is refused (R2 allows one).
    const state: CaseState = await h.client.workflow.getHandle(caseId).query(caseStateQuery);
    expect(state.version).toBe(before + 2);
    // The lost command itself, re-sent with its id (as Temporal re-delivers it): its events,
    // already adopted, are its answer; nothing new is written.
    const again = await sendAs(h.client, caseId, need('safety'), lost);
    expect(again.events).toEqual([{ version: before + 1, type: 'ImmediateNeedRecorded' }]);
    const log = await h.store.readCase(caseId);
    expect(log.filter((e) => e.metadata['causationId'] === lost)).toHaveLength(1);
    expect(log).toHaveLength(before + 2);
    await expectGaplessOnce(caseId);
  });

  it('the workflow task is lost after the append committed: the next worker runs it again, adopts, the command is answered once', async () => {
    const caseId = await openCase(h.client, h.taskQueue);
    const key = `${LOSE_TASK_PREFIX}${randomUUID()}`;
    // Only a worker that loses its task after the append polls the queue.
    h.worker.shutdown();
    while (h.worker.getState() !== 'STOPPED') await new Promise((r) => setTimeout(r, 50));
    // Its append commits, then it stops polling at once (so that only one task attempt is lost),
    // and its interceptor fails the task it is running.
    const real = caseActivities(h.store, h.keys);
    const losingRef: { worker?: Worker } = {};
    const losing = await h.spawnWorker({
      activities: {
        async appendEvents(input: AppendEventsInput) {
          const result = await real.appendEvents(input);
          const w = losingRef.worker;
          if (input.metadata.causationId === key && w?.getState() === 'RUNNING') w.shutdown();
          return result;
        },
      },
      workflowBundle: await bundleWorkflowCode({
        workflowsPath: WORKFLOWS_PATH,
        webpackConfigHook: bundlerOptions,
        failureConverterPath: FAILURE_CONVERTER_PATH,
        workflowInterceptorModules: [require.resolve('./support/lose-task.interceptor')],
        logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} },
      }),
    });
    losingRef.worker = losing.worker;
    const answer = sendAs(h.client, caseId, need('safety'), key);
    // The append committed (the log has it) while the workflow has not seen it.
    const committed = await eventually(
      () => h.store.readCase(caseId),
      (log) => log.some((e) => e.metadata['causationId'] === key),
    );
    expect(committed.filter((e) => e.metadata['causationId'] === key)).toHaveLength(1);
    await losing.stop();
    // The workflow's history knows nothing of it: only the opening Update completed so far.
    const history = await h.client.workflow.getHandle(caseId).fetchHistory();
    const completed = (history.events ?? []).filter(
      (e) => e.workflowExecutionUpdateCompletedEventAttributes,
    );
    expect(completed).toHaveLength(1);

    // A worker without the fault runs the lost task again.
    const fresh = await h.spawnWorker({});
    const result = await answer;
    expect(result.events).toEqual([{ version: 2, type: 'ImmediateNeedRecorded' }]);
    const after = await h.store.readCase(caseId);
    expect(after.filter((e) => e.metadata['causationId'] === key)).toHaveLength(1);
    await expectGaplessOnce(caseId);
    const next = await sendAs(h.client, caseId, need('accommodation'), randomUUID());
    expect(next.version).toBe(3);
    await expectGaplessOnce(caseId);
    recordHistory(caseId, 'local-append-task-lost-after-commit');
    await fresh.stop();
    await h.restartWorker();
  });
});
