/**
 * A case that lives for years continues-as-new with a snapshot of its state. Driven past several
 * run boundaries (a tiny history limit), the live state must equal the state folded from the
 * event log in PostgreSQL, and no command may be lost or doubled across the boundaries.
 */
import { caseStateQuery } from '@ariadne/contracts';
import {
  type CaseEvent,
  type CaseState,
  evolveAll,
  IMMEDIATE_NEEDS,
  initialState,
} from '@ariadne/domain';
import { openCase, send } from '../support/commands';
import { SE } from '../support/fixtures';
import { recordHistory } from '../support/histories';
import { startWorkerHarness, type WorkerHarness } from '../support/stack';

jest.setTimeout(120_000);

describe('continue-as-new', () => {
  let h: WorkerHarness;
  beforeAll(async () => {
    h = await startWorkerHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('carries the state across several runs; the log replays to the same state', async () => {
    const caseId = await openCase(h.client, h.taskQueue, SE, { maxHistoryEvents: 40 });
    const firstRun = (await h.client.workflow.getHandle(caseId).describe()).runId;
    await send(h.client, caseId, {
      type: 'RecordIdentification',
      outcome: 'reasonable-grounds',
      decidedBy: 'police',
    });
    for (let i = 0; i < 24; i++) {
      const need = IMMEDIATE_NEEDS[Math.floor(i / 2) % IMMEDIATE_NEEDS.length]!;
      await send(h.client, caseId, {
        type: i % 2 === 0 ? 'RecordImmediateNeed' : 'RecordImmediateNeedMet',
        need,
      });
    }

    const runs: string[] = [];
    for await (const wf of h.client.workflow.list({ query: `WorkflowId = '${caseId}'` }))
      runs.push(wf.runId);
    expect(runs.length).toBeGreaterThanOrEqual(4);
    expect(runs).toContain(firstRun);

    const stored = await h.store.readCase(caseId);
    // 1 opening + 2 for the decision + 24 needs: each command exactly once, in order.
    expect(stored.map((e) => e.version)).toEqual(stored.map((_, i) => i + 1));
    expect(stored.length).toBe(27);
    const folded: CaseState = evolveAll(
      initialState(),
      stored.map((e) => ({ type: e.type, data: e.data }) as CaseEvent),
    );
    const live = await h.client.workflow.getHandle(caseId).query(caseStateQuery);
    expect(live).toEqual(JSON.parse(JSON.stringify(folded)));
    recordHistory(caseId, 'continued-as-new-latest-run');
  });
});
