/**
 * Benchmark (not a timed test): the network's indicators and the HTCDS statistics dimension over
 * a country's caseload of BENCH_INDICATOR_CASES cases (default 10,000) with 30 events each
 * (300,000 events: the indicators' event types and 20 notes per case), seeded by SQL into the
 * harness's scratch database. Measures IndicatorQueries.figures (six SQL aggregates, run
 * concurrently) for a country and for one organisation, and GET /statistics/indicators and
 * /statistics/cases?groupBy=formOfExploitation through the whole API: p50 and max over runs.
 * Run: `bash scripts/test.sh --config=jest.bench.config.js test/bench/indicators.bench.ts`.
 */
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { DEFAULT_POLICIES } from '@ariadne/domain';
import { createDataSource, IndicatorQueries } from '@ariadne/persistence';
import { type ApiStack, mustEnv, startApiStack } from '../support/stack';

jest.setTimeout(30 * 60_000);

const TOTAL = Number(process.env.BENCH_INDICATOR_CASES ?? 10_000);
const RUNS = Number(process.env.BENCH_INDICATOR_RUNS ?? 20);

async function seed(db: DataSource): Promise<void> {
  await db.query(
    `INSERT INTO case_summaries (case_id, version, phase, country, organisation_id, assignee_id,
       referral_source, policy_version, opened_at, last_progress_at, status)
     SELECT md5('bench-ind-' || i)::uuid, 30, 'support', 'SE',
            CASE WHEN i % 2 = 0 THEN 'se-ngo-1' ELSE 'se-shelter-1' END,
            CASE WHEN i % 2 = 0 THEN 'se-ngo-1-cw-1' ELSE 'se-shelter-1-cw-1' END,
            (ARRAY['police', 'helpline', 'self-referral', 'ngo-outreach'])[1 + i % 4], 'SE-bench',
            timestamptz '2024-01-01' + (i % 700) * interval '1 day', now(),
            CASE WHEN i % 5 = 0 THEN 'closed' ELSE 'open' END
       FROM generate_series(1, $1::int) i`,
    [TOTAL],
  );
  await db.query(
    `INSERT INTO case_events (event_id, case_id, version, type, data, metadata)
     SELECT md5('bench-ind-ev-' || i || '-' || v)::uuid, md5('bench-ind-' || i)::uuid, v,
            CASE v WHEN 1 THEN 'CaseOpened' WHEN 2 THEN 'NeedsAssessed'
                   WHEN 3 THEN 'IdentificationDecided' WHEN 4 THEN 'ReflectionPeriodEnded'
                   WHEN 5 THEN 'ServiceRequested' WHEN 6 THEN 'ServiceRequested'
                   WHEN 7 THEN 'ServiceProvided' WHEN 8 THEN 'RiskAssessed'
                   WHEN 9 THEN CASE WHEN i % 3 = 0 THEN 'ReturnExecuted' ELSE 'NoteAdded' END
                   WHEN 10 THEN CASE WHEN i % 6 = 0 THEN 'FollowUpRecorded' ELSE 'NoteAdded' END
                   ELSE 'NoteAdded' END,
            CASE v
              WHEN 2 THEN jsonb_build_object('assessedAt', o + interval '2 days', 'needs', '["health-care"]'::jsonb,
                     'victimContext', jsonb_build_object('typeOfExploitation',
                       (ARRAY['["ForcedLabour"]', '["SexualExploitation"]', '["ForcedLabour","ForcedBegging"]'])[1 + i % 3]::jsonb))
              WHEN 3 THEN jsonb_build_object('outcome', 'reasonable-grounds', 'decidedAt', o + (i % 30) * interval '1 day')
              WHEN 4 THEN jsonb_build_object('endedAt', o + interval '40 days', 'reason', CASE WHEN i % 7 = 0 THEN 'public-order' ELSE 'elapsed' END)
              WHEN 5 THEN jsonb_build_object('serviceId', 's1', 'kind', 'health-care', 'basis', 'plan', 'requestedAt', o)
              WHEN 6 THEN jsonb_build_object('serviceId', 's2', 'kind', 'shelter', 'basis', 'plan', 'requestedAt', o)
              WHEN 7 THEN jsonb_build_object('serviceId', 's1', 'kind', 'health-care', 'providedAt', o + interval '3 days')
              WHEN 8 THEN jsonb_build_object('assessedAt', o + interval '45 days', 'scope', CASE WHEN i % 4 = 0 THEN 'general' ELSE 'departure' END, 'level', 'low', 'protectionMeasures', '[]'::jsonb)
              WHEN 9 THEN jsonb_build_object('pathway', 'return', 'departedAt', o + interval '50 days', 'receivingOrganisationId', 'ro-recv-1')
              WHEN 10 THEN jsonb_build_object('number', 1, 'contact', 'reached', 'recordedAt', o + interval '80 days')
              ELSE '{}'::jsonb END,
            jsonb_build_object('occurredAt', o, 'actorRole', 'caseworker')
       FROM generate_series(1, $1::int) i
       CROSS JOIN LATERAL (SELECT timestamptz '2024-01-01' + (i % 700) * interval '1 day' AS o) opened
       CROSS JOIN generate_series(1, 30) v`,
    [TOTAL],
  );
  await db.query('ANALYZE case_summaries');
  await db.query('ANALYZE case_events');
}

