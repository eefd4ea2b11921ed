/**
 * Issue 10 through the API: facts dated when they happened (R24–R26), who decided (R27), the
 * conclusive identification (R28), and the phase after she withdraws her return consent (R29).
 */
import { addDuration, subtractDuration } from '@ariadne/domain';
import { type ApiStack, type Caller, type HttpResult, startApiStack } from '../support/stack';

jest.setTimeout(120_000);

const HER = { language: 'ro', interpreterUsed: false };

describe('facts dated when they happened (issue 10)', () => {
  let stack: ApiStack;
  let caseworker: Caller;

  beforeAll(async () => {
    stack = await startApiStack();
    caseworker = await stack.as('se-ngo-1-cw-1');
  });
  afterAll(async () => {
    await stack?.close();
  });

  const ago = (days: number): string => subtractDuration(new Date().toISOString(), `P${days}D`);

  async function open(occurredAt?: string): Promise<string> {
    const res = await caseworker('POST', '/api/v1/cases', {
      referralSource: 'police',
      ...(occurredAt !== undefined && { occurredAt }),
    });
    expect([res.status, res.status === 201 ? undefined : res.body]).toEqual([201, undefined]);
    return res.body.caseId;
  }

  function post(caseId: string) {
    return (path: string, body: unknown = {}) =>
      caseworker('POST', `/api/v1/cases/${caseId}/${path}`, body);
  }

  async function ok(res: Promise<HttpResult>): Promise<HttpResult['body']> {
    const r = await res;
    expect([r.status, r.status === 200 ? undefined : r.body]).toEqual([200, undefined]);
    return r.body;
  }

  function expectRule(res: HttpResult, status: number, rule: string): void {
    expect([res.status, res.body?.rule]).toEqual([status, rule]);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
  }

  async function reflectionEnd(caseId: string): Promise<string> {
    const res = await caseworker('GET', `/api/v1/cases/${caseId}/deadlines`);
    expect(res.status).toBe(200);
    const items = (res.body.deadlines ?? res.body.items ?? res.body) as Array<{
      deadline: string;
      dueAt: string;
    }>;
    const end = items.find((d) => d.deadline === 'reflection-end');
    expect(end).toBeDefined();
    return end!.dueAt;
  }

  it('a reasonable-grounds decision recorded today with occurredAt 10 days ago ends reflection 10 days earlier', async () => {
    const late = await open(ago(12));
    const onTheDay = await open(ago(12));
    await ok(
      post(late)('identification', {
        outcome: 'reasonable-grounds',
        decidedBy: 'police',
        occurredAt: ago(10),
      }),
    );
    await ok(
      post(onTheDay)('identification', { outcome: 'reasonable-grounds', decidedBy: 'police' }),
    );
    const endLate = Date.parse(await reflectionEnd(late));
    const endOnTheDay = Date.parse(await reflectionEnd(onTheDay));
    const tenDays = 10 * 24 * 3600 * 1000;
    // The two commands ran a few seconds apart; the difference is ten days to within a minute.
    expect(Math.abs(endOnTheDay - endLate - tenDays)).toBeLessThan(60_000);
    // The timeline keeps both times.
    const timeline = await caseworker('GET', `/api/v1/cases/${late}/timeline`);
    expect(timeline.status).toBe(200);
    expect(JSON.stringify(timeline.body)).toContain('"occurredAt"');
  });

  it('a future occurredAt is 422 naming R24; before the referral R25; older than the policy lag R26', async () => {
    const caseId = await open();
    const cmd = post(caseId);
    const future = addDuration(new Date().toISOString(), 'PT1H');
    expectRule(
      await cmd('identification', {
        outcome: 'reasonable-grounds',
        decidedBy: 'ngo',
        occurredAt: future,
      }),
      422,
      'R24',
    );
    expectRule(
      await cmd('identification', {
        outcome: 'reasonable-grounds',
        decidedBy: 'ngo',
        occurredAt: ago(1),
      }),
      422,
      'R25',
    );
    expectRule(
      await caseworker('POST', '/api/v1/cases', { referralSource: 'police', occurredAt: ago(91) }),
      422,
      'R26',
    );
    const old = await open(ago(89));
    expectRule(await post(old)('health-check-offered', { occurredAt: ago(95) }), 422, 'R25');
    // The refusals echo nothing sent.
    const refused = await cmd('identification', {
      outcome: 'reasonable-grounds',
      decidedBy: 'ngo',
      occurredAt: future,
    });
    expect(JSON.stringify(refused.body)).not.toContain(future);
  });

  it('who decided is required (400 names the field); null occurredAt means now; a malformed one is 400', async () => {
    const caseId = await open();
    const cmd = post(caseId);
    const missing = await cmd('identification', { outcome: 'reasonable-grounds' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(['decidedBy']);
    const malformed = await cmd('identification', {
      outcome: 'reasonable-grounds',
      decidedBy: 'ngo',
      occurredAt: 'yesterday',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors.map((e: { field: string }) => e.field)).toEqual(['occurredAt']);
    await ok(
      cmd('identification', { outcome: 'reasonable-grounds', decidedBy: 'ngo', occurredAt: null }),
    );
    // A command that records nothing that happened takes no occurredAt.
    const request = await cmd('services', {
      kind: 'psychosocial',
      basis: 'immediate',
      occurredAt: ago(0),
    });
    expect(request.status).toBe(400);
  });

  it('a conclusive decision follows a positive reasonable-grounds decision (R28)', async () => {
    const caseId = await open();
    const cmd = post(caseId);
    expectRule(
      await cmd('identification/conclusive', { outcome: 'positive', decidedBy: 'police' }),
      409,
      'R28',
    );
    await ok(cmd('identification', { outcome: 'reasonable-grounds', decidedBy: 'police' }));
    const negative = await ok(
      cmd('identification/conclusive', { outcome: 'negative', decidedBy: 'migration-authority' }),
    );
    // A negative conclusive decision ends nothing by itself: reflection runs on.
    expect(negative).toMatchObject({ status: 'open', phase: 'reflection' });
    await ok(cmd('identification/conclusive', { outcome: 'positive', decidedBy: 'police' }));
    expectRule(
      await cmd('identification/conclusive', { outcome: 'negative', decidedBy: 'police' }),
      409,
      'R28',
    );
  });

  it('R29: after she withdraws her return consent the phase is the pathway choice, even after a negative identification', async () => {
    const caseId = await open();
    const cmd = post(caseId);
    await ok(cmd('identification', { outcome: 'no-reasonable-grounds', decidedBy: 'police' }));
    await ok(cmd('pathway', { pathway: 'return', communication: HER }));
    const consented = await ok(cmd('consents', { scope: { kind: 'return' }, communication: HER }));
    expect(consented.phase).toBe('return');
    const withdrawn = await ok(cmd('consents/consent-1/withdrawal', { communication: HER }));
    expect(withdrawn).toMatchObject({ phase: 'pathway', pathway: 'undecided' });
  });
});
