/**
 * P1, P2: personal data is nowhere it does not belong. Cases are opened and advanced through the
 * API with distinctive personal data; the test first proves the data was stored (the assigned
 * caseworker reads it back), then finds none of it in: Temporal's histories as the CLI exports
 * them, the Temporal server's SQLite file, every log line of API and worker, and PostgreSQL —
 * every table read as text and the database's raw files on disk, WAL included.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { startTemporal, type TemporalDevServer } from '../support/services';
import { type ApiStack, type Caller, mustEnv, startApiStack } from '../support/stack';

jest.setTimeout(180_000);

const tag = randomBytes(3).toString('hex');
/** Values that exist nowhere else: any occurrence outside ciphertext is a leak. */
const HER = {
  givenName: `Zorislava${tag}`,
  familyName: `Quendrith${tag}`,
  dateOfBirth: '1994-07-23',
  nationality: 'RO',
  documentNumber: `XK${tag}4471`,
  address: `Vinkelgatan ${tag} 77B, Krokstad`,
  phone: `+4670${parseInt(tag, 16) % 10_000_000}`.padEnd(12, '7'),
  email: `zq${tag}@example.org`,
  healthNote: `fractured-wrist-${tag}`,
  shelterAddress: `Skyddat boende ${tag}, Lindvägen 3`,
  legalReference: `AM-${tag}-2026`,
};
const NEEDLES = [
  HER.givenName,
  HER.familyName,
  HER.documentNumber,
  HER.address,
  HER.phone,
  HER.email,
  HER.healthNote,
  HER.shelterAddress,
  HER.legalReference,
];