function report(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function time(
  runs: number,
  f: () => Promise<unknown>,
): Promise<{ p50: number; max: number }> {
  const ms: number[] = [];
  await f(); // warm
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50: Math.round(ms[Math.floor(ms.length / 2)]!), max: Math.round(ms[ms.length - 1]!) };
}

describe('indicators benchmark', () => {
  let stack: ApiStack;
  let db: DataSource;

  beforeAll(async () => {
    stack = await startApiStack();
    db = await createDataSource(mustEnv('DATABASE_URL')).initialize();
    const t = performance.now();
    await seed(db);
    report(
      `seeded ${TOTAL} cases, ${TOTAL * 30} events in ${Math.round(performance.now() - t)} ms`,
    );
  });

  afterAll(async () => {
    await db?.destroy();
    await stack?.close();
  });

  it('measures', async () => {
    const q = new IndicatorQueries(db);
    const now = new Date();
    const followUpsAfter = DEFAULT_POLICIES.SE.followUpsAfterReturn;
    const country = await time(RUNS, () =>
      q.figures({ scope: { country: 'SE' }, now, followUpsAfter }),
    );
    const org = await time(RUNS, () =>
      q.figures({ scope: { organisationId: 'se-ngo-1' }, now, followUpsAfter }),
    );
    const figures = await q.figures({ scope: { country: 'SE' }, now, followUpsAfter });
    // Each aggregate alone (they run concurrently in figures()).
    const parts = q as unknown as Record<string, (r: unknown) => Promise<unknown>>;
    for (const name of [
      'referralToIdentification',
      'reflectionPeriods',
      'services',
      'departures',
      'followUps',
    ]) {
      const t = await time(5, () =>
        parts[name]!.call(q, { scope: { country: 'SE' }, now, followUpsAfter }),
      );
      report(`  ${name}: p50 ${t.p50} ms`);
    }
    expect(figures.referralToIdentification.cases).toBeGreaterThanOrEqual(TOTAL);
    const coordinator = await stack.as('se-coordinator');
    const api = await time(RUNS, async () => {
      const res = await coordinator('GET', '/api/v1/statistics/indicators');
      expect(res.status).toBe(200);
    });
    const forms = await time(RUNS, async () => {
      const res = await coordinator('GET', '/api/v1/statistics/cases?groupBy=formOfExploitation');
      expect(res.status).toBe(200);
    });
    report(
      [
        `indicators, SQL, country SE (${TOTAL} cases): p50 ${country.p50} ms, max ${country.max} ms`,
        `indicators, SQL, one organisation (${TOTAL / 2} cases): p50 ${org.p50} ms, max ${org.max} ms`,
        `GET /statistics/indicators (coordinator, whole API): p50 ${api.p50} ms, max ${api.max} ms`,
        `GET /statistics/cases?groupBy=formOfExploitation: p50 ${forms.p50} ms, max ${forms.max} ms`,
      ].join('\n'),
    );
  });
});
