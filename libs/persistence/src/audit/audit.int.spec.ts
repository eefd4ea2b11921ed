/**
 * The audit trail on PostgreSQL: a hash chain that the database extends only at its head and
 * refuses to change, and a verification that finds whatever was changed around the application
 * (triggers disabled by the table owner: edits, deletions, reorderings).
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createTestDatabase } from '../../../../test/support/services';
import { createDataSource } from '../data-source';
import type { AuditEntry } from './audit-entry';
import { auditHash } from './audit-hash';
import { AuditTrail } from './audit-trail';
import { verifyAuditCommand } from './verify-command';

jest.setTimeout(60_000);

const entry = (over: Partial<AuditEntry> = {}): AuditEntry => ({
  actorId: 'se-ngo-1-cw-1',
  actorRole: 'caseworker',
  organisationId: 'se-ngo-1',
  action: 'case.read',
  caseId: randomUUID(),
  categories: ['case'],
  purpose: 'case-management',
  outcome: 'allowed',
  requestId: '1',
  ...over,
});

describe('audit trail on PostgreSQL', () => {
  // A database of its own: these tests tamper with the trail, which others must not see.
  let db: { url: string; drop(): Promise<void> };
  let ds: DataSource;
  let trail: AuditTrail;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await createDataSource(db.url).initialize();
    trail = new AuditTrail(ds);
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  /** Around the application, as the table's owner could: triggers off for `sql`, then on. */
  async function tamper(...statements: string[]): Promise<void> {
    await ds.transaction(async (m) => {
      await m.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
      for (const sql of statements) await m.query(sql);
      await m.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
    });
  }

  /** An empty trail, then `n` entries appended through the application. */
  async function fresh(n: number): Promise<void> {
    await tamper('TRUNCATE audit_log');
    for (let i = 0; i < n; i++) await trail.append(entry({ requestId: String(i + 1) }));
  }

  describe('appending', () => {
    beforeEach(() => fresh(0));

    it('chains entries: seq 1, 2, 3 …, each linked to the previous hash', async () => {
      const a = await trail.append(entry({ categories: ['case', 'identity'] }));
      const b = await trail.append(entry({ outcome: 'denied', caseId: null }));
      const c = await trail.append(entry({ action: 'case.open', actorId: null, actorRole: null }));
      expect([a.seq, b.seq, c.seq]).toEqual([1, 2, 3]);
      expect(a.prevHash).toBeNull();
      expect(b.prevHash).toEqual(a.hash);
      expect(c.prevHash).toEqual(b.hash);
      expect(b.at.getTime()).toBeGreaterThanOrEqual(a.at.getTime());
      // What is read back hashes the same as what was written.
      const rows = await trail.list({ limit: 10 });
      expect(rows).toEqual([a, b, c]);
      for (const r of rows) expect(auditHash(r)).toEqual(r.hash);
      expect(rows[0].categories).toEqual(['identity', 'case']);
      await expect(trail.verify()).resolves.toEqual({ ok: true, count: 3 });
      expect(await trail.head()).toEqual({ seq: 3, hash: c.hash });
    });

    it('serialises concurrent appenders into one gapless chain', async () => {
      const other = await createDataSource(db.url).initialize();
      try {
        const second = new AuditTrail(other);
        const written = await Promise.all(
          Array.from({ length: 40 }, (_, i) =>
            (i % 2 ? trail : second).append(entry({ requestId: `r${i}` })),
          ),
        );
        expect(written.map((w) => w.seq).sort((x, y) => x - y)).toEqual(
          Array.from({ length: 40 }, (_, i) => i + 1),
        );
        await expect(trail.verify()).resolves.toEqual({ ok: true, count: 40 });
      } finally {
        await other.destroy();
      }
    });

    it('commits or rolls back with the caller’s transaction, leaving no gap', async () => {
      await expect(
        ds.transaction(async (m) => {
          await trail.append(entry(), m);
          throw new Error('the recorded write failed');
        }),
      ).rejects.toThrow('the recorded write failed');
      expect(await trail.head()).toBeNull();
      await ds.transaction((m) => trail.append(entry(), m));
      const next = await trail.append(entry());
      expect(next.seq).toBe(2);
      await expect(trail.verify()).resolves.toEqual({ ok: true, count: 2 });
    });

    it('refuses an entry that could carry personal data, before touching the database', async () => {
      await expect(trail.append(entry({ actorId: 'Anna Svensson' }))).rejects.toThrow(
        'actorId is not valid',
      );
      expect(await trail.head()).toBeNull();
    });
  });

  describe('the database guards the trail', () => {
    beforeEach(() => fresh(3));

    it.each([
      ["UPDATE audit_log SET outcome = 'denied' WHERE seq = 2", 'append-only'],
      ['DELETE FROM audit_log WHERE seq = 3', 'append-only'],
      ['TRUNCATE audit_log', 'append-only'],
    ])('refuses %s', async (sql, message) => {
      await expect(ds.query(sql)).rejects.toThrow(message);
    });

    it('refuses an insert that does not extend the chain at its head', async () => {
      const [head] = await ds.query('SELECT hash FROM audit_log WHERE seq = 3');
      const insert = (seq: number, prev: Buffer) =>
        ds.query(
          `INSERT INTO audit_log (seq, at, action, categories, outcome, prev_hash, hash)
           VALUES ($1, now(), 'case.read', '{}', 'allowed', $2, $3)`,
          [seq, prev, Buffer.alloc(32)],
        );
      await expect(insert(5, head.hash)).rejects.toThrow('must extend the chain');
      await expect(insert(4, Buffer.alloc(32, 1))).rejects.toThrow('must extend the chain');
      await expect(insert(2, head.hash)).rejects.toThrow();
    });
  });

  describe('verification finds tampering', () => {
    beforeEach(() => fresh(6));

    it('an edited field: the edited entry', async () => {
      await tamper("UPDATE audit_log SET actor_id = 'se-ngo-1-cw-2' WHERE seq = 4");
      await expect(trail.verify()).resolves.toEqual({
        ok: false,
        firstBrokenSeq: 4,
        reason: 'entry 4 does not match its hash (altered)',
      });
    });

    it('an edited time, across batch boundaries', async () => {
      await tamper("UPDATE audit_log SET at = at - interval '1 hour' WHERE seq = 5");
      await expect(trail.verify(2)).resolves.toMatchObject({ ok: false, firstBrokenSeq: 5 });
    });

    it('an edited entry whose hash was recomputed: the next link', async () => {
      const [row] = await trail.list({ afterSeq: 2, limit: 1 });
      const forged = auditHash({ ...row, outcome: 'denied' }).toString('hex');
      await tamper(`UPDATE audit_log SET outcome = 'denied', hash = '\\x${forged}' WHERE seq = 3`);
      await expect(trail.verify()).resolves.toEqual({
        ok: false,
        firstBrokenSeq: 4,
        reason: 'entry 4 does not link to entry 3',
      });
    });

    it('a deleted entry: the gap', async () => {
      await tamper('DELETE FROM audit_log WHERE seq = 3');
      await expect(trail.verify()).resolves.toEqual({
        ok: false,
        firstBrokenSeq: 3,
        reason: 'entry 3 is missing (next is 4)',
      });
    });

    it('a deleted entry with the rest renumbered: the broken link', async () => {
      await tamper(
        'DELETE FROM audit_log WHERE seq = 3',
        'UPDATE audit_log SET seq = seq - 1 WHERE seq > 3',
      );
      await expect(trail.verify()).resolves.toMatchObject({ ok: false, firstBrokenSeq: 3 });
    });

    it('the first entry deleted', async () => {
      await tamper('DELETE FROM audit_log WHERE seq = 1');
      await expect(trail.verify()).resolves.toMatchObject({ ok: false, firstBrokenSeq: 1 });
    });

    it('two entries swapped (reordered)', async () => {
      await tamper(
        'UPDATE audit_log SET seq = seq + 1000 WHERE seq IN (2, 5)',
        'UPDATE audit_log SET seq = CASE seq WHEN 1002 THEN 5 ELSE 2 END WHERE seq > 1000',
      );
      await expect(trail.verify()).resolves.toMatchObject({ ok: false, firstBrokenSeq: 2 });
    });

    it('the command-line check prints OK, or the first broken link and exits with 1', async () => {
      const lines: string[] = [];
      const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(`ERR ${l}`) };
      expect(await verifyAuditCommand(db.url, io)).toBe(0);
      expect(lines.pop()).toMatch(/^OK: 6 audit entries verified; head 6 sha256:[0-9a-f]{64}$/);
      await tamper("UPDATE audit_log SET categories = '{health}' WHERE seq = 2");
      expect(await verifyAuditCommand(db.url, io)).toBe(1);
      expect(lines.pop()).toBe(
        'ERR BROKEN at audit entry 2: entry 2 does not match its hash (altered)',
      );
    });
  });
});
