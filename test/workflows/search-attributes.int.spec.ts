/**
 * Issue 11: the case workflow upserts its search attributes only when one of them changes (a
 * command that moves none of them costs no upsert and no visibility write); what operators
 * query stays the case's current state.
 */
import { temporal } from '@temporalio/proto';
import { SA } from '@ariadne/contracts';
import { openCase, send } from '../support/commands';
import { startWorkerHarness, type WorkerHarness } from '../support/stack';

jest.setTimeout(60_000);

const UPSERT = temporal.api.enums.v1.EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES;

describe('search attributes upserted on change', () => {
  let h: WorkerHarness;
  beforeAll(async () => {
    h = await startWorkerHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  async function upserts(caseId: string): Promise<number> {
    const history = await h.client.workflow.getHandle(caseId).fetchHistory();
    // Patches upsert TemporalChangeVersion (once per patch and run): only the case's own count.
    return (history.events ?? []).filter(
      (e) =>
        e.eventType === UPSERT &&
        Object.keys(
          e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {},
        ).some((name) => name.startsWith('Ariadne')),
    ).length;
  }

  it('upserts when the case opens and when its phase changes, not for a command that changes none', async () => {
    const caseId = await openCase(h.client, h.taskQueue);
    expect(await upserts(caseId)).toBe(1);
    await send(h.client, caseId, { type: 'RecordImmediateNeed', need: 'safety' });
    await send(h.client, caseId, { type: 'RecordImmediateNeed', need: 'accommodation' });
    expect(await upserts(caseId)).toBe(1);
    await send(h.client, caseId, {
      type: 'RecordIdentification',
      outcome: 'reasonable-grounds',
      decidedBy: 'police',
    });
    expect(await upserts(caseId)).toBe(2);
    const described = await h.client.workflow.getHandle(caseId).describe();
    expect(described.typedSearchAttributes.get(SA.phase)).toBe('reflection');
    expect(described.typedSearchAttributes.get(SA.country)).toBe('SE');
    expect(described.typedSearchAttributes.get(SA.organisation)).toBe('se-ngo-1');
    expect(described.typedSearchAttributes.get(SA.stalled)).toBe(false);
  });
});
