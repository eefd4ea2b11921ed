/**
 * Scripted journeys on a real Temporal server, through the same updates the API sends: each
 * path of DOMAIN.md (integration, return, third country, withdrawal before departure), the
 * reminders and escalations that land in the inbox read model, and erasure after closure.
 * Short test policies (seconds, not days) drive the timers; the histories are saved for replay.
 */
import { randomUUID } from 'node:crypto';
import { caseStateQuery } from '@ariadne/contracts';
import {
  type CaseCommand,
  type CountryPolicy,
  type DeparturePathway,
  type ExistingCaseState,
  RECEPTION_PURPOSE,
} from '@ariadne/domain';
import { NotificationRepository } from '@ariadne/persistence';
import { CASEWORKER, eventually, openCase, send } from '../support/commands';
import { COMM, LINKED_CASE_ID, SE, SUPERVISOR } from '../support/fixtures';
import { recordHistory } from '../support/histories';
import { startWorkerHarness, type WorkerHarness } from '../support/stack';

jest.setTimeout(120_000);

/** SE's rules with the clock sped up: seconds where the law says days. */
function fastPolicy(overrides: Partial<CountryPolicy> = {}): CountryPolicy {
  return {
    ...SE,
    country: 'ZZ',
    version: 'test-fast',
    testOnly: true,
    reflection: { ...SE.reflection, period: 'PT3S' },
    ...overrides,
  };
}

const RECEIVER = 'ro-recv-1';
const RECEIVER_CASEWORKER = {
  userId: 'ro-recv-1-cw-1',
  organisationId: RECEIVER,
  role: 'caseworker',
} as const;

