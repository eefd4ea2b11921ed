/**
 * Benchmark (not a timed test): appends per second to the audit trail from concurrent appenders
 * on the harness's database, each append in its own transaction (as the AuditInterceptor does),
 * and the same appends with no chain at all (a plain INSERT of the same row into a copy of the
 * table) as the ceiling. Shows whether the chain's lock, rather than PostgreSQL's commits, limits
 * audited throughput. Run: `npm run bench:audit`.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AuditTrail, createDataSource } from '@ariadne/persistence';
import { createTestDatabase } from '../support/services';

jest.setTimeout(5 * 60_000);

const APPENDERS = Number(process.env.BENCH_APPENDERS ?? 8);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

describe('audit append throughput', () => {
  let db: { url: string; drop(): Promise<void> };
  let ds: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await createDataSource(db.url).initialize();
    await ds.query('CREATE TABLE audit_plain (LIKE audit_log INCLUDING DEFAULTS)');
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  async function rate(label: string, once: () => Promise<unknown>): Promise<number> {
    const until = Date.now() + SECONDS * 1000;
    let n = 0;
    await Promise.all(
      Array.from({ length: APPENDERS }, async () => {
        while (Date.now() < until) {
          await once();
          n += 1;
        }
      }),
    );
    const perSecond = Math.round(n / SECONDS);
    process.stdout.write(`${JSON.stringify({ label, appenders: APPENDERS, perSecond })}\n`);
    return perSecond;
  }

  it('measures chained appends against plain inserts, and the chain stays whole', async () => {
    const trail = new AuditTrail(ds);
    const entry = () => ({
      actorId: 'se-ngo-1-cw-1',
      actorRole: 'caseworker',
      organisationId: 'se-ngo-1',
      action: 'case.read',
      caseId: randomUUID(),
      categories: ['case' as const],
      purpose: 'case-management',
      outcome: 'allowed' as const,
    });
    let seq = 0;
    const chained = await rate('chained append (advisory lock)', () => trail.append(entry()));
    const plain = await rate('plain insert, no chain', () =>
      ds.query(
        `INSERT INTO audit_plain (seq, at, action, categories, outcome, hash)
         VALUES ($1, now(), 'case.read', '{case}', 'allowed', $2)`,
        [++seq, Buffer.alloc(32)],
      ),
    );
    expect(chained).toBeGreaterThan(0);
    expect(plain).toBeGreaterThan(0);
    const verified = await trail.verify();
    expect(verified.ok).toBe(true);
  });
});
