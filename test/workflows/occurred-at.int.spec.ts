/**
 * Issue 10 on a real Temporal server: a case opened for an earlier referral, a reasonable-grounds
 * decision dated back (R24–R26) whose reflection period the timer ends when it runs out counted
 * from the decision, not from its entry, and a conclusive decision (R28). The history is saved
 * for replay (test/histories/occurred-at-conclusive.json).
 */
import { WithStartWorkflowOperation } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { CASE_WORKFLOW_TYPE, caseStateQuery, openCaseUpdate } from '@ariadne/contracts';
import {
  addDuration,
  type CountryPolicy,
  type ExistingCaseState,
  subtractDuration,
} from '@ariadne/domain';
import { CASEWORKER, envelope, eventually, send } from '../support/commands';
import { SE } from '../support/fixtures';
import { recordHistory } from '../support/histories';
import { startWorkerHarness, type WorkerHarness } from '../support/stack';

jest.setTimeout(120_000);

/** SE's rules with a two-day reflection period (a test policy). */
const POLICY: CountryPolicy = {
  ...SE,
  country: 'ZZ',
  version: 'test-occurred-at',
  testOnly: true,
  reflection: { ...SE.reflection, period: 'P2D' },
};

describe('facts dated when they happened, on a real Temporal server', () => {
  let h: WorkerHarness;
  beforeAll(async () => {
    h = await startWorkerHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  const state = async (caseId: string): Promise<ExistingCaseState> =>
    (await h.client.workflow.getHandle(caseId).query(caseStateQuery)) as ExistingCaseState;
  const types = async (caseId: string): Promise<string[]> =>
    (await h.store.readCase(caseId)).map((e) => e.type);

  it('a decision entered late ends reflection by the timer counted from when it was taken; then a conclusive decision', async () => {
    const caseId = randomUUID();
    const now = new Date().toISOString();
    const referredAt = subtractDuration(now, 'P3D');
    await h.client.workflow.executeUpdateWithStart(openCaseUpdate, {
      args: [
        envelope({
          type: 'OpenCase',
          referralSource: 'police',
          policy: POLICY,
          organisationId: CASEWORKER.organisationId,
          assigneeId: CASEWORKER.userId,
          occurredAt: referredAt,
        }),
      ],
      startWorkflowOperation: new WithStartWorkflowOperation(CASE_WORKFLOW_TYPE, {
        workflowId: caseId,
        taskQueue: h.taskQueue,
        args: [{ caseId }],
        workflowIdConflictPolicy: 'FAIL',
      }),
    });
    // Decided two days less five seconds ago: the two-day period has five seconds left.
    const decidedAt = addDuration(subtractDuration(new Date().toISOString(), 'P2D'), 'PT5S');
    await send(h.client, caseId, {
      type: 'RecordIdentification',
      outcome: 'reasonable-grounds',
      decidedBy: 'police',
      occurredAt: decidedAt,
    });
    const during = await state(caseId);
    expect(during.referredAt).toBe(referredAt);
    expect(during.reflection?.startedAt).toBe(new Date(decidedAt).toISOString());
    expect(during.phase).toBe('reflection');

    const ended = await eventually(
      () => types(caseId),
      (t) => t.includes('ReflectionPeriodEnded'),
    );
    expect(ended).toContain('ReflectionPeriodEnded');

    await send(h.client, caseId, {
      type: 'RecordConclusiveIdentification',
      outcome: 'positive',
      decidedBy: 'migration-authority',
      occurredAt: subtractDuration(new Date().toISOString(), 'PT1M'),
    });
    const after = await state(caseId);
    expect(after.conclusiveIdentification).toMatchObject({
      outcome: 'positive',
      decidedBy: 'migration-authority',
    });
    const events = await h.store.readCase(caseId);
    const decided = events.find((e) => e.type === 'IdentificationDecided');
    expect(decided?.data).toMatchObject({ decidedBy: 'police', occurredAt: decidedAt });
    recordHistory(caseId, 'occurred-at-conclusive');
  });
});
