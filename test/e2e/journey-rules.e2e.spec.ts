/**
 * The journey's commands refused over HTTP, phase by phase: 400 naming the field (never its
 * value), 403/409/422 naming the rule of docs/rules.md, and the OpenAPI document covering every
 * command a person issues.
 */
import { randomUUID } from 'node:crypto';
import { COMMAND_ROUTES } from '../../apps/api/src/cases/commands/command-routes';
import { type ApiStack, type Caller, type HttpResult, startApiStack } from '../support/stack';

jest.setTimeout(60_000);

const HER = { language: 'ro', interpreterUsed: false };

describe('journey commands refused, with the field or the rule named', () => {
  let stack: ApiStack;
  let caseworker: Caller;
  let supervisor: Caller;

  beforeAll(async () => {
    stack = await startApiStack();
    caseworker = await stack.as('se-ngo-1-cw-1');
    supervisor = await stack.as('se-ngo-1-sup');
  });
  afterAll(async () => {
    await stack?.close();
  });

  async function open(): Promise<string> {
    const res = await caseworker('POST', '/api/v1/cases', { referralSource: 'police' });
    expect(res.status).toBe(201);
    return res.body.caseId;
  }

  function post(caseId: string, as: Caller = caseworker) {
    return (path: string, body: unknown = {}, headers?: Record<string, string>) =>
      as('POST', `/api/v1/cases/${caseId}/${path}`, body, headers);
  }

  async function ok(res: Promise<HttpResult>): Promise<HttpResult['body']> {
    const r = await res;
    expect([r.status, r.status === 200 ? undefined : r.body]).toEqual([200, undefined]);
    return r.body;
  }

  /** A 400 that names exactly these fields and echoes none of the values sent. */
  function expectInvalid(res: HttpResult, fields: string[], sent: string[] = []): void {
    const named = new Set<string>(res.body?.errors?.map((e: { field: string }) => e.field));
    expect([res.status, [...named].sort()]).toEqual([400, [...fields].sort()]);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    for (const value of sent) expect(JSON.stringify(res.body)).not.toContain(value);
  }

  function expectRule(res: HttpResult, status: number, rule: string): void {
    expect([res.status, res.body?.rule]).toEqual([status, rule]);
    expect(res.body).toMatchObject({ type: expect.stringMatching(/rule-violation$/) });
    expect(res.body.title).toContain(rule);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
  }

  it('400 names the field and never echoes a value, in every phase', async () => {
    const caseId = await open();
    const cmd = post(caseId);

    // Intake: personal data is validated by category and field (HTCDS formats).
    expectInvalid(
      await cmd('person-details', {
        personal: { identity: { givenName: 'Elena', nationality: 'Romania' } },
      }),
      ['personal.identity.nationality'],
      ['Elena', 'Romania'],
    );
    expectInvalid(
      await cmd('person-details', {
        personal: { 'contact-location': { phone: '0700 123', email: 'not-mail' } },
      }),
      ['personal.contact-location.phone', 'personal.contact-location.email'],
      ['0700 123', 'not-mail'],
    );
    // Unknown fields are refused at every depth, and so is a category the command may not carry.
    expectInvalid(
      await cmd('person-details', { personal: { identity: { favouriteColour: 'blue' } } }),
      ['personal.identity.favouriteColour'],
    );
    expectInvalid(
      await cmd('assessments/needs', {
        needs: ['shelter'],
        personal: { identity: { givenName: 'Elena' } },
      }),
      ['personal.identity'],
      ['Elena'],
    );
    expectInvalid(await cmd('person-details', {}), ['personal']);
    expectInvalid(await cmd('immediate-needs', { need: 'rumour' }), ['need']);
    expectInvalid(await cmd('health-check-offered', { note: 'x' }), ['note']);

    // Reflection, support: formats and variants.
    expectInvalid(await cmd('reflection/extension', { totalPeriod: '60 days' }), ['totalPeriod']);
    expectInvalid(
      await cmd('assessments/risk', { scope: 'departure', level: 'low', protectionMeasures: [] }),
      ['pathway', 'acceptable'],
    );
    expectInvalid(
      await cmd('assessments/risk', {
        scope: 'general',
        level: 'low',
        protectionMeasures: ['prayer'],
        acceptable: true,
      }),
      ['protectionMeasures', 'acceptable'],
    );
    expectInvalid(
      await cmd('consents', {
        scope: { kind: 'return', service: 'shelter' },
        communication: HER,
      }),
      ['scope.service'],
    );
    expectInvalid(
      await cmd('consents', {
        scope: { kind: 'data-sharing', purpose: 'services' },
        communication: HER,
      }),
      ['scope.recipientOrganisationId', 'scope.categories'],
    );
    // Her decision always carries how she expressed it (R12).
    expectInvalid(await cmd('consents', { scope: { kind: 'service', service: 'shelter' } }), [
      'communication',
    ]);
    expectInvalid(
      await cmd('pathway', {
        pathway: 'return',
        communication: { language: 'Romanian', interpreterUsed: 'yes' },
      }),
      ['communication.language', 'communication.interpreterUsed'],
      ['Romanian'],
    );
    expectInvalid(await cmd('services/shelter/provided', {}), ['serviceId']);

    // Pathway, departure, referral, management.
    expectInvalid(await cmd('residence-permit/decision', { outcome: 'granted' }), ['expiresAt']);
    expectInvalid(
      await cmd('residence-permit/decision', {
        outcome: 'refused',
        expiresAt: '2030-01-01T00:00:00Z',
      }),
      ['expiresAt'],
    );
    expectInvalid(await cmd('departure/travel', { pathway: 'integration' }), ['pathway']);
    expectInvalid(
      await cmd('referrals', {
        recipientOrganisationId: 'Receiving Org',
        recipientCountry: 'ro',
        purpose: 'services',
        categories: ['everything'],
      }),
      ['recipientOrganisationId', 'recipientCountry', 'categories'],
      ['Receiving Org'],
    );
    expectInvalid(await cmd('closure', {}), ['reason']);
    expectInvalid(
      await cmd(
        'identification',
        { outcome: 'reasonable-grounds', decidedBy: 'police' },
        { 'if-match': 'v1' },
      ),
      ['If-Match'],
    );

    // Nothing was written by any of these.
    expect((await caseworker('GET', `/api/v1/cases/${caseId}`)).body.version).toBe(1);
  });

  it('403 names the rule when a caseworker issues a supervisor’s decision (R8, R22)', async () => {
    const caseId = await open();
    await ok(
      post(caseId)('identification', { outcome: 'reasonable-grounds', decidedBy: 'police' }),
    );

    const early = await post(caseId)('reflection/early-end', { reason: 'public-order' });
    expectRule(early, 403, 'R8');
    const reassign = await post(caseId)('reassignment', {
      assigneeId: 'se-ngo-1-cw-2',
      reason: 'workload',
    });
    expectRule(reassign, 403, 'R22');
    // A supervisor of another organisation does not even see the case (P3).
    const elsewhere = await stack.as('no-ngo-1-sup');
    expect(
      (await post(caseId, elsewhere)('reflection/early-end', { reason: 'public-order' })).status,
    ).toBe(404);
    // Roles with no case content are refused before anything else.
    const coordinator = await stack.as('se-coordinator');
    const refused = await post(caseId, coordinator)('closure', { reason: 'contact-lost' });
    expect(refused.status).toBe(403);

    // The supervisor of her organisation decides, with a reason (R8).
    const ended = await ok(
      post(caseId, supervisor)('reflection/early-end', { reason: 'improper-claim' }),
    );
    expect(ended.reflectionEndedAt).not.toBeNull();
    const timeline = await caseworker('GET', `/api/v1/cases/${caseId}/timeline`);
    expect(timeline.body.at(-1)).toMatchObject({
      type: 'ReflectionPeriodEnded',
      actorRole: 'supervisor',
      data: { reason: 'improper-claim', decidedBy: 'se-ngo-1-sup' },
    });
    // R22: the new assignee must be an active caseworker of the case's organisation.
    const stranger = await post(caseId, supervisor)('reassignment', {
      assigneeId: 'no-ngo-1-cw-1',
      reason: 'workload',
    });
    expect(stranger.status).toBe(422);
    expect(stranger.body).toMatchObject({ rule: 'R22', errors: [{ field: 'assigneeId' }] });
  });

  it('409 when the case’s state refuses the command now, naming the rule', async () => {
    const caseId = await open();
    const cmd = post(caseId);
    expectRule(await cmd('immediate-needs/met', { need: 'accommodation' }), 409, 'R2');
    await ok(cmd('immediate-needs', { need: 'accommodation' }));
    expectRule(await cmd('immediate-needs', { need: 'accommodation' }), 409, 'R2');

    // R6: a planned service follows an assessed need; R4: health care whatever the plan says.
    expectRule(await cmd('services', { kind: 'education', basis: 'plan' }), 409, 'R6');
    await ok(cmd('services', { kind: 'health-care', basis: 'plan' }));
    // R5: provided only with her consent; she may decline it, once.
    expectRule(await cmd('services/service-1/provided'), 409, 'R5');
    await ok(cmd('services/service-1/declined', { communication: HER }));
    expectRule(await cmd('services/service-1/declined', { communication: HER }), 409, 'R5');

    expectRule(await cmd('integration-plan', { milestones: ['housing'] }), 409, 'R13');
    expectRule(await cmd('departure/execution'), 409, 'R12');
    expectRule(await cmd('follow-ups', { contact: 'reached' }), 409, 'R17');
    expectRule(await cmd('reflection/extension', { totalPeriod: 'P60D' }), 409, 'R7');
    expectRule(await cmd('residence-permit/decision', { outcome: 'refused' }), 409, 'R11');
    expectRule(
      await cmd('consents', { scope: { kind: 'return' }, communication: HER }),
      409,
      'R14',
    );
    await ok(cmd('pathway', { pathway: 'return', communication: HER }));
    expectRule(await cmd('pathway', { pathway: 'return', communication: HER }), 409, 'R12');
    // R18, P4: nothing is shared abroad without her consent for that recipient and purpose.
    expectRule(
      await cmd('referrals', {
        recipientOrganisationId: 'ro-recv-1',
        recipientCountry: 'RO',
        purpose: 'return-reception',
        categories: [],
      }),
      409,
      'R18',
    );
    await ok(cmd('identification', { outcome: 'reasonable-grounds', decidedBy: 'police' }));
    expectRule(
      await cmd('identification', { outcome: 'reasonable-grounds', decidedBy: 'police' }),
      409,
      'R1',
    );
    // R7: no departure while the reflection period runs, whatever else is ready.
    expectRule(await cmd('departure/execution'), 409, 'R7');
    await ok(cmd('closure', { reason: 'contact-lost' }));
    expectRule(await cmd('legal-steps', { step: 'police-report-filed' }), 409, 'R23');
  });

  it('422 when the command can never be accepted as sent, naming the rule', async () => {
    const caseId = await open();
    const cmd = post(caseId);
    const high = await cmd('assessments/risk', {
      scope: 'general',
      level: 'high',
      protectionMeasures: [],
      personal: { 'contact-location': { notes: 'Trafficker knows the flat' } },
    });
    expectRule(high, 422, 'R9');
    expect(JSON.stringify(high.body)).not.toContain('Trafficker');
    // Sweden's policy offers the permit on the cooperation ground only (R11).
    expectRule(
      await cmd('residence-permit/application', { ground: 'personal-situation' }),
      422,
      'R11',
    );
    await ok(cmd('residence-permit/application', { ground: 'cooperation' }));
    expectRule(
      await cmd('residence-permit/decision', {
        outcome: 'granted',
        expiresAt: '2020-01-01T00:00:00Z',
      }),
      422,
      'R11',
    );
    expectRule(await cmd('consents/consent-9/withdrawal', { communication: HER }), 422, 'R5');
    expectRule(await cmd('services/service-9/unavailable', { reason: 'no-capacity' }), 422, 'R6');
    expectRule(
      await cmd('referrals', {
        recipientOrganisationId: 'se-shelter-1',
        recipientCountry: 'SE',
        purpose: 'services',
        categories: [],
      }),
      422,
      'R18',
    );
    await ok(cmd('identification', { outcome: 'reasonable-grounds', decidedBy: 'police' }));
    // R7: an extension is a longer total period, never a shorter one.
    expectRule(await cmd('reflection/extension', { totalPeriod: 'P10D' }), 422, 'R7');
    await ok(cmd('reflection/extension', { totalPeriod: 'P2M' }));
  });

  it('a command without a body is a command without fields; unknown cases answer 404', async () => {
    const caseId = await open();
    expect((await caseworker('POST', `/api/v1/cases/${caseId}/health-check-offered`)).status).toBe(
      200,
    );
    const missing = await caseworker('POST', `/api/v1/cases/${randomUUID()}/health-check-offered`);
    expect(missing.status).toBe(404);
    expect(
      (await caseworker('POST', '/api/v1/cases/not-a-case/closure', { reason: 'contact-lost' }))
        .status,
    ).toBe(404);
    expect((await caseworker('GET', `/api/v1/cases/${randomUUID()}/deadlines`)).status).toBe(404);
  });

  it('the OpenAPI document has every command a person issues, each with its rule and body', async () => {
    const doc = await stack.anonymous('GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    for (const [type, route] of Object.entries(COMMAND_ROUTES)) {
      const op = doc.body.paths[`/api/v1/cases/{caseId}/${route.path}`]?.post;
      expect([type, op?.operationId]).toEqual([type, type]);
      expect(op.summary).toContain(`(${route.rule})`);
      expect(op.requestBody).toBeDefined();
      expect(Object.keys(op.responses)).toEqual(
        expect.arrayContaining(['200', '400', '404', '409', '422']),
      );
      if (route.supervisorOnly) expect(op.responses['403']).toBeDefined();
    }
    for (const path of ['actions', 'deadlines', 'readiness', 'timeline'])
      expect(doc.body.paths[`/api/v1/cases/{caseId}/${path}`]?.get).toBeDefined();
    expect(doc.body.paths['/api/v1/inbox']?.get).toBeDefined();
    expect(doc.body.paths['/api/v1/inbox/{id}/read']?.post).toBeDefined();
    // Personal data is documented under `personal`, by category.
    const schemas = doc.body.components.schemas;
    expect(Object.keys(schemas.PersonalIdentityContactDto.properties)).toEqual([
      'identity',
      'contact-location',
    ]);
  });
});
