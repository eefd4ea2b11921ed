/**
 * Sex, age band and citizenship as statistics dimensions (issue 10, ADR 0017) over HTTP, on the
 * real stack (API, worker, Temporal, PostgreSQL): the de-identified counts after her details are
 * recorded, changed and erased; a citizenship below the threshold country-wide published as
 * 'other'; a small cell suppressed (P8); a rebuild from the log agreeing with the counts.
 *
 * The cases take citizenships no other test uses (chosen at random among small states), so that
 * their rows are this file's alone; for the published tables those rows are then moved, for this
 * test only, to a month of the 1990s, so that a window holds nothing else.
 */
import { randomInt } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource, rebuildReadModels } from '@ariadne/persistence';
import { localCaseKeyStore, openIdentityOnly, securityConfigFromEnv } from '@ariadne/security';
import { createTestDatabase } from '../support/services';
import { type ApiStack, type Caller, mustEnv, startApiStack } from '../support/stack';

jest.setTimeout(180_000);

const HER = { language: 'ro', interpreterUsed: false };
const SMALL_STATES = ['TV', 'NR', 'PW', 'KI', 'MH', 'FM', 'SB', 'VU', 'WS', 'TO', 'LC', 'SM'];

/** YYYY-MM-DD of a birthday `years` (and some days) before today: her band is certain. */
function bornYearsAgo(years: number): string {
  const d = new Date(Date.now() - 40 * 86_400_000);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.toISOString().slice(0, 10);
}

