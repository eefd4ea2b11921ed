/**
 * The follow-up indicator counts the schedule of the country policy (R17, issue 10), not a fixed
 * 1/3/6/12 months: departures and recorded follow-ups written straight into the read model and
 * the log of a fresh organisation, counted against two different schedules.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../data-source';
import { IndicatorQueries } from './indicators.query';

const DAY = 86_400_000;

describe('follow-ups done, per the policy’s schedule (SQL)', () => {
  let ds: DataSource;
  const org = `ind-int-${randomUUID().slice(0, 8)}`;
  const now = new Date('2026-06-30T12:00:00.000Z');
  const departed = new Date(now.getTime() - 20 * DAY);

  async function departedCase(followUpsRecorded: number[]): Promise<void> {
    const caseId = randomUUID();
    await ds.query(
      `INSERT INTO case_summaries (case_id, version, phase, country, organisation_id, assignee_id,
                                   referral_source, policy_version, opened_at, last_progress_at)
       VALUES ($1, 1, 'follow-up', 'ZZ', $2, 'cw', 'police', 'test', $3, $3)`,
      [caseId, org, new Date(departed.getTime() - 30 * DAY)],
    );
    const events: Array<[string, object]> = [
      ['ReturnExecuted', { departedAt: departed.toISOString() }],
      ...followUpsRecorded.map((n): [string, object] => ['FollowUpRecorded', { number: n }]),
    ];
    let version = 1;
    for (const [type, data] of events) {
      await ds.query(
        `INSERT INTO case_events (event_id, case_id, version, type, data, metadata)
         VALUES ($1, $2, $3, $4, $5, '{}')`,
        [randomUUID(), caseId, ++version, type, JSON.stringify(data)],
      );
    }
  }

  beforeAll(async () => {
    ds = await createDataSource(process.env.DATABASE_URL!).initialize();
    // Three departures 20 days before "now"; the first follow-up recorded for one of them.
    await departedCase([1]);
    await departedCase([]);
    await departedCase([]);
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  const followUps = async (followUpsAfter: readonly string[]) =>
    (
      await new IndicatorQueries(ds).figures({
        scope: { organisationId: org },
        now,
        followUpsAfter,
      })
    ).followUps;

  it('a policy asking for follow-ups after two weeks and a month: the first is due, the second not yet', async () => {
    expect(await followUps(['P2W', 'P1M'])).toEqual([
      { number: 1, after: 'P2W', due: 3, done: 1 },
      { number: 2, after: 'P1M', due: 0, done: 0 },
    ]);
  });

  it('the network default (1, 3, 6, 12 months): nothing is due 20 days after departure', async () => {
    expect(await followUps(['P1M', 'P3M', 'P6M', 'P1Y'])).toEqual([
      { number: 1, after: 'P1M', due: 0, done: 0 },
      { number: 2, after: 'P3M', due: 0, done: 0 },
      { number: 3, after: 'P6M', due: 0, done: 0 },
      { number: 4, after: 'P1Y', due: 0, done: 0 },
    ]);
  });

  it('counts against each schedule entry by its number, and nothing for a policy without one', async () => {
    expect(await followUps(['P10D', 'P15D', 'P25D'])).toEqual([
      { number: 1, after: 'P10D', due: 3, done: 1 },
      { number: 2, after: 'P15D', due: 3, done: 0 },
      { number: 3, after: 'P25D', due: 0, done: 0 },
    ]);
    expect(await followUps([])).toEqual([]);
  });
});
