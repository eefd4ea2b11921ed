/**
 * The audit trail over HTTP (P5): the AuditInterceptor records requests to @Audited() routes
 * (shown on a probe controller added to the real application, so that this test does not depend
 * on which case routes are decorated), and auditors list and verify the trail.
 */
import {
  Controller,
  Get,
  HttpStatus,
  type INestApplication,
  Module,
  Param,
  Post,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { loginWithSecondFactor } from '../support/second-factor';
import { AuditTrail } from '@ariadne/persistence';
import { Audited } from '../../apps/api/src/audit';
import { Roles } from '../../apps/api/src/auth';
import { problem } from '../../apps/api/src/common/problem';
import {
  caller,
  DEMO_PASSWORD,
  type HttpResult,
  startApiStack,
  type ApiStack,
  type Caller,
} from '../support/stack';

jest.setTimeout(90_000);

const HIDDEN = '00000000-0000-4000-8000-000000000404';
const handled: string[] = [];

@Roles('caseworker', 'supervisor')
@Controller({ path: 'audit-probe', version: '1' })
class ProbeController {
  @Post()
  @Audited({ action: 'case.open', categories: ['case', 'identity'] })
  open(): { caseId: string } {
    return { caseId: randomUUID() };
  }

  @Get(':caseId')
  @Audited({ action: 'case.read', categories: ['case'] })
  read(@Param('caseId') caseId: string): { caseId: string; note: string } {
    handled.push(caseId);
    if (caseId === HIDDEN) throw problem(HttpStatus.NOT_FOUND, 'case-not-found', 'No such case');
    return { caseId, note: 'probe-case-body' };
  }

  @Post(':caseId/fail')
  @Audited({ action: 'case.command', categories: ['case', 'health'], purpose: 'service-delivery' })
  fail(): never {
    throw new Error('the command failed');
  }

  @Get(':caseId/plain')
  plain(@Param('caseId') caseId: string): { caseId: string } {
    return { caseId };
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe('audit trail over HTTP', () => {
  let stack: ApiStack;
  let probe: INestApplication;
  let probeUrl: string;
  let auditor: Caller;
  const probeAs = new Map<string, Caller>();

  beforeAll(async () => {
    stack = await startApiStack();
    auditor = await stack.as('se-auditor');
    // The real application with a probe controller: same configuration, database and secret.
    const { createApi } = await import('../../apps/api/src/bootstrap');
    probe = await createApi([ProbeModule]);
    await probe.listen(0, '127.0.0.1');
    probeUrl = `http://127.0.0.1:${(probe.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await probe?.close();
    await stack?.close();
  });

  async function as(login: string): Promise<Caller> {
    let c = probeAs.get(login);
    if (!c) {
      const res = await loginWithSecondFactor(probeUrl, login, DEMO_PASSWORD);
      expect(res.status).toBe(200);
      c = caller(probeUrl, res.body.accessToken);
      probeAs.set(login, c);
    }
    return c;
  }

  async function entriesOf(caseId: string): Promise<HttpResult['body'][]> {
    const res = await auditor('GET', `/api/v1/audit?caseId=${caseId}`);
    expect(res.status).toBe(200);
    return res.body.items;
  }

  it('records a read: who, what, which case, when, why, and the outcome', async () => {
    const caseId = randomUUID();
    const before = Date.now();
    const read = await (await as('se-ngo-1-cw-1'))('GET', `/api/v1/audit-probe/${caseId}`);
    expect(read.status).toBe(200);
    const [e, ...more] = await entriesOf(caseId);
    expect(more).toEqual([]);
    expect(e).toEqual({
      seq: expect.any(Number),
      at: expect.any(String),
      actorId: 'se-ngo-1-cw-1',
      actorRole: 'caseworker',
      organisationId: 'se-ngo-1',
      action: 'case.read',
      caseId,
      categories: ['case'],
      purpose: 'case-management',
      outcome: 'allowed',
      requestId: expect.stringMatching(/^[A-Za-z0-9_-]+$/),
      // No case of that id exists: no country to record. Not a refusal: no reason, no route.
      caseCountry: null,
      subjectRef: null,
      reason: null,
      route: null,
      alg: 'hmac-sha256',
      keyId: 'test-audit-2026',
      // Null only for the very first entry of the trail.
      prevHash: e.seq === 1 ? null : expect.stringMatching(/^[0-9a-f]{64}$/),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(Date.parse(e.at)).toBeGreaterThanOrEqual(before - 5_000);
    expect(Date.parse(e.at)).toBeLessThanOrEqual(Date.now() + 5_000);
  });

  it('records an opened case under the id the response gives it', async () => {
    const opened = await (await as('se-ngo-1-cw-1'))('POST', '/api/v1/audit-probe');
    expect(opened.status).toBe(201);
    expect(await entriesOf(opened.body.caseId)).toMatchObject([
      { action: 'case.open', outcome: 'allowed', categories: ['identity', 'case'] },
    ]);
  });

  it('records a refusal as denied and a failure as failed', async () => {
    const denied = await (await as('se-ngo-1-sup'))('GET', `/api/v1/audit-probe/${HIDDEN}`);
    expect(denied.status).toBe(404);
    const deniedEntries = await entriesOf(HIDDEN);
    expect(deniedEntries[deniedEntries.length - 1]).toMatchObject({
      actorId: 'se-ngo-1-sup',
      actorRole: 'supervisor',
      outcome: 'denied',
    });

    const caseId = randomUUID();
    const failed = await (await as('se-ngo-1-cw-1'))('POST', `/api/v1/audit-probe/${caseId}/fail`);
    expect(failed.status).toBe(500);
    expect(await entriesOf(caseId)).toMatchObject([
      {
        action: 'case.command',
        outcome: 'failed',
        categories: ['health', 'case'],
        purpose: 'service-delivery',
      },
    ]);
  });

  it('records nothing for a route that is not @Audited()', async () => {
    const caseId = randomUUID();
    expect(
      (await (await as('se-ngo-1-cw-1'))('GET', `/api/v1/audit-probe/${caseId}/plain`)).status,
    ).toBe(200);
    expect(await entriesOf(caseId)).toEqual([]);
  });

  it('answers 503 with Retry-After and sends no case data when the entry cannot be written', async () => {
    const trail = probe.get(AuditTrail);
    const spy = jest.spyOn(trail, 'append').mockRejectedValueOnce(new Error('database gone'));
    try {
      const caseId = randomUUID();
      const res = await (await as('se-ngo-1-cw-1'))('GET', `/api/v1/audit-probe/${caseId}`);
      expect(handled).toContain(caseId);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body).toMatchObject({ status: 503, title: 'The request could not be recorded' });
      expect(JSON.stringify(res.body)).not.toContain('probe-case-body');
      expect(JSON.stringify(res.body)).not.toContain('database gone');
    } finally {
      spy.mockRestore();
    }
  });

  it('lets only auditors read the trail', async () => {
    for (const login of ['se-ngo-1-cw-1', 'se-ngo-1-sup', 'se-admin', 'se-coordinator']) {
      const caller = await stack.as(login);
      expect((await caller('GET', '/api/v1/audit')).status).toBe(403);
      expect((await caller('GET', '/api/v1/audit/verify')).status).toBe(403);
    }
    expect((await stack.anonymous('GET', '/api/v1/audit')).status).toBe(401);
  });

  it("shows an auditor the entries of her own country's organisations only", async () => {
    const caseId = randomUUID();
    await (
      await as('se-ngo-1-cw-1')
    )('GET', `/api/v1/audit-probe/${caseId}`);
    await (
      await as('no-ngo-1-cw-1')
    )('GET', `/api/v1/audit-probe/${caseId}`);
    expect((await entriesOf(caseId)).map((e) => e.organisationId)).toEqual(['se-ngo-1']);
    const norwegian = await stack.as('no-auditor');
    const seen = await norwegian('GET', `/api/v1/audit?caseId=${caseId}`);
    expect(seen.body.items.map((e: { organisationId: string }) => e.organisationId)).toEqual([
      'no-ngo-1',
    ]);
  });

  it('filters by actor, action and time, and pages by cursor in seq order', async () => {
    const caseId = randomUUID();
    const cw = await as('se-ngo-1-cw-2');
    for (let i = 0; i < 3; i++) await cw('GET', `/api/v1/audit-probe/${caseId}`);
    const first = await auditor('GET', `/api/v1/audit?caseId=${caseId}&limit=2`);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toBe(String(first.body.items[1].seq));
    const second = await auditor(
      'GET',
      `/api/v1/audit?caseId=${caseId}&limit=2&after=${first.body.nextCursor}`,
    );
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const seqs = [...first.body.items, ...second.body.items].map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));

    const byActor = await auditor(
      'GET',
      `/api/v1/audit?actorId=se-ngo-1-cw-2&action=case.read&limit=500`,
    );
    expect(byActor.body.items.length).toBeGreaterThanOrEqual(3);
    expect(
      byActor.body.items.every((e: { actorId: string }) => e.actorId === 'se-ngo-1-cw-2'),
    ).toBe(true);

    const at = second.body.items[0].at as string;
    const window = await auditor(
      'GET',
      `/api/v1/audit?caseId=${caseId}&from=${encodeURIComponent(at)}&to=${encodeURIComponent(new Date(Date.parse(at) + 1).toISOString())}`,
    );
    expect(window.body.items.map((e: { seq: number }) => e.seq)).toContain(
      second.body.items[0].seq,
    );
    const future = await auditor('GET', `/api/v1/audit?caseId=${caseId}&from=2999-01-01T00:00:00Z`);
    expect(future.body.items).toEqual([]);
  });

  it.each([
    'limit=0',
    'limit=501',
    'caseId=Anna',
    'actorId=Anna%20Svensson',
    'from=yesterday',
    'after=-1',
    'name=Anna',
    'from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z',
  ])('refuses the query %s with 400', async (query) => {
    const res = await auditor('GET', `/api/v1/audit?${query}`);
    expect(res.status).toBe(400);
  });

  it('records that the trail was read', async () => {
    await auditor('GET', '/api/v1/audit?limit=1');
    const res = await auditor(
      'GET',
      '/api/v1/audit?actorId=se-auditor&action=audit.read&limit=500',
    );
    expect(res.body.items.length).toBeGreaterThanOrEqual(1);
    expect(res.body.items[0]).toMatchObject({
      actorRole: 'auditor',
      purpose: 'audit',
      categories: [],
    });
  });

  it('verifies the whole chain on request', async () => {
    const res = await auditor('GET', '/api/v1/audit/verify');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, count: expect.any(Number) });
    expect(res.body.count).toBeGreaterThan(5);
  });
});
