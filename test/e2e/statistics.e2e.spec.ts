/**
 * Anonymised case statistics over HTTP (P8, docs/boards.md). Cases are opened through the API in
 * three organisations of two countries; their opening time is then moved, in the read model and
 * for this test only, to one day of the 1990s chosen at random, so that a from/to window holds
 * exactly these cases whatever else the shared test database holds.
 */
import { randomInt } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@ariadne/persistence';
import {
  type ApiStack,
  type Caller,
  DEMO_PASSWORD,
  mustEnv,
  startApiStack,
} from '../support/stack';
import { loginWithSecondFactor } from '../support/second-factor';

jest.setTimeout(120_000);

describe('case statistics (P8)', () => {
  let stack: ApiStack;
  let db: DataSource;
  let coordinator: Caller;
  const day = new Date(Date.UTC(1990, 0, 1) + randomInt(0, 3650) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const window = `from=${day}&to=${day}`;

  async function openMany(login: string, referralSource: string, n: number): Promise<string[]> {
    const caller = await stack.as(login);
    return Promise.all(
      Array.from({ length: n }, async () => {
        const res = await caller('POST', '/api/v1/cases', { referralSource });
        expect(res.status).toBe(201);
        return res.body.caseId as string;
      }),
    );
  }

  /** The raw body, for CSV (the test caller reads JSON only). */
  async function raw(login: string, path: string, headers: Record<string, string> = {}) {
    const login_ = await loginWithSecondFactor(stack.baseUrl, login, DEMO_PASSWORD);
    const res = await fetch(stack.baseUrl + path, {
      headers: { authorization: `Bearer ${login_.body.accessToken}`, ...headers },
    });
    return { status: res.status, headers: res.headers, text: await res.text() };
  }

  beforeAll(async () => {
    stack = await startApiStack();
    db = await createDataSource(mustEnv('DATABASE_URL')).initialize();
    coordinator = await stack.as('se-coordinator');
    const ids = (
      await Promise.all([
        // se-ngo-1: police 5, helpline 6, self-referral 2.
        openMany('se-ngo-1-cw-1', 'police', 5),
        openMany('se-ngo-1-cw-2', 'helpline', 6),
        openMany('se-ngo-1-cw-1', 'self-referral', 2),
        // se-shelter-1: police 2. Sweden then has police 7, helpline 6, self-referral 2.
        openMany('se-shelter-1-cw-1', 'police', 2),
        // no-ngo-1: police 2.
        openMany('no-ngo-1-cw-1', 'police', 2),
      ])
    ).flat();
    await db.query(
      `UPDATE case_summaries SET opened_at = $2::date + interval '9 hours' WHERE case_id = ANY($1)`,
      [ids, day],
    );
  });

  afterAll(async () => {
    await db?.destroy();
    await stack?.close();
  });

  it('counts by referral source; a small cell is null, and so is the next smallest (P8)', async () => {
    const res = await coordinator(
      'GET',
      `/api/v1/statistics/cases?groupBy=referralSource&${window}`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      threshold: 5,
      groupBy: ['referralSource'],
      from: day,
      to: day,
      withheld: false,
      rows: [
        // 6 is hidden too: otherwise 2 = total − 7 − 6.
        { referralSource: 'helpline', count: null, suppressed: true },
        { referralSource: 'police', count: 7, suppressed: false },
        { referralSource: 'self-referral', count: null, suppressed: true },
      ],
    });
    expect(res.headers.get('statistics-threshold')).toBe('5');
  });

  it('gives the total of the window when grouped by nothing', async () => {
    const res = await coordinator('GET', `/api/v1/statistics/cases?${window}`);
    expect(res.body.rows).toEqual([{ count: 15, suppressed: false }]);
  });

  it('shows a coordinator and an admin their own country only', async () => {
    const se = await coordinator(
      'GET',
      `/api/v1/statistics/cases?groupBy=country,status&${window}`,
    );
    expect(se.body.rows).toEqual([{ country: 'SE', status: 'open', count: 15, suppressed: false }]);
    const admin = await (
      await stack.as('se-admin')
    )('GET', `/api/v1/statistics/cases?groupBy=country,referralSource&${window}`);
    expect(admin.status).toBe(200);
    expect(admin.body.rows.map((r: { country: string }) => r.country)).toEqual(['SE', 'SE', 'SE']);
    const no = await (
      await stack.as('no-coordinator')
    )('GET', `/api/v1/statistics/cases?groupBy=country,referralSource&${window}`);
    // Two Norwegian cases: a cell of 2, suppressed; nothing Swedish.
    expect(no.body.rows).toEqual([
      { country: 'NO', referralSource: 'police', count: null, suppressed: true },
    ]);
  });

  it('shows a supervisor her own organisation only', async () => {
    const ngo = await (
      await stack.as('se-ngo-1-sup')
    )('GET', `/api/v1/statistics/cases?groupBy=referralSource,phase&${window}`);
    expect(ngo.status).toBe(200);
    expect(ngo.body.rows).toEqual([
      { referralSource: 'helpline', phase: 'intake', count: 6, suppressed: false },
      { referralSource: 'police', phase: 'intake', count: null, suppressed: true },
      { referralSource: 'self-referral', phase: 'intake', count: null, suppressed: true },
    ]);
    const shelter = await (
      await stack.as('se-shelter-1-sup')
    )('GET', `/api/v1/statistics/cases?groupBy=referralSource&${window}`);
    expect(shelter.body.rows).toEqual([
      { referralSource: 'police', count: null, suppressed: true },
    ]);
  });

  it('carries no id of a case, a person, a user or an organisation', async () => {
    const res = await coordinator(
      'GET',
      `/api/v1/statistics/cases?groupBy=country,phase,pathway,referralSource,status&${window}`,
    );
    expect(res.status).toBe(200);
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(text).not.toMatch(/se-ngo-1|se-shelter-1|cw-\d/);
    for (const row of res.body.rows) {
      expect(Object.keys(row).sort()).toEqual(
        ['count', 'country', 'pathway', 'phase', 'referralSource', 'status', 'suppressed'].sort(),
      );
    }
  });

  it('answers CSV for ?format=csv and for Accept: text/csv', async () => {
    const expected =
      'referralSource,count,suppressed\r\n' +
      'helpline,,true\r\n' +
      'police,7,false\r\n' +
      'self-referral,,true\r\n';
    const byQuery = await raw(
      'se-coordinator',
      `/api/v1/statistics/cases?groupBy=referralSource&${window}&format=csv`,
    );
    expect(byQuery.status).toBe(200);
    expect(byQuery.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(byQuery.headers.get('content-disposition')).toContain('case-statistics.csv');
    expect(byQuery.text).toBe(expected);
    const byAccept = await raw(
      'se-coordinator',
      `/api/v1/statistics/cases?groupBy=referralSource&${window}`,
      { accept: 'text/csv' },
    );
    expect(byAccept.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(byAccept.text).toBe(expected);
    // JSON stays the default, and ?format=json wins over the header.
    const json = await raw('se-coordinator', `/api/v1/statistics/cases?${window}&format=json`, {
      accept: 'text/csv',
    });
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('refuses a bad groupBy, date or format with 400 naming the field', async () => {
    for (const [query, field] of [
      ['groupBy=organisationId', 'groupBy'],
      ['groupBy=country,caseId', 'groupBy'],
      ['groupBy=country,country', 'groupBy'],
      ['from=2024-13-01', 'from'],
      ['to=yesterday', 'to'],
      ['from=2024-02-02&to=2024-02-01', 'to'],
      ['format=xlsx', 'format'],
      ['threshold=1', 'threshold'],
    ]) {
      const res = await coordinator('GET', `/api/v1/statistics/cases?${query}`);
      expect([query, res.status]).toEqual([query, 400]);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('refuses caseworkers and auditors (403)', async () => {
    for (const login of ['se-ngo-1-cw-1', 'se-auditor']) {
      const res = await (await stack.as(login))('GET', `/api/v1/statistics/cases?${window}`);
      expect([login, res.status]).toEqual([login, 403]);
    }
    expect((await stack.anonymous('GET', '/api/v1/statistics/cases')).status).toBe(401);
  });
});