describe('journeys on a real Temporal server', () => {
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
  const run = async (caseId: string, ...commands: CaseCommand[]): Promise<void> => {
    for (const c of commands) await send(h.client, caseId, c);
  };
  const reflectionOver = (caseId: string): Promise<string[]> =>
    eventually(
      () => types(caseId),
      (t) => t.includes('ReflectionPeriodEnded'),
    );

  /** Everything the R14 gate asks for, in the order a caseworker would record it. */
  async function prepareDeparture(caseId: string, pathway: DeparturePathway): Promise<void> {
    const purpose = RECEPTION_PURPOSE[pathway];
    await run(
      caseId,
      { type: 'RecordIdentification', outcome: 'reasonable-grounds', decidedBy: 'police' },
      { type: 'RecordNeedsAssessment', needs: ['shelter', 'health-care'] },
      { type: 'RecordPathwayChoice', pathway, communication: COMM },
      { type: 'GiveConsent', scope: { kind: 'return' }, communication: COMM },
      {
        type: 'GiveConsent',
        scope: {
          kind: 'data-sharing',
          recipientOrganisationId: RECEIVER,
          purpose,
          categories: ['identity'],
        },
        communication: COMM,
      },
      {
        type: 'SendCrossBorderReferral',
        recipientOrganisationId: RECEIVER,
        recipientCountry: 'RO',
        purpose,
        categories: ['identity'],
        personal: { identity: { givenName: 'A.' } },
      },
    );
    const referralId = (await state(caseId)).referrals[0]!.referralId;
    // R18: the receiving organisation answers itself.
    await send(
      h.client,
      caseId,
      {
        type: 'RecordCrossBorderReferralResponse',
        referralId,
        response: 'accepted',
        linkedCaseId: LINKED_CASE_ID,
      },
      { actor: RECEIVER_CASEWORKER },
    );
    await run(
      caseId,
      { type: 'RecordReintegrationPlan', pathway },
      { type: 'RecordReintegrationFundingApproved', pathway },
      { type: 'RecordAssistingContactsGiven', pathway },
      { type: 'RecordLegalStatusConsidered' },
      { type: 'RecordTravelArranged', pathway },
      {
        type: 'RecordRiskAssessment',
        scope: 'departure',
        pathway,
        level: 'medium',
        protectionMeasures: ['escorted-travel'],
        acceptable: true,
      },
    );
  }

  it('integration: her choice to stay, a plan with milestones and a permit (R12, R13, R11)', async () => {
    const caseId = await openCase(h.client, h.taskQueue, fastPolicy());
    await run(
      caseId,
      { type: 'RecordIdentification', outcome: 'reasonable-grounds', decidedBy: 'police' },
      { type: 'RecordRightsInformation', topics: ['victim-rights'], communication: COMM },
      { type: 'RecordNeedsAssessment', needs: ['shelter', 'education'] },
    );
    await reflectionOver(caseId);
    await run(
      caseId,
      { type: 'RecordPathwayChoice', pathway: 'integration', communication: COMM },
      { type: 'AgreeIntegrationPlan', milestones: ['residence-permit', 'language', 'housing'] },
      { type: 'ApplyForResidencePermit', ground: 'cooperation' },
      { type: 'RecordMilestoneReached', milestone: 'language' },
    );
    const s = await state(caseId);
    expect(s).toMatchObject({ phase: 'integration', pathway: 'integration' });
    expect(await types(caseId)).toEqual(
      expect.arrayContaining([
        'PathwayChosen',
        'IntegrationPlanAgreed',
        'ResidencePermitApplied',
        'IntegrationMilestoneReached',
      ]),
    );
    recordHistory(caseId, 'journey-integration');
  });

  it.each(['return', 'third-country'] as const)(
    '%s: executed only once the whole R14 gate holds, then follow-ups (R14, R16, R17)',
    async (pathway) => {
      const caseId = await openCase(h.client, h.taskQueue, fastPolicy());
      await prepareDeparture(caseId, pathway);
      // Not during reflection (R7), whatever else holds.
      await expect(send(h.client, caseId, { type: 'ExecuteReturn' })).rejects.toMatchObject({
        cause: { type: 'RuleViolation' },
      });
      await reflectionOver(caseId);
      await send(h.client, caseId, { type: 'ExecuteReturn' });
      await send(h.client, caseId, { type: 'RecordFollowUp', contact: 'reached' });
      expect(await state(caseId)).toMatchObject({ phase: 'follow-up' });
      expect(await types(caseId)).toEqual(
        expect.arrayContaining(['ReturnExecuted', 'FollowUpRecorded']),
      );
      recordHistory(caseId, `journey-${pathway}`);
    },
  );

  it('withdrawal before departure suspends the return and loses nothing (R15)', async () => {
    const caseId = await openCase(h.client, h.taskQueue, fastPolicy());
    await prepareDeparture(caseId, 'return');
    await reflectionOver(caseId);
    const consent = (await state(caseId)).consents.find((c) => c.scope.kind === 'return')!;
    await send(h.client, caseId, {
      type: 'WithdrawConsent',
      consentId: consent.consentId,
      communication: COMM,
    });
    const s = await state(caseId);
    expect(s.pathway).toBe('undecided');
    expect(await types(caseId)).toContain('ReturnSuspended');
    // Nothing lost: the plan, funding, contacts and travel stay recorded.
    expect(s.reintegrationPlans.return).toBeDefined();
    expect(s.travelArranged.return).toBeDefined();
    // Back to her pathway choice (R12): there is no departure to execute.
    await expect(send(h.client, caseId, { type: 'ExecuteReturn' })).rejects.toMatchObject({
      cause: { type: 'RuleViolation', details: [{ rule: 'R12' }] },
    });
    recordHistory(caseId, 'journey-withdrawal');
  });

  it('reminds the caseworker before a deadline and escalates to supervisors after it (R19, R20)', async () => {
    const policy = fastPolicy({
      reflection: { ...SE.reflection, period: 'P30D' },
      deadlines: { ...SE.deadlines, identificationDecision: 'PT4S' },
      reminderBefore: 'PT2S',
      escalateAfter: 'PT2S',
    });
    const caseId = await openCase(h.client, h.taskQueue, policy);
    const events = await eventually(
      () => types(caseId),
      (t) => t.includes('DeadlineEscalated'),
    );
    expect(events.filter((t) => t === 'DeadlineReminderSent').length).toBeGreaterThanOrEqual(1);
    const inbox = new NotificationRepository(h.dataSource);
    const caseworkerInbox = await inbox.inbox({ ...CASEWORKER, limit: 50, unreadOnly: true });
    const mine = caseworkerInbox.filter((n) => n.caseId === caseId);
    expect(mine).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'reminder', deadline: 'identification-decision' }),
      ]),
    );
    const supervisorInbox = await inbox.inbox({ ...SUPERVISOR, limit: 50, unreadOnly: true });
    expect(supervisorInbox.filter((n) => n.caseId === caseId)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'escalation', deadline: 'identification-decision' }),
      ]),
    );
    // A supervisor of another organisation sees none of it.
    const other = await inbox.inbox({
      userId: 'x',
      organisationId: 'no-ngo-1',
      role: 'supervisor',
      limit: 50,
      unreadOnly: false,
    });
    expect(other.filter((n) => n.caseId === caseId)).toEqual([]);
    recordHistory(caseId, 'journey-reminder-escalation');
  });

  it('closure, then erasure when retention ends: the key is destroyed and the run completes (R23, P7)', async () => {
    const caseId = await openCase(
      h.client,
      h.taskQueue,
      fastPolicy({ retentionAfterClosure: 'PT2S' }),
    );
    await run(
      caseId,
      {
        type: 'RecordPersonDetails',
        personal: { identity: { givenName: `Erasable-${randomUUID()}` } },
      },
      { type: 'CloseCase', reason: 'support-completed' },
    );
    expect(await h.keys.isDestroyed(caseId)).toBe(false);
    const handle = h.client.workflow.getHandle(caseId);
    await handle.result();
    expect(await types(caseId)).toContain('PersonalDataErased');
    expect(await h.keys.isDestroyed(caseId)).toBe(true);
    const details = (await h.store.readCase(caseId)).find(
      (e) => e.type === 'PersonDetailsRecorded',
    )!;
    expect(
      await h.keys.decryptPersonal(caseId, details.data as Record<string, unknown>, [
        'personal.identity',
      ]),
    ).toEqual(expect.objectContaining({ personal: { identity: { erased: true } } }));
    recordHistory(caseId, 'journey-closure-erasure');
  });
});
