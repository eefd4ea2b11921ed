import { WithStartWorkflowOperation, WorkflowUpdateFailedError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import {
  CASE_WORKFLOW_TYPE,
  type CommandEnvelope,
  SA,
  caseCommandUpdate,
  caseStateQuery,
  openCaseUpdate,
} from '@ariadne/contracts';
import type { CountryPolicy, OpenCase } from '@ariadne/domain';
import { SE, testPolicy } from '../test/support/fixtures';
import { startWorkerHarness, type WorkerHarness } from '../test/support/stack';

jest.setTimeout(60_000);

const actor = { userId: 'cw-1', organisationId: 'se-ngo-1', role: 'caseworker' as const };

function envelope<C extends CommandEnvelope['command']>(
  command: C,
  extra: { expectedVersion?: number } = {},
): CommandEnvelope<C> {
  return { command, actor, commandId: randomUUID(), correlationId: randomUUID(), ...extra };
}

describe('case workflow on a real Temporal server', () => {
  let h: WorkerHarness;
  beforeAll(async () => {
    h = await startWorkerHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  async function openCase(policy: CountryPolicy = SE): Promise<string> {
    const caseId = randomUUID();
    const open: OpenCase = {
      type: 'OpenCase',
      referralSource: 'police',
      policy,
      organisationId: 'se-ngo-1',
      assigneeId: 'cw-1',
    };
    const result = await h.client.workflow.executeUpdateWithStart(openCaseUpdate, {
      args: [envelope(open)],
      startWorkflowOperation: new WithStartWorkflowOperation(CASE_WORKFLOW_TYPE, {
        workflowId: caseId,
        taskQueue: h.taskQueue,
        args: [{ caseId }],
        workflowIdConflictPolicy: 'FAIL',
      }),
    });
    expect(result).toMatchObject({ caseId, version: 1 });
    return caseId;
  }

  it('opens a case and writes its first event and summary in PostgreSQL', async () => {
    const caseId = await openCase();
    const events = await h.store.readCase(caseId);
    expect(events.map((e) => [e.version, e.type])).toEqual([[1, 'CaseOpened']]);
    expect(events[0]?.metadata).toMatchObject({ actorId: 'cw-1', organisationId: 'se-ngo-1' });
  });

  it('a positive decision starts reflection; a second decision is rejected by the validator (R1)', async () => {
    const caseId = await openCase();
    const handle = h.client.workflow.getHandle(caseId);
    const first = await handle.executeUpdate(caseCommandUpdate, {
      args: [envelope({ type: 'RecordIdentification', outcome: 'reasonable-grounds' })],
    });
    expect(first.version).toBe(3);
    const rejected = handle.executeUpdate(caseCommandUpdate, {
      args: [envelope({ type: 'RecordIdentification', outcome: 'no-reasonable-grounds' })],
    });
    await expect(rejected).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    await expect(rejected).rejects.toMatchObject({
      cause: { type: 'RuleViolation', details: [{ rule: 'R1' }] },
    });
    // Rejected by the validator: nothing was written, and the history holds no trace of it.
    expect((await h.store.readCase(caseId)).length).toBe(3);
    const state = await handle.query(caseStateQuery);
    expect(state).toMatchObject({ version: 3, phase: 'reflection' });
    const described = await handle.describe();
    expect(described.typedSearchAttributes.get(SA.phase)).toBe('reflection');
    expect(described.typedSearchAttributes.get(SA.country)).toBe('SE');
  });

  it('rejects a command against a stale version', async () => {
    const caseId = await openCase();
    const stale = h.client.workflow.getHandle(caseId).executeUpdate(caseCommandUpdate, {
      args: [
        envelope(
          { type: 'RecordIdentification', outcome: 'reasonable-grounds' },
          { expectedVersion: 0 },
        ),
      ],
    });
    await expect(stale).rejects.toMatchObject({ cause: { type: 'VersionConflict' } });
  });

  it('the reflection timer ends the period durably, across a worker restart (R7)', async () => {
    const caseId = await openCase(testPolicy('PT4S'));
    const handle = h.client.workflow.getHandle(caseId);
    await handle.executeUpdate(caseCommandUpdate, {
      args: [envelope({ type: 'RecordIdentification', outcome: 'reasonable-grounds' })],
    });
    // The worker goes away while the timer runs; a new one picks the case up from history.
    await h.restartWorker();
    const deadline = Date.now() + 30_000;
    let types: string[] = [];
    while (Date.now() < deadline) {
      types = (await h.store.readCase(caseId)).map((e) => e.type);
      if (types.includes('ReflectionPeriodEnded')) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(types).toEqual([
      'CaseOpened',
      'IdentificationDecided',
      'ReflectionPeriodStarted',
      'ReflectionPeriodEnded',
    ]);
    const ended = (await h.store.readCase(caseId))[3];
    const started = (await h.store.readCase(caseId))[2];
    const endsAt = (started?.data as { endsAt: string }).endsAt;
    expect(Date.parse(String(ended?.metadata['occurredAt']))).toBeGreaterThanOrEqual(
      Date.parse(endsAt),
    );
    expect(await handle.query(caseStateQuery)).toMatchObject({ phase: 'assessment' });
  });
});