describe('statistics by sex, age band and citizenship (ADR 0017)', () => {
  let own: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  let stack: ApiStack;
  let db: DataSource;
  let caseworker: Caller;
  let supervisor: Caller;
  let coordinator: Caller;
  const start = randomInt(0, SMALL_STATES.length);
  const [A, B, C] = [0, 1, 2].map((i) => SMALL_STATES[(start + i) % SMALL_STATES.length]!);
  const mine = [A, B, C];
  const aCases: string[] = [];

  async function open(): Promise<string> {
    const res = await caseworker('POST', '/api/v1/cases', { referralSource: 'police' });
    expect(res.status).toBe(201);
    return String(res.body.caseId);
  }
  async function details(caseId: string, identity: Record<string, string>): Promise<void> {
    const res = await caseworker('POST', `/api/v1/cases/${caseId}/person-details`, {
      personal: { identity },
    });
    expect(res.status).toBe(200);
  }
  /** The raw counts of this file's citizenships, straight from the table. */
  async function counts(): Promise<Record<string, number>> {
    const rows: { k: string; n: number }[] = await db.query(
      `SELECT concat_ws('/', citizenship, sex, age_band) AS k, sum(count)::int AS n
         FROM case_dimension_counts WHERE citizenship = ANY($1) AND count > 0
        GROUP BY 1 ORDER BY 1`,
      [mine],
    );
    return Object.fromEntries(rows.map((r) => [r.k, r.n]));
  }

  beforeAll(async () => {
    // A database of its own: the rebuild below folds every case of the database and compares
    // the counts with what other test files, running at the same time, would be writing.
    own = await createTestDatabase();
    process.env.DATABASE_URL = own.url;
    stack = await startApiStack();
    db = await createDataSource(mustEnv('DATABASE_URL')).initialize();
    [caseworker, supervisor, coordinator] = await Promise.all([
      stack.as('se-ngo-1-cw-1'),
      stack.as('se-ngo-1-sup'),
      stack.as('se-coordinator'),
    ]);
  });
  afterAll(async () => {
    await db?.destroy();
    await stack?.close();
    await own?.drop();
  });

  it('counts her details when recorded, moves them when changed, drops them when erased', async () => {
    const young = bornYearsAgo(20);
    for (let i = 0; i < 7; i++) {
      const id = await open();
      aCases.push(id);
      // Not counted before her details are recorded.
      if (i === 0) expect(await counts()).toEqual({});
      await details(id, {
        givenName: `Person ${i}`,
        sex: 'Feminine',
        dateOfBirth: young,
        citizenship: A,
      });
    }
    for (const citizenship of [B, B, B, C, C, C]) {
      await details(await open(), { sex: 'Feminine', dateOfBirth: young, citizenship });
    }
    expect(await counts()).toEqual({
      [`${A}/Feminine/18-24`]: 7,
      [`${B}/Feminine/18-24`]: 3,
      [`${C}/Feminine/18-24`]: 3,
    });

    // Changed details: her previous combination is decremented, the new one incremented.
    await details(aCases[0]!, { dateOfBirth: bornYearsAgo(41) });
    expect(await counts()).toMatchObject({
      [`${A}/Feminine/18-24`]: 6,
      [`${A}/Feminine/40-44`]: 1,
    });
    // The same details again change nothing.
    await details(aCases[0]!, { dateOfBirth: bornYearsAgo(41) });
    expect((await counts())[`${A}/Feminine/40-44`]).toBe(1);

    // Her erasure wins: the case leaves the counts.
    const erased = aCases[1]!;
    const close = await caseworker('POST', `/api/v1/cases/${erased}/closure`, {
      reason: 'she-ended-contact',
    });
    expect(close.status).toBe(200);
    const erasure = await supervisor('POST', `/api/v1/cases/${erased}/erasure`, {
      communication: HER,
    });
    expect(erasure.status).toBe(200);
    expect(await counts()).toEqual({
      [`${A}/Feminine/18-24`]: 5,
      [`${A}/Feminine/40-44`]: 1,
      [`${B}/Feminine/18-24`]: 3,
      [`${C}/Feminine/18-24`]: 3,
    });
    // Nothing of her in the table: no case id, no day, no name.
    const columns: { name: string }[] = await db.query(
      `SELECT column_name AS name FROM information_schema.columns
        WHERE table_name = 'case_dimension_counts' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => c.name)).toEqual([
      'organisation_id',
      'country',
      'opened_month',
      'sex',
      'age_band',
      'citizenship',
      'count',
    ]);
  });

  it('a rebuild from the log, which cannot open erased details, agrees with the counts', async () => {
    const keys = localCaseKeyStore(db, securityConfigFromEnv().masterKeys);
    const report = await rebuildReadModels({
      databaseUrl: mustEnv('DATABASE_URL'),
      swap: false,
      openIdentity: (caseId, data) => openIdentityOnly(keys, caseId, data),
    });
    expect(report.differences.filter((d) => d.table === 'case_dimension_counts')).toEqual([]);
    // A count the log does not explain is noticed.
    await db.query(
      `UPDATE case_dimension_counts SET count = count + 1
        WHERE citizenship = $1 AND age_band = '40-44'`,
      [A],
    );
    const tampered = await rebuildReadModels({
      databaseUrl: mustEnv('DATABASE_URL'),
      swap: false,
      openIdentity: (caseId, data) => openIdentityOnly(keys, caseId, data),
    });
    const diff = tampered.differences.find((d) => d.table === 'case_dimension_counts');
    expect(diff?.onlyLive).toHaveLength(1);
    // Where, never which combination: the organisation and the month only.
    expect(diff?.onlyLive[0]).toMatch(/^se-ngo-1\/\d{4}-\d{2}$/);
    await db.query(
      `UPDATE case_dimension_counts SET count = count - 1
        WHERE citizenship = $1 AND age_band = '40-44'`,
      [A],
    );
  });

  describe('published', () => {
    const year = 1990 + randomInt(0, 10);
    const month = `${year}-${String(randomInt(1, 13)).padStart(2, '0')}`;
    const last = new Date(Date.UTC(year, Number(month.slice(5)), 0)).toISOString().slice(0, 10);
    const window = `from=${month}-01&to=${last}`;

    beforeAll(async () => {
      // For the tables below only: this file's rows alone in one month of the 1990s.
      await db.query(
        `UPDATE case_dimension_counts SET opened_month = $2 WHERE citizenship = ANY($1)`,
        [mine, month],
      );
    });

    it('names a citizenship of k cases or more; fewer country-wide are "other" (ADR 0017 d)', async () => {
      const res = await coordinator(
        'GET',
        `/api/v1/statistics/cases?groupBy=citizenship&${window}`,
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        threshold: 5,
        groupBy: ['citizenship'],
        from: `${month}-01`,
        to: last,
        withheld: false,
        rows: [
          { citizenship: A, count: 6, suppressed: false },
          { citizenship: 'other', count: 6, suppressed: false },
        ],
      });
    });

    it('combines sex and age band; a cell below k is null (P8)', async () => {
      const res = await coordinator(
        'GET',
        `/api/v1/statistics/cases?groupBy=sex,ageBand&${window}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.rows).toEqual([
        // 11 is hidden too: otherwise 1 = the total of 12 (published below) − 11.
        { sex: 'Feminine', ageBand: '18-24', count: null, suppressed: true },
        { sex: 'Feminine', ageBand: '40-44', count: null, suppressed: true },
      ]);
      // Her organisation's supervisor sees the same (all of it is hers); CSV like the others.
      const sup = await supervisor('GET', `/api/v1/statistics/cases?groupBy=sex&${window}`);
      expect(sup.body.rows).toEqual([{ sex: 'Feminine', count: 12, suppressed: false }]);
    });

    it('shows another organisation and another country nothing of them', async () => {
      const shelter = await (
        await stack.as('se-shelter-1-sup')
      )('GET', `/api/v1/statistics/cases?groupBy=citizenship&${window}`);
      expect(shelter.status).toBe(200);
      expect(shelter.body.rows).toEqual([]);
      const no = await (
        await stack.as('no-coordinator')
      )('GET', `/api/v1/statistics/cases?groupBy=sex,citizenship&${window}`);
      expect(no.body.rows).toEqual([]);
    });

    it('refuses whole-month windows broken and mixed dimensions, naming the field', async () => {
      const mixed = await coordinator('GET', `/api/v1/statistics/cases?groupBy=phase,sex`);
      expect(mixed.status).toBe(400);
      expect(mixed.body.errors).toEqual([{ field: 'groupBy', message: expect.any(String) }]);
      const from = await coordinator(
        'GET',
        `/api/v1/statistics/cases?groupBy=sex&from=${month}-02&to=${last}`,
      );
      expect(from.status).toBe(400);
      expect(from.body.errors[0].field).toBe('from');
      const to = await coordinator(
        'GET',
        `/api/v1/statistics/cases?groupBy=ageBand&from=${month}-01&to=${month}-27`,
      );
      expect(to.status).toBe(400);
      expect(to.body.errors[0].field).toBe('to');
      const unknown = await coordinator('GET', `/api/v1/statistics/cases?groupBy=birthDate`);
      expect(unknown.status).toBe(400);
    });
  });
});
