/**
 * The network's indicators and the supervisor's caseload export over HTTP (issue 10).
 *
 * Indicators: a small journey of six cases is written into the event log and the summary read
 * model of one organisation (opened on one random day of the 1990s, so that a window holds
 * exactly these cases whatever else the shared test database holds): identification decisions
 * 1 to 6 days after referral, reflection periods ended, services requested and provided,
 * departures with and without a risk assessment before them, a first follow-up. The figures
 * come back exact where they may, suppressed where a cell is small (P8).
 *
 * Caseload: a supervisor's CSV of her organisation; a display name starting with '=' comes out
 * as text, not as a formula.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@ariadne/persistence';
import { loginWithSecondFactor } from '../support/second-factor';
import { type ApiStack, DEMO_PASSWORD, mustEnv, startApiStack } from '../support/stack';

jest.setTimeout(180_000);

const DAY_MS = 86_400_000;

describe('indicators and caseload export (issue 10)', () => {
  let stack: ApiStack;
  let db: DataSource;
  const day = new Date(Date.UTC(1990, 0, 1) + randomInt(0, 3650) * DAY_MS);
  const dayText = day.toISOString().slice(0, 10);
  const at = (days: number): string =>
    new Date(day.getTime() + 9 * 3_600_000 + days * DAY_MS).toISOString();

  async function raw(login: string, path: string, headers: Record<string, string> = {}) {
    const signedIn = await loginWithSecondFactor(stack.baseUrl, login, DEMO_PASSWORD);
    expect(typeof signedIn.body.accessToken).toBe('string');
    const res = await fetch(stack.baseUrl + path, {
      headers: { authorization: `Bearer ${String(signedIn.body.accessToken)}`, ...headers },
    });
    return { status: res.status, headers: res.headers, text: await res.text() };
  }

  /** One synthetic case of se-ngo-1 with the given events (versions from 1). */
  async function seedCase(events: Array<[string, Record<string, unknown>]>): Promise<string> {
    const caseId = randomUUID();
    await db.query(
      `INSERT INTO case_summaries (case_id, version, phase, country, organisation_id, assignee_id,
         referral_source, policy_version, opened_at, last_progress_at, status)
       VALUES ($1, $2, 'support', 'SE', 'se-ngo-1', 'se-ngo-1-cw-1', 'police', 'SE-test', $3, $3, 'closed')`,
      [caseId, events.length + 1, at(0)],
    );
    const all: Array<[string, Record<string, unknown>]> = [
      ['CaseOpened', { openedAt: at(0), referralSource: 'police' }],
      ...events,
    ];
    for (const [i, [type, data]] of all.entries()) {
      await db.query(
        `INSERT INTO case_events (event_id, case_id, version, type, data, metadata)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [randomUUID(), caseId, i + 1, type, data, { occurredAt: at(0), actorRole: 'caseworker' }],
      );
    }
    return caseId;
  }

  beforeAll(async () => {
    stack = await startApiStack();
    db = await createDataSource(mustEnv('DATABASE_URL')).initialize();
    for (let n = 1; n <= 6; n++) {
      const events: Array<[string, Record<string, unknown>]> = [
        ['IdentificationDecided', { outcome: 'reasonable-grounds', decidedAt: at(n) }],
        // An older assessment without the victim context, then the latest with it.
        ['NeedsAssessed', { assessedAt: at(2), needs: ['health-care'] }],
        [
          'NeedsAssessed',
          {
            assessedAt: at(3),
            needs: ['health-care'],
            victimContext: {
              typeOfExploitation:
                n <= 5 ? ['ForcedLabour', 'SexualExploitation'] : ['ForcedLabour'],
            },
          },
        ],
        [
          'ReflectionPeriodEnded',
          { endedAt: at(40), reason: n === 6 ? 'public-order' : 'elapsed' },
        ],
        [
          'ServiceRequested',
          { serviceId: 's1', kind: 'health-care', basis: 'plan', requestedAt: at(10) },
        ],
      ];
      if (n <= 5)
        events.push([
          'ServiceProvided',
          { serviceId: 's1', kind: 'health-care', providedAt: at(12) },
        ]);
      if (n <= 2)
        events.push([
          'ServiceRequested',
          { serviceId: 's2', kind: 'shelter', basis: 'plan', requestedAt: at(10) },
        ]);
      if (n <= 5) {
        events.push([
          'RiskAssessed',
          {
            assessedAt: at(45),
            scope: 'departure',
            pathway: 'return',
            level: 'low',
            protectionMeasures: [],
          },
        ]);
      }
      events.push([
        'ReturnExecuted',
        { pathway: 'return', departedAt: at(50), receivingOrganisationId: 'ro-recv-1' },
      ]);
      if (n <= 5)
        events.push(['FollowUpRecorded', { number: 1, contact: 'reached', recordedAt: at(80) }]);
      await seedCase(events);
    }
  });

  afterAll(async () => {
    await db?.destroy();
    await stack?.close();
  });

  const value = (
    rows: Array<{
      indicator: string;
      breakdown: string | null;
      measure: string;
      value: number | null;
      suppressed: boolean;
    }>,
    indicator: string,
    measure: string,
    breakdown: string | null = null,
  ) => {
    const r = rows.find(
      (x) => x.indicator === indicator && x.measure === measure && x.breakdown === breakdown,
    );
    if (!r) throw new Error(`no ${indicator}/${breakdown}/${measure}`);
    return r.suppressed ? 'suppressed' : r.value;
  };

  it('computes the indicators of the window, suppressing small cells (P8)', async () => {
    const coordinator = await stack.as('se-coordinator');
    const res = await coordinator(
      'GET',
      `/api/v1/statistics/indicators?from=${dayText}&to=${dayText}`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ threshold: 5, from: dayText, to: dayText });
    const rows = res.body.rows;
    // 1 to 6 days: median 3.5, p90 5.5 (linear interpolation).
    expect(value(rows, 'referral-to-identification', 'cases')).toBe(6);
    expect(value(rows, 'referral-to-identification', 'median-days')).toBe(3.5);
    expect(value(rows, 'referral-to-identification', 'p90-days')).toBe(5.5);
    // 5 in full and 1 ended early: the 1 is small, so both parts and the share are hidden.
    expect(value(rows, 'reflection-granted-in-full', 'ended')).toBe(6);
    expect(value(rows, 'reflection-granted-in-full', 'granted-in-full')).toBe('suppressed');
    expect(value(rows, 'reflection-granted-in-full', 'share')).toBe('suppressed');
    // Offered: health care 6, shelter 2 (small; health care hidden with it); provided 5 and 0.
    expect(value(rows, 'services-offered-provided', 'offered', 'health-care')).toBe('suppressed');
    expect(value(rows, 'services-offered-provided', 'offered', 'shelter')).toBe('suppressed');
    expect(value(rows, 'services-offered-provided', 'provided', 'health-care')).toBe(5);
    expect(value(rows, 'services-offered-provided', 'provided', 'shelter')).toBe(0);
    // 6 departures, 5 with a departure risk assessment before: the 1 without is small.
    expect(value(rows, 'departures-risk-assessed', 'departures')).toBe(6);
    expect(value(rows, 'departures-risk-assessed', 'with-risk-assessment')).toBe('suppressed');
    // Follow-ups: all four are due for the six departures of the 1990s; the first done for 5.
    expect(value(rows, 'follow-ups-done', 'due', '1-months')).toBe(6);
    expect(value(rows, 'follow-ups-done', 'done', '1-months')).toBe('suppressed');
    expect(value(rows, 'follow-ups-done', 'due', '12-months')).toBe(6);
    expect(value(rows, 'follow-ups-done', 'done', '12-months')).toBe(0);
    expect(value(rows, 'follow-ups-done', 'share', '12-months')).toBe(0);
    // Caseload is today's (not windowed): the organisations' caseworkers are there.
    expect(value(rows, 'caseload-per-caseworker', 'caseworkers')).toBeGreaterThan(0);
  });

  it('groups case counts by the HTCDS dimensions: form of exploitation, referral source type', async () => {
    const coordinator = await stack.as('se-coordinator');
    const res = await coordinator(
      'GET',
      `/api/v1/statistics/cases?groupBy=referralSourceType,formOfExploitation&from=${dayText}&to=${dayText}`,
    );
    expect(res.status).toBe(200);
    // A case with two forms counts in each.
    expect(res.body.rows).toEqual([
      {
        referralSourceType: 'authority',
        formOfExploitation: 'ForcedLabour',
        count: 6,
        suppressed: false,
      },
      {
        referralSourceType: 'authority',
        formOfExploitation: 'SexualExploitation',
        count: 5,
        suppressed: false,
      },
    ]);
    const small = await coordinator(
      'GET',
      `/api/v1/statistics/cases?groupBy=formOfExploitation&from=1989-12-31&to=1989-12-31`,
    );
    expect(small.status).toBe(200);
    // Her sex, age band and citizenship are counted apart (ADR 0017): never beside these.
    const bad = await coordinator('GET', '/api/v1/statistics/cases?groupBy=formOfExploitation,sex');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('groupBy');
  });

  it('gives another country none of these cases, and the same figures as CSV', async () => {
    const no = await stack.as('no-coordinator');
    const res = await no('GET', `/api/v1/statistics/indicators?from=${dayText}&to=${dayText}`);
    expect(res.status).toBe(200);
    expect(value(res.body.rows, 'referral-to-identification', 'cases')).toBe(0);
    expect(value(res.body.rows, 'departures-risk-assessed', 'departures')).toBe(0);

    const csv = await raw(
      'se-coordinator',
      `/api/v1/statistics/indicators?from=${dayText}&to=${dayText}&format=csv`,
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('indicator,breakdown,measure,value,suppressed');
    expect(lines).toContain('referral-to-identification,,median-days,3.5,false');
    expect(lines).toContain('reflection-granted-in-full,,granted-in-full,,true');
  });

  it('shows a supervisor her own organisation only; refuses a caseworker', async () => {
    const sup = await stack.as('se-shelter-1-sup');
    const res = await sup('GET', `/api/v1/statistics/indicators?from=${dayText}&to=${dayText}`);
    expect(res.status).toBe(200);
    expect(value(res.body.rows, 'referral-to-identification', 'cases')).toBe(0);
    const mine = await (
      await stack.as('se-ngo-1-sup')
    )('GET', `/api/v1/statistics/indicators?from=${dayText}&to=${dayText}`);
    expect(value(mine.body.rows, 'referral-to-identification', 'cases')).toBe(6);
    const cw = await (await stack.as('se-ngo-1-cw-1'))('GET', '/api/v1/statistics/indicators');
    expect(cw.status).toBe(403);
    const bad = await sup('GET', '/api/v1/statistics/indicators?from=2025-02-01&to=2025-01-01');
    expect(bad.status).toBe(400);
  });

  it("exports the supervisor's caseload as CSV; a formula in a display name stays text", async () => {
    const [{ display_name: before }] = await db.query(
      `SELECT display_name FROM users WHERE id = 'se-ngo-1-cw-2'`,
    );
    await db.query(`UPDATE users SET display_name = $1 WHERE id = 'se-ngo-1-cw-2'`, [
      '=HYPERLINK("http://evil.example","x")',
    ]);
    try {
      const cw2 = await stack.as('se-ngo-1-cw-2');
      const opened = await cw2('POST', '/api/v1/cases', { referralSource: 'helpline' });
      expect(opened.status).toBe(201);
      const res = await raw('se-ngo-1-sup', '/api/v1/exports/caseload');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="caseload.csv"');
      const lines = res.text.split('\r\n');
      expect(lines[0]).toBe(
        'reference,status,phase,pathway,assignee,openedAt,nextDueAt,earliestDueAt,overdue,reflectionEndsAt,stalled,stalledSince',
      );
      const line = lines.find((l) => l.startsWith(`${opened.body.reference},`));
      expect(line).toBeDefined();
      // Quoted (it holds commas and quotes) and prefixed with an apostrophe: text, not a formula.
      expect(line).toContain(`,"'=HYPERLINK(""http://evil.example"",""x"")",`);
      expect(res.text).not.toMatch(/(^|,)=HYPERLINK/m);
      // Nothing of another organisation.
      expect(res.text).not.toContain('se-shelter-1');

      const audit = await db.query(
        `SELECT actor_role, organisation_id, case_id FROM audit_log WHERE action = 'export.caseload' ORDER BY seq DESC LIMIT 1`,
      );
      expect(audit).toEqual([
        { actor_role: 'supervisor', organisation_id: 'se-ngo-1', case_id: null },
      ]);
    } finally {
      await db.query(`UPDATE users SET display_name = $1 WHERE id = 'se-ngo-1-cw-2'`, [before]);
    }
  });

  it('refuses the caseload to other roles (403)', async () => {
    for (const login of ['se-ngo-1-cw-1', 'se-coordinator']) {
      const res = await raw(login, '/api/v1/exports/caseload');
      expect([login, res.status]).toEqual([login, 403]);
    }
  });
});
