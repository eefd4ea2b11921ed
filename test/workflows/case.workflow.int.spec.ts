import { WorkflowUpdateFailedError } from '@temporalio/client';
import { SA, caseStateQuery } from '@ariadne/contracts';
import { eventually, openCase, send } from '../support/commands';
import { testPolicy } from '../support/fixtures';
import { recordHistory } from '../support/histories';
import { startWorkerHarness, type WorkerHarness } from '../support/stack';

jest.setTimeout(60_000);

describe('case workflow on a real Temporal server', () => {
  let h: WorkerHarness;
  beforeAll(async () => {
    h = await startWorkerHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('opens a case and writes its first event and summary in PostgreSQL', async () => {
    const caseId = await openCase(h.client, h.taskQueue);
    const events = await h.store.readCase(caseId);
    expect(events.map((e) => [e.version, e.type])).toEqual([[1, 'CaseOpened']]);
    expect(events[0]?.metadata).toMatchObject({ actorId: 'cw-1', organisationId: 'se-ngo-1' });
  });

  it('a positive decision starts reflection; a second decision is rejected by the validator (R1)', async () => {
    const caseId = await openCase(h.client, h.taskQueue);
    const first = await send(h.client, caseId, {
      type: 'RecordIdentification',
      outcome: 'reasonable-grounds',
      decidedBy: 'police',
    });
    expect(first.version).toBe(3);
    const rejected = send(h.client, caseId, {
      type: 'RecordIdentification',
      outcome: 'no-reasonable-grounds',
      decidedBy: 'police',
    });
    await expect(rejected).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    await expect(rejected).rejects.toMatchObject({
      cause: { type: 'RuleViolation', details: [{ rule: 'R1' }] },
    });
    // Rejected by the validator: nothing was written.
    expect((await h.store.readCase(caseId)).length).toBe(3);
    const handle = h.client.workflow.getHandle(caseId);
    expect(await handle.query(caseStateQuery)).toMatchObject({ version: 3, phase: 'reflection' });
    const described = await handle.describe();
    expect(described.typedSearchAttributes.get(SA.phase)).toBe('reflection');
    expect(described.typedSearchAttributes.get(SA.country)).toBe('SE');
  });

  it('rejects a command against a stale version', async () => {
    const caseId = await openCase(h.client, h.taskQueue);
    const stale = send(
      h.client,
      caseId,
      { type: 'RecordIdentification', outcome: 'reasonable-grounds', decidedBy: 'police' },
      { expectedVersion: 0 },
    );
    await expect(stale).rejects.toMatchObject({ cause: { type: 'VersionConflict' } });
  });

  it('the reflection timer ends the period durably, across a worker restart (R7)', async () => {
    const caseId = await openCase(h.client, h.taskQueue, testPolicy('PT4S'));
    await send(h.client, caseId, {
      type: 'RecordIdentification',
      outcome: 'reasonable-grounds',
      decidedBy: 'police',
    });
    // The worker goes away while the timer runs; a new one picks the case up from history.
    await h.restartWorker();
    const events = await eventually(
      () => h.store.readCase(caseId),
      (es) => es.some((e) => e.type === 'ReflectionPeriodEnded'),
    );
    expect(events.map((e) => e.type)).toEqual([
      'CaseOpened',
      'IdentificationDecided',
      'ReflectionPeriodStarted',
      'ReflectionPeriodEnded',
    ]);
    const endsAt = (events[2]?.data as { endsAt: string }).endsAt;
    expect(Date.parse(String(events[3]?.metadata['occurredAt']))).toBeGreaterThanOrEqual(
      Date.parse(endsAt),
    );
    expect(await h.client.workflow.getHandle(caseId).query(caseStateQuery)).toMatchObject({
      phase: 'assessment',
    });
    recordHistory(caseId, 'reflection-ends-by-timer');
  });
});