function leaks(haystack: Buffer | string, where: string): string[] {
  const text = typeof haystack === 'string' ? haystack : haystack.toString('latin1');
  return NEEDLES.filter((n) => text.includes(n)).map((n) => `${where}: ${n}`);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('personal data is nowhere it does not belong (P1, P2)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ariadne-privacy-'));
  const dbFile = path.join(dir, 'temporal.db');
  const appLog = path.join(dir, 'app.log');
  const temporalLog = path.join(dir, 'temporal-sdk.log');
  let server: TemporalDevServer;
  let stack: ApiStack | undefined;
  let caseworker: Caller;
  const caseIds: string[] = [];

  beforeAll(async () => {
    server = await startTemporal({ dbFile });
    process.env.TEMPORAL_ADDRESS = server.address;
    process.env.ARIADNE_TEST_LOG_FILE = temporalLog;
    stack = await startApiStack({ LOG_LEVEL: 'trace', LOG_FILE: appLog });
    caseworker = await stack.as('se-ngo-1-cw-1');
  });

  afterAll(async () => {
    await stack?.close();
    await server?.stop();
    delete process.env.ARIADNE_TEST_LOG_FILE;
    rmSync(dir, { recursive: true, force: true });
  });

  async function ok(res: Promise<{ status: number; body: unknown }>): Promise<unknown> {
    const r = await res;
    if (r.status >= 300) throw new Error(`unexpected ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  }

  it('drives cases through several phases with her personal data', async () => {
    for (let i = 0; i < 2; i++) {
      const { caseId } = (await ok(
        caseworker('POST', '/api/v1/cases', { referralSource: 'police' }),
      )) as {
        caseId: string;
      };
      caseIds.push(caseId);
      const at = (p: string): string => `/api/v1/cases/${caseId}/${p}`;
      await ok(
        caseworker('POST', at('person-details'), {
          personal: {
            identity: {
              givenName: HER.givenName,
              familyName: HER.familyName,
              dateOfBirth: HER.dateOfBirth,
              nationality: HER.nationality,
              documentNumber: HER.documentNumber,
            },
            'contact-location': { address: HER.address, phone: HER.phone, email: HER.email },
          },
        }),
      );
      await ok(caseworker('POST', at('immediate-needs'), { need: 'safety' }));
      await ok(
        caseworker('POST', at('identification'), {
          outcome: 'reasonable-grounds',
          decidedBy: 'police',
        }),
      );
      await ok(
        caseworker('POST', at('services'), {
          kind: 'health-care',
          basis: 'immediate',
          personal: { health: { notes: HER.healthNote } },
        }),
      );
      await ok(caseworker('POST', at('services'), { kind: 'shelter', basis: 'immediate' }));
      await ok(
        caseworker('POST', at('consents'), {
          scope: { kind: 'service', service: 'shelter' },
          communication: { language: 'ro', interpreterUsed: true },
        }),
      );
      const timeline = (await ok(caseworker('GET', at('timeline')))) as Array<{
        type: string;
        data: { serviceId?: string; kind?: string };
      }>;
      const shelter = timeline.find(
        (e) => e.type === 'ServiceRequested' && e.data.kind === 'shelter',
      );
      await ok(
        caseworker('POST', at(`services/${shelter!.data.serviceId}/provided`), {
          personal: { 'contact-location': { address: HER.shelterAddress } },
        }),
      );
      await ok(
        caseworker('POST', at('legal-steps'), {
          step: 'police-report-filed',
          personal: { legal: { reference: HER.legalReference } },
        }),
      );
      // Refused requests that carry her data: the value is neither echoed nor logged.
      const bad = await caseworker('POST', at('person-details'), {
        personal: { 'contact-location': { phone: HER.address } },
        name: HER.givenName,
      });
      expect(bad.status).toBe(400);
      expect(leaks(JSON.stringify(bad.body), 'error body')).toEqual([]);
    }
  });

  it('stored it: the assigned caseworker reads it back, decrypted', async () => {
    const timeline = await caseworker('GET', `/api/v1/cases/${caseIds[0]}/timeline`);
    const text = JSON.stringify(timeline.body);
    for (const v of NEEDLES) expect(text).toContain(v);
  });

  it('is not in Temporal: histories, search attributes, the server database', async () => {
    await stack?.close();
    stack = undefined;
    const found: string[] = [];
    for (const id of caseIds) {
      for (const cmd of ['show', 'describe']) {
        const out = execFileSync(
          mustEnv('TEMPORAL_CLI'),
          ['workflow', cmd, '--workflow-id', id, '--address', server.address, '--output', 'json'],
          { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
        );
        expect(out.length).toBeGreaterThan(100);
        found.push(...leaks(out, `temporal workflow ${cmd}`));
      }
    }
    await server.stop();
    for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`].filter(existsSync)) {
      found.push(...leaks(readFileSync(f), path.basename(f)));
    }
    expect(statSync(dbFile).size).toBeGreaterThan(0);
    expect(found).toEqual([]);
  });

  it('is not in any log line of API or worker', () => {
    const app = readFileSync(appLog, 'utf8');
    // The logs are there (trace level, every request), just without her data.
    expect(app.split('\n').length).toBeGreaterThan(20);
    const sdk = existsSync(temporalLog) ? readFileSync(temporalLog, 'utf8') : '';
    expect([...leaks(app, 'app log'), ...leaks(sdk, 'Temporal SDK log')]).toEqual([]);
  });

  it('is not in PostgreSQL outside ciphertext: every table, and the raw files on disk', async () => {
    const pg = new PgClient({ connectionString: mustEnv('DATABASE_URL') });
    await pg.connect();
    const found: string[] = [];
    try {
      const tables: Array<{ t: string }> = (
        await pg.query(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'`)
      ).rows;
      expect(tables.map((r) => r.t)).toEqual(
        expect.arrayContaining(['case_events', 'case_summaries', 'audit_log']),
      );
      for (const { t } of tables) {
        const rows: Array<{ r: string }> = (await pg.query(`SELECT t::text AS r FROM "${t}" t`))
          .rows;
        found.push(...leaks(rows.map((x) => x.r).join('\n'), `table ${t}`));
      }
      const [{ oid }] = (
        await pg.query(`SELECT oid FROM pg_database WHERE datname = current_database()`)
      ).rows;
      // Flush everything to disk, then read the files as bytes (root, as CI runs).
      const psql = (sql: string): string =>
        execFileSync('runuser', ['-u', 'postgres', '--', 'psql', '-qtAc', sql], {
          encoding: 'utf8',
        }).trim();
      psql('CHECKPOINT');
      const dataDir = psql('SHOW data_directory');
      const files = [
        ...filesUnder(path.join(dataDir, 'base', String(oid))),
        ...filesUnder(path.join(dataDir, 'pg_wal')),
      ];
      expect(files.length).toBeGreaterThan(10);
      for (const f of files) found.push(...leaks(readFileSync(f), f));
    } finally {
      await pg.end();
    }
    expect(found).toEqual([]);
  });
});
