/**
 * A case end to end, as a client drives it: real HTTP → API → Temporal update → worker →
 * PostgreSQL, then reads back through the API and checks Temporal's own view of the case.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { SA } from '@ariadne/contracts';
import { startApiStack, type ApiStack } from '../support/stack';

jest.setTimeout(90_000);

describe('cases over HTTP', () => {
  let stack: ApiStack;
  let temporal: Client;

  beforeAll(async () => {
    stack = await startApiStack();
    temporal = new Client({
      connection: await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! }),
    });
  });
  afterAll(async () => {
    await temporal?.connection.close();
    await stack?.close();
  });

  async function call(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const res = await fetch(stack.baseUrl + path, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  }

  const openBody = {
    referralSource: 'ngo-outreach',
    country: 'SE',
    organisationId: 'se-ngo-1',
    assigneeId: 'cw-anna',
  };

  it('opens a case, records reasonable grounds and shows the reflection end date (R1, R7)', async () => {
    const opened = await call('POST', '/api/v1/cases', openBody);
    expect(opened.status).toBe(201);
    const caseId: string = opened.body.caseId;
    expect(caseId).toMatch(/^[0-9a-f-]{36}$/);
    expect(opened.headers.get('location')).toBe(`/api/v1/cases/${caseId}`);
    expect(opened.headers.get('etag')).toBe('"1"');
    expect(opened.body).toMatchObject({
      version: 1,
      phase: 'intake',
      country: 'SE',
      reflectionEndsAt: null,
    });

    const decided = await call(
      'POST',
      `/api/v1/cases/${caseId}/identification`,
      { outcome: 'reasonable-grounds' },
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
    const read = await call('GET', `/api/v1/cases/${caseId}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(decided.body);
    expect(read.headers.get('etag')).toBe('"3"');

    const timeline = await call('GET', `/api/v1/cases/${caseId}/timeline`);
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
      decided.body.reflectionEndsAt,
    );
  });

  it('a second decision is refused with the rule id, and nothing is written (R1)', async () => {
    const { body } = await call('POST', '/api/v1/cases', openBody);
    await call('POST', `/api/v1/cases/${body.caseId}/identification`, {
      outcome: 'reasonable-grounds',
    });
    const again = await call('POST', `/api/v1/cases/${body.caseId}/identification`, {
      outcome: 'no-reasonable-grounds',
    });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(again.body).toMatchObject({ status: 409, rule: 'R1' });
    const timeline = await call('GET', `/api/v1/cases/${body.caseId}/timeline`);
    expect(timeline.body).toHaveLength(3);
  });

  it('invalid bodies get 400 naming the field; unknown fields are refused', async () => {
    const bad = await call('POST', '/api/v1/cases', {
      ...openBody,
      country: 'XX',
      referralSource: undefined,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'country',
      'referralSource',
    ]);
    const extra = await call('POST', '/api/v1/cases', { ...openBody, name: 'Someone' });
    expect(extra.status).toBe(400);
    expect(extra.body.errors).toEqual([expect.objectContaining({ field: 'name' })]);
    // The refused value is not echoed back.
    expect(JSON.stringify(extra.body)).not.toContain('Someone');
  });

  it('unknown cases answer 404, whatever the id looks like', async () => {
    expect((await call('GET', `/api/v1/cases/${randomUUID()}`)).status).toBe(404);
    expect((await call('GET', '/api/v1/cases/not-a-case')).status).toBe(404);
    const cmd = await call('POST', `/api/v1/cases/${randomUUID()}/identification`, {
      outcome: 'reasonable-grounds',
    });
    expect(cmd.status).toBe(404);
  });

  it('a stale If-Match is refused with 412 and writes nothing', async () => {
    const { body } = await call('POST', '/api/v1/cases', openBody);
    const stale = await call(
      'POST',
      `/api/v1/cases/${body.caseId}/identification`,
      { outcome: 'reasonable-grounds' },
      { 'if-match': '"7"' },
    );
    expect(stale.status).toBe(412);
    expect((await call('GET', `/api/v1/cases/${body.caseId}`)).body.version).toBe(1);
  });

  it('a retried request with the same Idempotency-Key is applied once', async () => {
    const { body } = await call('POST', '/api/v1/cases', openBody);
    const key = `retry-${randomUUID()}`;
    const path = `/api/v1/cases/${body.caseId}/identification`;
    const first = await call(
      'POST',
      path,
      { outcome: 'reasonable-grounds' },
      { 'idempotency-key': key },
    );
    const second = await call(
      'POST',
      path,
      { outcome: 'reasonable-grounds' },
      { 'idempotency-key': key },
    );
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body.version).toBe(3);
  });

  it('serves its OpenAPI document and health', async () => {
    const doc = await call('GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/cases',
        '/api/v1/cases/{caseId}',
        '/api/v1/cases/{caseId}/identification',
      ]),
    );
    const health = await call('GET', '/health');
    expect(health).toMatchObject({
      status: 200,
      body: { status: 'ok', database: 'up', temporal: 'up' },
    });
  });
});
