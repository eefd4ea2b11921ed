/**
 * The integration path of a journey, scripted through the API as a caseworker drives it: every
 * command over its own HTTP path, the actions list following the case, her personal data
 * encrypted at rest and decrypted on her timeline for those who need to know (P2, P3).
 */
import type { DataSource } from 'typeorm';
import { addDuration } from '@ariadne/domain';
import { createDataSource } from '@ariadne/persistence';
import { type ApiStack, type Caller, type HttpResult, startApiStack } from '../support/stack';

jest.setTimeout(60_000);

/** How she expressed her decisions: in Romanian, with an interpreter. */
const HER = { language: 'ro', interpreterUsed: true };

describe('an integration journey over HTTP', () => {
  let stack: ApiStack;
  let caseworker: Caller;
  let supervisor: Caller;
  let db: DataSource;

  beforeAll(async () => {
    stack = await startApiStack();
    caseworker = await stack.as('se-ngo-1-cw-1');
    supervisor = await stack.as('se-ngo-1-sup');
    db = await createDataSource(process.env.DATABASE_URL!).initialize();
  });
  afterAll(async () => {
    await db?.destroy();
    await stack?.close();
  });

  async function open(): Promise<string> {
    const res = await caseworker('POST', '/api/v1/cases', { referralSource: 'ngo-outreach' });
    expect(res.status).toBe(201);
    return res.body.caseId;
  }

  /** A command on the case; fails the test with the problem body unless it is accepted. */
  function on(caseId: string, as: Caller = caseworker) {
    return async (path: string, body: unknown = {}): Promise<HttpResult['body']> => {
      const res = await as('POST', `/api/v1/cases/${caseId}/${path}`, body);
      expect([path, res.status, res.status === 200 ? undefined : res.body]).toEqual([
        path,
        200,
        undefined,
      ]);
      expect(res.headers.get('etag')).toBe(`"${res.body.version}"`);
      return res.body;
    };
  }

  async function actionTypes(caseId: string, as: Caller = caseworker): Promise<string[]> {
    const res = await as('GET', `/api/v1/cases/${caseId}/actions`);
    expect(res.status).toBe(200);
    for (const a of res.body.actions) {
      expect(a.method).toBe('POST');
      expect(a.path.startsWith(`/api/v1/cases/${caseId}/`)).toBe(true);
      expect(a.rule).toMatch(/^[RP]\d+$/);
    }
    return res.body.actions.map((a: { type: string }) => a.type);
  }

  it('open → reasonable grounds → rights, health, assessments → services → her pathway → integration plan, milestones, permit', async () => {
    const caseId = await open();
    const cmd = on(caseId);

    // At intake: help before decisions (R2), identification pending (R1); nothing of later phases.
    const atIntake = await actionTypes(caseId);
    expect(atIntake).toEqual(
      expect.arrayContaining([
        'RecordPersonDetails',
        'RecordImmediateNeed',
        'RecordIdentification',
        'RequestService',
        'RecordPathwayChoice',
        'RecordLegalStep',
        'CloseCase',
      ]),
    );
    for (const t of [
      'RecordImmediateNeedMet',
      'ExtendReflectionPeriod',
      'EndReflectionPeriodEarly',
      'AgreeIntegrationPlan',
      'ExecuteReturn',
      'ReassignCase',
      'ReopenCase',
    ])
      expect(atIntake).not.toContain(t);

    await cmd('immediate-needs', { need: 'safety' });
    expect(await actionTypes(caseId)).toContain('RecordImmediateNeedMet');
    await cmd('immediate-needs/met', { need: 'safety' });
    await cmd('person-details', {
      personal: {
        identity: { givenName: 'Maria', familyName: 'Testa', nationality: 'RO', language: 'ro' },
        'contact-location': { phone: '+40700000001', notes: 'Not at the old address' },
      },
    });

    const identified = await cmd('identification', {
      outcome: 'reasonable-grounds',
      decidedBy: 'police',
    });
    expect(identified).toMatchObject({
      phase: 'reflection',
      identificationOutcome: 'reasonable-grounds',
    });
    const inReflection = await actionTypes(caseId);
    expect(inReflection).toContain('ExtendReflectionPeriod');
    expect(inReflection).not.toContain('RecordIdentification');
    // R8, R22: a supervisor's decisions are offered to the supervisor only.
    expect(inReflection).not.toContain('EndReflectionPeriodEarly');
    expect(await actionTypes(caseId, supervisor)).toEqual(
      expect.arrayContaining(['EndReflectionPeriodEarly', 'ReassignCase']),
    );

    await cmd('rights-information', {
      topics: ['victim-rights', 'reflection-period', 'residence'],
      communication: HER,
    });
    await cmd('health-check-offered');
    await cmd('assessments/needs', {
      needs: ['shelter', 'psychosocial', 'legal-counselling'],
      personal: { health: { notes: 'Needs trauma-informed care' } },
    });
    await cmd('assessments/risk', {
      scope: 'general',
      level: 'high',
      protectionMeasures: ['confidential-address', 'safety-plan'],
    });

    // Services of her plan (R6), each with her own consent (R5).
    await cmd('services', { kind: 'shelter', basis: 'plan' });
    await cmd('services', { kind: 'psychosocial', basis: 'plan' });
    expect(await actionTypes(caseId)).toEqual(
      expect.arrayContaining(['RecordServiceDeclined', 'RecordServiceUnavailable']),
    );
    await cmd('consents', { scope: { kind: 'service', service: 'shelter' }, communication: HER });
    await cmd('services/service-1/provided', {
      personal: { 'contact-location': { address: 'Confidential shelter, room 4' } },
    });
    await cmd('services/service-2/declined', { communication: HER });

    // Her pathway, as her decision (R12), even while reflection runs; nothing demanded of her (R7).
    expect(await actionTypes(caseId)).not.toContain('AgreeIntegrationPlan');
    const chosen = await cmd('pathway', { pathway: 'integration', communication: HER });
    expect(chosen).toMatchObject({ pathway: 'integration', phase: 'reflection' });
    expect(await actionTypes(caseId)).toContain('AgreeIntegrationPlan');

    await cmd('integration-plan', { milestones: ['residence-permit', 'language', 'housing'] });
    await cmd('milestones', { milestone: 'language' });
    await cmd('residence-permit/application', {
      ground: 'cooperation',
      personal: { immigration: { reference: 'MIG-2026-0001' } },
    });
    const expiresAt = addDuration(new Date().toISOString(), 'P6M');
    await cmd('residence-permit/decision', { outcome: 'granted', expiresAt });
    const last = await cmd('milestones', { milestone: 'residence-permit' });
    expect(last).toMatchObject({
      status: 'open',
      pathway: 'integration',
      returnReadiness: 'not-applicable',
    });

    // R19: the obligations, met or pending, with the rule each comes from.
    const due = await caseworker('GET', `/api/v1/cases/${caseId}/deadlines`);
    expect(due.status).toBe(200);
    const byKey = Object.fromEntries(
      due.body.deadlines.map((d: { deadline: string }) => [d.deadline, d]),
    );
    expect(byKey).toMatchObject({
      'identification-decision': { rule: 'R1', status: 'met' },
      'rights-information': { rule: 'R10', status: 'met' },
      'health-check-offered': { rule: 'R4', status: 'met' },
      'risk-assessment': { rule: 'R9', status: 'met' },
      'needs-assessment': { rule: 'R6', status: 'met' },
      'reflection-end': { rule: 'R7', status: 'pending' },
      'permit-expiry': { rule: 'R11', status: 'pending', dueAt: new Date(expiresAt).toISOString() },
    });
    // R14 applies to a departure only.
    const readiness = await caseworker('GET', `/api/v1/cases/${caseId}/readiness`);
    expect(readiness.body).toMatchObject({ applicable: false, ready: false, items: [] });

    // Her personal data: decrypted on the timeline for the assigned caseworker (and supervisor).
    const timeline = await caseworker('GET', `/api/v1/cases/${caseId}/timeline`);
    expect(timeline.status).toBe(200);
    const event = (type: string) =>
      timeline.body.find((e: { type: string }) => e.type === type)?.data;
    expect(event('PersonDetailsRecorded').personal).toEqual({
      identity: { givenName: 'Maria', familyName: 'Testa', nationality: 'RO', language: 'ro' },
      'contact-location': { phone: '+40700000001', notes: 'Not at the old address' },
    });
    expect(event('ServiceProvided').personal['contact-location'].address).toBe(
      'Confidential shelter, room 4',
    );
    expect(event('PathwayChosen')).toMatchObject({
      pathway: 'integration',
      interpreterUsed: true,
      personal: { identity: { language: 'ro' } },
    });
    expect(event('ResidencePermitApplied').personal.immigration.reference).toBe('MIG-2026-0001');
    const asSupervisor = await supervisor('GET', `/api/v1/cases/${caseId}/timeline`);
    expect(asSupervisor.body).toEqual(timeline.body);
    // Need to know (P3): another caseworker gets what a missing case gets.
    const other = await stack.as('se-ngo-1-cw-2');
    expect((await other('GET', `/api/v1/cases/${caseId}/timeline`)).status).toBe(404);
    expect((await other('GET', `/api/v1/cases/${caseId}/actions`)).status).toBe(404);

    // P2: at rest it is ciphertext; the summary never holds it.
    const rows: Array<{ data: { personal: Record<string, unknown> } }> = await db.query(
      `SELECT data FROM case_events WHERE case_id = $1 AND type = 'PersonDetailsRecorded'`,
      [caseId],
    );
    expect(String(rows[0]?.data.personal.identity)).toMatch(/^enc:/);
    expect(JSON.stringify(rows)).not.toContain('Maria');
    const summary = await caseworker('GET', `/api/v1/cases/${caseId}`);
    expect(JSON.stringify(summary.body)).not.toMatch(/Maria|shelter, room|MIG-2026/);
  });

  it('a supervisor reassigns (R22); the case moves with its actions; closure and reopening (R23)', async () => {
    const caseId = await open();
    const reassigned = await on(caseId, supervisor)('reassignment', {
      assigneeId: 'se-ngo-1-cw-2',
      reason: 'workload',
    });
    expect(reassigned.assigneeId).toBe('se-ngo-1-cw-2');
    // No case is orphaned, and no longer hers to see (P3).
    expect((await caseworker('GET', `/api/v1/cases/${caseId}/actions`)).status).toBe(404);
    const colleague = await stack.as('se-ngo-1-cw-2');
    const cmd = on(caseId, colleague);

    await cmd('identification', { outcome: 'no-reasonable-grounds', decidedBy: 'police' });
    const closed = await cmd('closure', { reason: 'no-reasonable-grounds' });
    expect(closed).toMatchObject({ status: 'closed', phase: 'closed' });
    expect(await actionTypes(caseId, colleague)).toEqual(['ReopenCase']);
    const reopened = await cmd('reopening', { reason: 'new-information' });
    expect(reopened.status).toBe('open');
    // R1: a negative decision can be reconsidered.
    expect(await actionTypes(caseId, colleague)).toContain('RecordIdentification');
  });
});
