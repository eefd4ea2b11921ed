/**
 * Erasure on her request (P7, GDPR 17) through the API: a supervisor of the case's organisation
 * erases a closed case before retention ends; the worker destroys the case's key, her personal
 * data reads {"erased": true} on the timeline, and the audit chain still verifies. Also the
 * expiry of a consent as the consents route takes it (P4).
 */
import type { DataSource } from 'typeorm';
import { createDataSource } from '@ariadne/persistence';
import { type ApiStack, type Caller, mustEnv, startApiStack } from '../support/stack';

jest.setTimeout(60_000);

const HER = { language: 'ro', interpreterUsed: false };

describe('erasure on her request and consent expiry (P7, P4)', () => {
  let stack: ApiStack;
  let db: DataSource;
  let caseworker: Caller;
  let supervisor: Caller;

  beforeAll(async () => {
    stack = await startApiStack();
    db = await createDataSource(mustEnv('DATABASE_URL')).initialize();
    [caseworker, supervisor] = await Promise.all([
      stack.as('se-ngo-1-cw-1'),
      stack.as('se-ngo-1-sup'),
    ]);
  });
  afterAll(async () => {
    await db?.destroy();
    await stack?.close();
  });

  async function open(): Promise<string> {
    const res = await caseworker('POST', '/api/v1/cases', { referralSource: 'police' });
    expect(res.status).toBe(201);
    return String(res.body.caseId);
  }

  it('a supervisor erases a closed case on her request; the key is destroyed (P7, R23)', async () => {
    const caseId = await open();
    const post = (as: Caller, path: string, body: unknown) =>
      as('POST', `/api/v1/cases/${caseId}/${path}`, body);
    expect(
      (
        await post(caseworker, 'person-details', {
          personal: { identity: { givenName: 'Ana', nationality: 'MD' } },
        })
      ).status,
    ).toBe(200);

    // Open: close it first, with a reason (R23).
    const open409 = await post(supervisor, 'erasure', { communication: HER });
    expect([open409.status, open409.body.rule]).toEqual([409, 'R23']);

    expect((await post(caseworker, 'closure', { reason: 'she-ended-contact' })).status).toBe(200);
    // Her caseworker records her decisions, but erasure is a supervisor's (P7).
    const cw403 = await post(caseworker, 'erasure', { communication: HER });
    expect([cw403.status, cw403.body.rule]).toEqual([403, 'P7']);
    // Her request is recorded as her decision: the language she used is required.
    expect((await post(supervisor, 'erasure', {})).status).toBe(400);

    const erased = await post(supervisor, 'erasure', { communication: HER });
    expect(erased.status).toBe(200);
    expect(erased.body.status).toBe('closed');

    const timeline = await supervisor('GET', `/api/v1/cases/${caseId}/timeline`);
    expect(timeline.status).toBe(200);
    expect(timeline.body.map((e: { type: string }) => e.type)).toEqual([
      'CaseOpened',
      'PersonDetailsRecorded',
      'CaseClosed',
      'PersonalDataErased',
    ]);
    const last = timeline.body[3];
    expect(last).toMatchObject({ actorRole: 'supervisor', occurredAt: expect.any(String) });
    expect(last.data).toEqual({
      erasedAt: expect.any(String),
      categories: [
        'identity',
        'contact-location',
        'health',
        'legal',
        'immigration',
        'return',
        'notes',
      ],
      reason: 'her-request',
      erasedBy: 'se-ngo-1-sup',
      interpreterUsed: false,
      personal: { identity: { erased: true } },
    });
    expect(timeline.body[1].data).toEqual({
      recordedAt: expect.any(String),
      personal: { identity: { erased: true } },
    });
    expect(JSON.stringify(timeline.body)).not.toContain('Ana');

    // The worker destroyed the case's key (crypto-shredding): nothing can decrypt her data.
    const keys: Array<{ wrapped_key: Buffer | null; destroyed_by: string | null }> = await db.query(
      'SELECT wrapped_key, destroyed_by FROM case_keys WHERE case_id = $1',
      [caseId],
    );
    expect(keys).toEqual([{ wrapped_key: null, destroyed_by: 'se-ngo-1-sup' }]);

    // Final: nothing more is offered, and a second erasure is refused with R23. The case's run
    // has completed (patched 'complete-after-erasure'); the API answers for the final case.
    const actions = await supervisor('GET', `/api/v1/cases/${caseId}/actions`);
    expect(actions.body.actions).toEqual([]);
    const again = await post(supervisor, 'erasure', { communication: HER });
    expect(again.status).toBe(409);
    expect(again.body.rule).toBe('R23');

    // The audit chain, command included, still verifies.
    const auditor = await stack.as('se-auditor');
    const verify = await auditor('GET', '/api/v1/audit/verify');
    expect(verify.status).toBe(200);
    expect(verify.body).toMatchObject({ ok: true });
  });

  it('a consent may carry an expiry in the future (P4)', async () => {
    const caseId = await open();
    const consent = (expiresAt: unknown) =>
      caseworker('POST', `/api/v1/cases/${caseId}/consents`, {
        scope: { kind: 'service', service: 'shelter' },
        communication: HER,
        expiresAt,
      });
    expect((await consent('next month')).status).toBe(400);
    const past = await consent('2020-01-01T00:00:00Z');
    expect([past.status, past.body.rule]).toEqual([422, 'P4']);
    expect((await consent(new Date(Date.now() + 30 * 86_400_000).toISOString())).status).toBe(200);
    const timeline = await caseworker('GET', `/api/v1/cases/${caseId}/timeline`);
    const given = timeline.body.find((e: { type: string }) => e.type === 'ConsentGiven');
    expect(given.data.expiresAt).toEqual(expect.any(String));
    const deadlines = await caseworker('GET', `/api/v1/cases/${caseId}/deadlines`);
    expect(deadlines.status).toBe(200);
    expect(JSON.stringify(deadlines.body)).toContain('"consent-expiry-1"');
  });
});
