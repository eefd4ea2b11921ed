/**
 * The audit trail on PostgreSQL: a hash chain that the database extends only at its head and
 * refuses to change, and a verification that finds whatever was changed around the application
 * (triggers disabled by the table owner: edits, deletions, reorderings).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createTestDatabase } from '../../../../test/support/services';
import { createDataSource } from '../data-source';
import { type AuditEntry, normaliseAuditEntry } from './audit-entry';
import { appendAnchor, readLatestAnchor } from './audit-anchor';
import { auditHash, auditHmac } from './audit-hash';
import { type AuditKeyring, parseAuditKeys } from './audit-keys';
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
      for (const r of rows) {
        expect(r).toMatchObject({ alg: 'hmac-sha256', keyId: 'test-audit-2026' });
        expect(auditHmac({ ...r, keyId: r.keyId! }, Buffer.alloc(32, 11))).toEqual(r.hash);
      }
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

    it('chains a burst of appends in batches: gapless, in order, each caller gets its own entry', async () => {
      const written = await Promise.all(
        Array.from({ length: 300 }, (_, i) => trail.append(entry({ requestId: `b${i}` }))),
      );
      // Queued in call order, so chained in call order.
      expect(written.map((w) => w.seq)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
      expect(written.map((w) => w.requestId)).toEqual(
        Array.from({ length: 300 }, (_, i) => `b${i}`),
      );
      const stored = await trail.list({ limit: 500 });
      expect(stored).toEqual(written);
      await expect(trail.verify()).resolves.toEqual({ ok: true, count: 300 });
    });

    it('fails only the entry the database refuses, not the rest of its batch', async () => {
      await ds.query(`
        CREATE FUNCTION audit_poison() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.request_id = 'poison' THEN RAISE EXCEPTION 'poisoned'; END IF;
          RETURN NEW;
        END $$`);
      await ds.query(`CREATE TRIGGER audit_poison BEFORE INSERT ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_poison()`);
      try {
        const results = await Promise.allSettled(
          Array.from({ length: 20 }, (_, i) =>
            trail.append(entry({ requestId: i === 7 ? 'poison' : `p${i}` })),
          ),
        );
        expect(results.map((r) => r.status)).toEqual(
          Array.from({ length: 20 }, (_, i) => (i === 7 ? 'rejected' : 'fulfilled')),
        );
        await expect(trail.verify()).resolves.toEqual({ ok: true, count: 19 });
      } finally {
        await ds.query('DROP TRIGGER audit_poison ON audit_log');
        await ds.query('DROP FUNCTION audit_poison');
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

    it('an edited entry whose hash was recomputed without the key: the entry itself', async () => {
      const [row] = await trail.list({ afterSeq: 2, limit: 1 });
      const forged = auditHash({ ...row, outcome: 'denied' }).toString('hex');
      await tamper(`UPDATE audit_log SET outcome = 'denied', hash = '\\x${forged}' WHERE seq = 3`);
      await expect(trail.verify()).resolves.toEqual({
        ok: false,
        firstBrokenSeq: 3,
        reason: 'entry 3 does not match its hash (altered)',
      });
    });

    it('a superuser who rewrites the tail as plain SHA-256 links: the downgrade', async () => {
      // She edits entry 4 and recomputes every later link the way the old chain did, relabelled
      // as plain entries: a chain that is consistent in itself, but not keyed.
      const rows = await trail.list({ limit: 10 });
      let prev = rows[2].hash;
      const statements: string[] = [];
      for (const r of rows.slice(3)) {
        const edited = { ...r, outcome: r.seq === 4 ? ('denied' as const) : r.outcome };
        const hash = auditHash({ ...edited, prevHash: prev });
        statements.push(
          `UPDATE audit_log SET outcome = '${edited.outcome}', alg = 'sha256', key_id = NULL,
             prev_hash = '\\x${prev.toString('hex')}', hash = '\\x${hash.toString('hex')}'
           WHERE seq = ${r.seq}`,
        );
        prev = hash;
      }
      await tamper(...statements);
      await expect(trail.verify()).resolves.toEqual({
        ok: false,
        firstBrokenSeq: 4,
        reason: 'entry 4 is not keyed, after keyed entries (downgraded)',
      });
    });

    it('a superuser who rewrites the whole chain as plain SHA-256: the anchor', async () => {
      const anchor = await trail.head();
      const rows = await trail.list({ limit: 10 });
      let prev: Buffer | null = null;
      const statements: string[] = [];
      for (const r of rows) {
        const hash = auditHash({ ...r, prevHash: prev, actorId: 'se-ngo-1-cw-9' });
        statements.push(
          `UPDATE audit_log SET actor_id = 'se-ngo-1-cw-9', alg = 'sha256', key_id = NULL,
             prev_hash = ${prev ? `'\\x${prev.toString('hex')}'` : 'NULL'},
             hash = '\\x${hash.toString('hex')}'
           WHERE seq = ${r.seq}`,
        );
        prev = hash;
      }
      await tamper(...statements);
      // In itself the rewritten chain holds (it looks like one from before the keyed chain) …
      await expect(trail.verify()).resolves.toEqual({ ok: true, count: 6 });
      // … but not against the head anchored outside the database.
      await expect(
        trail.verify({ anchor: { at: new Date(), seq: anchor!.seq, hash: anchor!.hash } }),
      ).resolves.toEqual({
        ok: false,
        firstBrokenSeq: 6,
        reason: 'entry 6 is not the anchored entry (rewritten)',
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
      expect(lines.pop()).toMatch(/^OK: 6 audit entries verified; head 6 [0-9a-f]{64}$/);
      await tamper("UPDATE audit_log SET categories = '{health}' WHERE seq = 2");
      expect(await verifyAuditCommand(db.url, io)).toBe(1);
      expect(lines.pop()).toBe(
        'ERR BROKEN at audit entry 2: entry 2 does not match its hash (altered)',
      );
    });
  });

  describe('keys and anchors', () => {
    const b64 = (n: number) => Buffer.alloc(32, n).toString('base64');
    const oldRing: AuditKeyring = parseAuditKeys(`k-old:${b64(21)}`);
    const rotated: AuditKeyring = parseAuditKeys(`k-new:${b64(22)},k-old:${b64(21)}`);

    it('keeps entries from before the keyed chain (plain SHA-256) verifying', async () => {
      await fresh(0);
      // Two entries as the trail wrote them before: plain SHA-256, no key, no newer fields.
      let prev: Buffer | null = null;
      for (const seq of [1, 2]) {
        const [now] = (await ds.query(
          `SELECT date_trunc('milliseconds', clock_timestamp()) AS at`,
        )) as { at: Date }[];
        const e = {
          ...entry({ requestId: `legacy${seq}` }),
          seq,
          at: now.at,
          prevHash: prev,
          purpose: 'case-management',
        };
        const hash = auditHash({
          ...normaliseAuditEntry(e),
          seq,
          at: e.at,
          prevHash: prev,
        });
        await ds.query(
          `INSERT INTO audit_log (seq, at, actor_id, actor_role, organisation_id, action, case_id,
             categories, purpose, outcome, request_id, prev_hash, hash)
           VALUES ($1, $2, $3, 'caseworker', $4, 'case.read', $5, '{case}', $6, 'allowed', $7, $8, $9)`,
          [seq, e.at, e.actorId, e.organisationId, e.caseId, e.purpose, e.requestId, prev, hash],
        );
        prev = hash;
      }
      const next = await trail.append(entry());
      expect(next).toMatchObject({ seq: 3, alg: 'hmac-sha256' });
      const rows = await trail.list({ limit: 10 });
      expect(rows.map((r) => r.alg)).toEqual(['sha256', 'sha256', 'hmac-sha256']);
      await expect(trail.verify()).resolves.toEqual({ ok: true, count: 3 });
    });

    it('verifies across a key rotation, and refuses entries of a key it does not hold', async () => {
      await fresh(0);
      const before = new AuditTrail(ds, oldRing);
      const after = new AuditTrail(ds, rotated);
      await before.append(entry());
      await before.append(entry());
      await after.append(entry());
      expect((await after.list({ limit: 10 })).map((r) => r.keyId)).toEqual([
        'k-old',
        'k-old',
        'k-new',
      ]);
      await expect(after.verify()).resolves.toEqual({ ok: true, count: 3 });
      // The old key dropped from the ring too early: its entries can no longer be verified.
      await expect(
        new AuditTrail(ds, parseAuditKeys(`k-new:${b64(22)}`)).verify(),
      ).resolves.toEqual({
        ok: false,
        firstBrokenSeq: 1,
        reason: 'entry 1 was keyed with audit key "k-old", which is not configured',
      });
      // A key of the same id but other bytes (a forger's) does not verify either.
      await expect(
        new AuditTrail(ds, parseAuditKeys(`k-new:${b64(22)},k-old:${b64(23)}`)).verify(),
      ).resolves.toMatchObject({ ok: false, firstBrokenSeq: 1 });
    });

    it('finds a truncation against the latest anchor in the anchor file', async () => {
      await fresh(5);
      const dir = await mkdtemp(join(tmpdir(), 'ariadne-anchors-'));
      try {
        const file = join(dir, 'sub', 'audit-anchors.log');
        expect(await readLatestAnchor(file)).toBeNull();
        const h3 = (await trail.list({ afterSeq: 2, limit: 1 }))[0];
        await appendAnchor(file, { at: new Date(), seq: h3.seq, hash: h3.hash });
        const head = (await trail.head())!;
        await appendAnchor(file, { at: new Date(), ...head });
        const latest = await readLatestAnchor(file);
        expect(latest).toMatchObject({ seq: 5 });
        expect(latest!.hash).toEqual(head.hash);
        await expect(trail.verify({ anchor: latest })).resolves.toEqual({
          ok: true,
          count: 5,
          anchoredSeq: 5,
        });
        // The newest two entries removed by the table's owner: a chain intact in itself …
        await tamper('DELETE FROM audit_log WHERE seq > 3');
        await expect(trail.verify()).resolves.toEqual({ ok: true, count: 3 });
        // … that no longer reaches the anchor.
        await expect(trail.verify({ anchor: latest })).resolves.toEqual({
          ok: false,
          firstBrokenSeq: 4,
          reason: 'the trail ends at entry 3, before the anchored entry 5 (truncated)',
        });
        const lines: string[] = [];
        const io = {
          out: (l: string) => lines.push(l),
          err: (l: string) => lines.push(`ERR ${l}`),
        };
        expect(await verifyAuditCommand(db.url, io, { anchorFile: file })).toBe(1);
        expect(lines.pop()).toMatch(/^ERR BROKEN at audit entry 4: .*\(truncated\)$/);
        // A garbled line in the file is skipped, not taken as an anchor.
        await writeFile(file, 'not an anchor\n', { flag: 'a' });
        expect((await readLatestAnchor(file))?.seq).toBe(5);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('records the case’s country, looked up from the case, and scopes auditors by it', async () => {
      await fresh(0);
      // Any organisation type the schema allows (the list of types is not this test's concern).
      await ds.query(`INSERT INTO organisations (id, name, type, country)
        SELECT o.id, o.name, (regexp_match(pg_get_constraintdef(c.oid), '''([a-zA-Z-]+)'''))[1], o.country
          FROM (VALUES ('no-audit-org', 'Org NO', 'NO'), ('se-audit-org', 'Org SE', 'SE'))
                 AS o (id, name, country),
               pg_constraint c
         WHERE c.conname = 'organisations_type_check'
        ON CONFLICT (id) DO NOTHING`);
      const noCase = randomUUID();
      await ds.query(
        `INSERT INTO case_summaries (case_id, version, phase, country, organisation_id,
           assignee_id, referral_source, policy_version, opened_at, last_progress_at)
         VALUES ($1, 1, 'identification', 'NO', 'no-audit-org', 'no-audit-cw', 'self', 'p1',
           now(), now())`,
        [noCase],
      );
      // A Swedish caseworker tries a Norwegian case; then reads a case that does not exist.
      const attempt = await trail.append(
        entry({
          caseId: noCase,
          organisationId: 'se-audit-org',
          actorId: 'se-audit-cw',
          outcome: 'denied',
        }),
      );
      const unknown = await trail.append(
        entry({ organisationId: 'se-audit-org', actorId: 'se-audit-cw', outcome: 'denied' }),
      );
      // A refused token: no actor, no case, no country.
      const token = await trail.append({
        action: 'auth.token.refused',
        categories: [],
        outcome: 'denied',
        reason: 'invalid-token',
        route: 'GET /api/v1/cases/:caseId',
      });
      expect(attempt.caseCountry).toBe('NO');
      expect(unknown.caseCountry).toBeNull();
      const seen = async (country: string) =>
        (await trail.list({ country, limit: 10 })).map((r) => r.seq);
      // The case's own (Norwegian) auditor sees the attempt; the Swedish one does not.
      expect(await seen('NO')).toEqual([attempt.seq, token.seq]);
      expect(await seen('SE')).toEqual([unknown.seq, token.seq]);
      await expect(trail.verify()).resolves.toEqual({ ok: true, count: 3 });
    });
  });
});
