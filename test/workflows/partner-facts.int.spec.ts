/**
 * R30 in the workflow: a partner's fact arrives as a Signal, is taken once by its id (also after
 * continue-as-new: the ids travel with the snapshot), is decided as the partner's actor, and a
 * fact a rule refuses is recorded as PartnerFactRefused.
 */
import { caseStateQuery, type PartnerFactEnvelope, partnerFactSignal } from '@ariadne/contracts';
import { IMMEDIATE_NEEDS, type PartnerFact } from '@ariadne/domain';
import { eventually, openCase, send } from '../support/commands';
import { SE } from '../support/fixtures';
import { startWorkerHarness, type WorkerHarness } from '../support/stack';

jest.setTimeout(120_000);

const POLICE = {
  partnerId: 'partner-se-0123456789ab',
  kind: 'police',
  organisationId: 'partner-se-0123456789ab',
} as const;

const SHELTER = {
  partnerId: 'partner-se-ba9876543210',
  kind: 'shelter',
  organisationId: 'se-shelter-1',
} as const;

function fact(
  factId: string,
  f: PartnerFact,
  partner: PartnerFactEnvelope['partner'] = POLICE,
): PartnerFactEnvelope {
  return { factId, fact: f, partner, correlationId: factId };
}

describe('partner facts as Signals (R30)', () => {
  let h: WorkerHarness;
  beforeAll(async () => {
    h = await startWorkerHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('takes a fact once, across continue-as-new; records a refused one', async () => {
    const caseId = await openCase(h.client, h.taskQueue, SE, { maxHistoryEvents: 40 });
    const handle = h.client.workflow.getHandle(caseId);
    const rg = fact(`fact-${'a'.repeat(32)}`, {
      kind: 'identification-decision',
      outcome: 'reasonable-grounds',
    });
    await handle.signal(partnerFactSignal, rg);
    await handle.signal(partnerFactSignal, rg);
    const decided = await eventually(
      () => handle.query(caseStateQuery),
      (s) => s.status === 'open' && s.identification !== undefined,
    );
    expect(decided.status === 'open' && decided.identification?.outcome).toBe('reasonable-grounds');

    // Past several run boundaries, then the same fact again and one that R2 refuses.
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
    expect(runs.length).toBeGreaterThanOrEqual(3);

    await handle.signal(partnerFactSignal, rg);
    const checkIn = fact(`fact-${'b'.repeat(32)}`, { kind: 'shelter-check-in' }, SHELTER);
    await handle.signal(partnerFactSignal, checkIn);
    const refused = await eventually(
      () => handle.query(caseStateQuery),
      (s) => s.status === 'open' && (s.refusedFacts ?? []).length > 0,
    );
    expect(refused.status === 'open' && refused.refusedFacts).toEqual([
      {
        factId: checkIn.factId,
        factKind: 'shelter-check-in',
        partnerId: SHELTER.partnerId,
        rule: 'R2',
        refusedAt: expect.any(String),
      },
    ]);

    const stored = await h.store.readCase(caseId);
    expect(stored.filter((e) => e.type === 'IdentificationDecided')).toHaveLength(1);
    expect(stored.filter((e) => e.type === 'PartnerFactRefused')).toHaveLength(1);
    // 1 opening + 2 for the decision + 24 needs + 1 refusal: nothing doubled.
    expect(stored.map((e) => e.version)).toEqual(stored.map((_, i) => i + 1));
    expect(stored).toHaveLength(28);
    const decision = stored.find((e) => e.type === 'IdentificationDecided')!;
    expect(decision.metadata).toMatchObject({ actorRole: 'partner', actorId: POLICE.partnerId });
  });
});
