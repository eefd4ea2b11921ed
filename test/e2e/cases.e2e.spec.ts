/**
 * A case end to end, as a client drives it: real HTTP → API → Temporal update → worker →
 * PostgreSQL, then reads back through the API and checks Temporal's own view of the case.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { SA } from '@ariadne/contracts';
import { startApiStack, type ApiStack, type Caller } from '../support/stack';

jest.setTimeout(90_000);

describe('cases over HTTP', () => {
  let stack: ApiStack;
  let temporal: Client;
  let caseworker: Caller;

  beforeAll(async () => {
    stack = await startApiStack();
    caseworker = await stack.as('se-ngo-1-cw-1');
    temporal = new Client({
      connection: await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! }),
    });
  });
  afterAll(async () => {
    await temporal?.connection.close();
    await stack?.close();
  });

  const openBody = { referralSource: 'ngo-outreach' };

  async function openCase(): Promise<string> {
    const res = await caseworker('POST', '/api/v1/cases', openBody);
    expect(res.status).toBe(201);
    return res.body.caseId;
  }

  it('opens a case, records reasonable grounds and shows the reflection end date (R1, R7)', async () => {
    const opened = await caseworker('POST', '/api/v1/cases', openBody);
    expect(opened.status).toBe(201);
    const caseId: string = opened.body.caseId;
    expect(caseId).toMatch(/^[0-9a-f-]{36}$/);
    expect(opened.headers.get('location')).toBe(`/api/v1/cases/${caseId}`);
    expect(opened.headers.get('etag')).toBe('"1"');
    // The case belongs to the caller's organisation and follows its country's policy.
    expect(opened.body).toMatchObject({
      version: 1,
      phase: 'intake',
      country: 'SE',
      organisationId: 'se-ngo-1',
      assigneeId: 'se-ngo-1-cw-1',
      reflectionEndsAt: null,
    });

    const decided = await caseworker(
      'POST',
      `/api/v1/cases/${caseId}/identification`,
      { outcome: 'reasonable-grounds', decidedBy: 'police' },
      { 'if-match': '"1"' },
    );
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({
      version: 3,
      phase: 'reflection',
      identificationOutcome: 'reasonable-grounds',
    });
    const started = Date.parse(decided.body.reflectionStartedAt);
    // Sweden's policy: 30 days.
    expect(Date.parse(decided.body.reflectionEndsAt) - started).toBe(30 * 86_400_000);

    // Reads that follow see the write.
    const read = await caseworker('GET', `/api/v1/cases/${caseId}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(decided.body);
    expect(read.headers.get('etag')).toBe('"3"');

    const timeline = await caseworker('GET', `/api/v1/cases/${caseId}/timeline`);
    expect(timeline.body.map((e: { type: string }) => e.type)).toEqual([
      'CaseOpened',
      'IdentificationDecided',
      'ReflectionPeriodStarted',
    ]);

    // Temporal's own view: the workflow id is the case id; search attributes hold no personal data.
    const described = await temporal.workflow.getHandle(caseId).describe();
    expect(described.status.name).toBe('RUNNING');
    expect(described.typedSearchAttributes.get(SA.phase)).toBe('reflection');
    expect(described.typedSearchAttributes.get(SA.nextDeadline)?.toISOString()).toBe(
      decided.body.nextDueAt,
    );
  });

  it('a second decision is refused with the rule id, and nothing is written (R1)', async () => {
    const caseId = await openCase();
    await caseworker('POST', `/api/v1/cases/${caseId}/identification`, {
      outcome: 'reasonable-grounds',
      decidedBy: 'police',
    });
    const again = await caseworker('POST', `/api/v1/cases/${caseId}/identification`, {
      outcome: 'no-reasonable-grounds',
      decidedBy: 'police',
    });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(again.body).toMatchObject({ status: 409, rule: 'R1' });
    const timeline = await caseworker('GET', `/api/v1/cases/${caseId}/timeline`);
    expect(timeline.body).toHaveLength(3);
  });

  it('invalid bodies get 400 naming the field; unknown fields are refused', async () => {
    const bad = await caseworker('POST', '/api/v1/cases', { referralSource: 'rumour' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['referralSource']);
    const extra = await caseworker('POST', '/api/v1/cases', { ...openBody, name: 'Someone' });
    expect(extra.status).toBe(400);
    expect(extra.body.errors).toEqual([expect.objectContaining({ field: 'name' })]);
    // The refused value is not echoed back.
    expect(JSON.stringify(extra.body)).not.toContain('Someone');
  });

  it('the responsible caseworker must be an active caseworker of the organisation (R22)', async () => {
    const other = await caseworker('POST', '/api/v1/cases', {
      ...openBody,
      assigneeId: 'no-ngo-1-cw-1',
    });
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ rule: 'R22', errors: [{ field: 'assigneeId' }] });
    const colleague = await caseworker('POST', '/api/v1/cases', {
      ...openBody,
      assigneeId: 'se-ngo-1-cw-2',
    });
    expect(colleague.status).toBe(201);
    expect(colleague.body.assigneeId).toBe('se-ngo-1-cw-2');
  });

  it('unknown cases answer 404, whatever the id looks like', async () => {
    expect((await caseworker('GET', `/api/v1/cases/${randomUUID()}`)).status).toBe(404);
    expect((await caseworker('GET', '/api/v1/cases/not-a-case')).status).toBe(404);
    const cmd = await caseworker('POST', `/api/v1/cases/${randomUUID()}/identification`, {
      outcome: 'reasonable-grounds',
      decidedBy: 'police',
    });
    expect(cmd.status).toBe(404);
  });

  it('need to know: other caseworkers and organisations get exactly what a missing case gets (P3)', async () => {
    const caseId = await openCase();
    const missing = await caseworker('GET', `/api/v1/cases/${randomUUID()}`);
    for (const login of [
      'se-ngo-1-cw-2',
      'no-ngo-1-cw-1',
      'no-ngo-1-sup',
      'se-admin',
      'se-auditor',
    ]) {
      const as = await stack.as(login);
      const res = await as('GET', `/api/v1/cases/${caseId}`);
      expect([login, res.status]).toEqual([
        login,
        login.endsWith('admin') || login.endsWith('auditor') ? 403 : 404,
      ]);
      if (res.status === 404) expect(res.body).toEqual(missing.body);
    }
    const supervisor = await stack.as('se-ngo-1-sup');
    expect((await supervisor('GET', `/api/v1/cases/${caseId}`)).status).toBe(200);
    expect((await stack.anonymous('GET', `/api/v1/cases/${caseId}`)).status).toBe(401);
  });

  it('a stale If-Match is refused with 412 and writes nothing', async () => {
    const caseId = await openCase();
    const stale = await caseworker(
      'POST',
      `/api/v1/cases/${caseId}/identification`,
      { outcome: 'reasonable-grounds', decidedBy: 'police' },
      { 'if-match': '"7"' },
    );
    expect(stale.status).toBe(412);
    expect((await caseworker('GET', `/api/v1/cases/${caseId}`)).body.version).toBe(1);
  });

  it('a retried request with the same Idempotency-Key is applied once', async () => {
    const caseId = await openCase();
    const key = `retry-${randomUUID()}`;
    const path = `/api/v1/cases/${caseId}/identification`;
    const body = { outcome: 'reasonable-grounds', decidedBy: 'police' };
    const first = await caseworker('POST', path, body, { 'idempotency-key': key });
    const second = await caseworker('POST', path, body, { 'idempotency-key': key });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body.version).toBe(3);
  });

  it('a retried POST /cases with the same Idempotency-Key opens one case', async () => {
    const headers = { 'idempotency-key': `open-${randomUUID()}` };
    const first = await caseworker('POST', '/api/v1/cases', openBody, headers);
    const second = await caseworker('POST', '/api/v1/cases', openBody, headers);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.caseId).toBe(first.body.caseId);
    const timeline = await caseworker('GET', `/api/v1/cases/${first.body.caseId}/timeline`);
    expect(timeline.body.map((e: { type: string }) => e.type)).toEqual(['CaseOpened']);
    // The case takes commands like any other.
    const decided = await caseworker('POST', `/api/v1/cases/${first.body.caseId}/identification`, {
      outcome: 'reasonable-grounds',
      decidedBy: 'police',
    });
    expect(decided.status).toBe(200);
    // Another key, another case.
    const other = await caseworker('POST', '/api/v1/cases', openBody, {
      'idempotency-key': `open-${randomUUID()}`,
    });
    expect(other.body.caseId).not.toBe(first.body.caseId);
  });

  it('serves its OpenAPI document and health without a token', async () => {
    const doc = await stack.anonymous('GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/cases',
        '/api/v1/cases/{caseId}',
        '/api/v1/cases/{caseId}/identification',
      ]),
    );
    const health = await stack.anonymous('GET', '/health');
    expect(health).toMatchObject({
      status: 200,
      body: { status: 'ok', database: 'up', temporal: 'up' },
    });
  });
});
