/**
 * Benchmark (not a timed test): the HTCDS 2.0 export of 10,000 cases, from their events (person
 * fields already decrypted, as the export service holds them after decryptPersonal) to the
 * k-anonymous CSV and JSON: fold, k-anonymity (k = 5) and serialisation, the export's own work.
 * Reading the events from PostgreSQL and decrypting `personal.identity` (one AES-GCM open per
 * PersonDetailsRecorded) come on top. Run:
 *   bash scripts/test.sh --config=jest.bench.config.js test/bench/htcds-export.bench.ts
 */
import { performance } from 'node:perf_hooks';
import {
  HTCDS_EXPORT_COLUMNS,
  HTCDS_TYPES_OF_EXPLOITATION,
  exportMetadata,
  foldHtcdsFacts,
  kAnonymise,
  type HtcdsEventView,
} from '@ariadne/domain';
import { toCsv } from '../../apps/api/src/statistics/csv';
import { seededRandom } from '../support/seeded';

jest.setTimeout(10 * 60_000);

const TOTAL = Number(process.env.BENCH_CASES ?? 10_000);

function seed(n: number): HtcdsEventView[][] {
  const r = seededRandom(10);
  const any = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  return Array.from({ length: n }, (_, i) => {
    const opened = new Date(
      Date.UTC(2024, 0, 1) + Math.floor(r() * 700) * 86_400_000,
    ).toISOString();
    const events: HtcdsEventView[] = [
      { type: 'CaseOpened', data: { country: 'SE', openedAt: opened, referralSource: 'police' } },
      {
        type: 'PersonDetailsRecorded',
        data: {
          personal: {
            identity: {
              sex: i % 9 === 0 ? 'NonSpecifiedUnknown' : 'Feminine',
              dateOfBirth: `${1965 + Math.floor(r() * 40)}-0${1 + Math.floor(r() * 9)}-15`,
              citizenship: any(['RO', 'UA', 'NG', 'VN', 'BG', 'MD', 'PH', 'TH', 'AL', 'CN']),
            },
          },
        },
      },
      {
        type: 'IdentificationDecided',
        data: { outcome: 'reasonable-grounds', decidedBy: 'police' },
      },
      {
        type: 'NeedsAssessed',
        data: {
          needs: [],
          victimContext: { typeOfExploitation: [any(HTCDS_TYPES_OF_EXPLOITATION)] },
        },
      },
      {
        type: 'ServiceProvided',
        data: { kind: any(['shelter', 'health-care', 'legal-counselling']) },
      },
    ];
    if (i % 4 === 0) events.push({ type: 'CaseClosed', data: { reason: 'support-completed' } });
    return events;
  });
}

it(`exports ${TOTAL} cases as HTCDS 2.0 (k = 5)`, () => {
  const cases = seed(TOTAL);
  const timings: number[] = [];
  let rows = 0;
  let suppressed = 0;
  for (let run = 0; run < 5; run++) {
    const t0 = performance.now();
    const facts = cases.map((events) => foldHtcdsFacts(events, { type: 'NGO', country: 'SE' })!);
    const result = kAnonymise(facts, { k: 5 });
    const csv = toCsv(HTCDS_EXPORT_COLUMNS, result.rows);
    const json = JSON.stringify({
      metadata: exportMetadata(result, 'SE', 5, new Date().toISOString()),
      rows: result.rows,
    });
    timings.push(performance.now() - t0);
    rows = result.rows.length;
    suppressed = result.suppressedRows;
    expect(csv.length).toBeGreaterThan(0);
    expect(json.length).toBeGreaterThan(0);
  }
  timings.sort((a, b) => a - b);
  process.stdout.write(
    `htcds-export: ${TOTAL} cases → ${rows} rows (${suppressed} suppressed); ` +
      `median ${timings[2]!.toFixed(0)} ms, worst ${timings[4]!.toFixed(0)} ms (fold + k-anonymity + CSV + JSON)\n`,
  );
  expect(rows + suppressed).toBe(TOTAL);
});
