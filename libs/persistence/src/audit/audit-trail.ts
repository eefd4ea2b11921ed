import type { DataSource, EntityManager } from 'typeorm';
import type { AuditAnchor } from './audit-anchor';
import {
  type AuditAlgorithm,
  type AuditCategory,
  type AuditEntry,
  type AuditOutcome,
  type AuditRecord,
  type NormalisedAuditEntry,
  normaliseAuditEntry,
} from './audit-entry';
import { auditHash, auditHmac } from './audit-hash';
import {
  type AuditKeyring,
  auditKeysFromEnv,
  currentAuditKey,
  subjectReference,
} from './audit-keys';

/**
 * Serialises appends across every process writing the trail. Above the 32-bit range that the
 * event store's per-case locks (hashtext) use, so the two never collide.
 */
export const AUDIT_LOCK_KEY = '280603412820'; // 'AUDIT' in ASCII

/** Entries chained in one transaction at most (the queue is drained in batches of this). */
const MAX_BATCH = 200;

interface Pending {
  readonly fields: NormalisedAuditEntry;
  resolve(record: AuditRecord): void;
  reject(error: unknown): void;
}

export type AuditVerification =
  | { readonly ok: true; readonly count: number; readonly anchoredSeq?: number }
  | { readonly ok: false; readonly firstBrokenSeq: number; readonly reason: string };

export interface AuditVerifyOptions {
  /** Entries read per query. */
  readonly batchSize?: number;
  /** The latest anchor kept outside the database: the chain must still contain it. */
  readonly anchor?: AuditAnchor | null;
}

export interface AuditQuery {
  readonly caseId?: string;
  readonly actorId?: string;
  readonly action?: string;
  /** Inclusive lower bound of `at`. */
  readonly from?: Date;
  /** Exclusive upper bound of `at`. */
  readonly to?: Date;
  /**
   * Only what an auditor of this country (ISO 3166 alpha-2) may see: entries on a case of this
   * country; entries without a known case country by actors of its organisations; and entries
   * tied to no country at all (refused tokens, sign-ins of unknown logins).
   */
  readonly country?: string;
  /** Cursor: only entries after this seq. */
  readonly afterSeq?: number;
  readonly limit: number;
}

interface AuditRow {
  seq: string;
  at: Date;
  actor_id: string | null;
  actor_role: string | null;
  organisation_id: string | null;
  action: string;
  case_id: string | null;
  categories: string[];
  purpose: string | null;
  outcome: string;
  request_id: string | null;
  case_country: string | null;
  subject_ref: string | null;
  reason: string | null;
  route: string | null;
  alg: string;
  key_id: string | null;
  prev_hash: Buffer | null;
  hash: Buffer;
}

const COLUMNS = `seq, at, actor_id, actor_role, organisation_id, action, case_id, categories,
  purpose, outcome, request_id, case_country, subject_ref, reason, route, alg, key_id,
  prev_hash, hash`;

function toRecord(r: AuditRow): AuditRecord {
  return {
    seq: Number(r.seq),
    at: r.at,
    actorId: r.actor_id,
    actorRole: r.actor_role,
    organisationId: r.organisation_id,
    action: r.action,
    caseId: r.case_id,
    categories: r.categories as AuditCategory[],
    purpose: r.purpose,
    outcome: r.outcome as AuditOutcome,
    requestId: r.request_id,
    caseCountry: r.case_country,
    subjectRef: r.subject_ref,
    reason: r.reason,
    route: r.route,
    alg: r.alg as AuditAlgorithm,
    keyId: r.key_id,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** The link an entry should carry, recomputed; a reason when it cannot be. */
function expectedHash(r: AuditRecord, ring: AuditKeyring): Buffer | string {
  if (r.alg === 'sha256') {
    // Plain entries predate the newer fields; v1 does not cover them, so they must be empty.
    if (r.caseCountry !== null || r.subjectRef !== null || r.reason !== null || r.route !== null) {
      return `entry ${r.seq} does not match its hash (altered)`;
    }
    return auditHash(r);
  }
  if (r.alg !== 'hmac-sha256' || r.keyId === null) return `entry ${r.seq} has no known algorithm`;
  const key = ring.keys.get(r.keyId);
  if (!key) return `entry ${r.seq} was keyed with audit key "${r.keyId}", which is not configured`;
  return auditHmac({ ...r, keyId: r.keyId }, key);
}

/**
 * The tamper-evident audit trail (P5) in table audit_log. Each entry's hash covers its fields
 * and the previous entry's hash, so that changing, deleting or reordering any entry breaks the
 * chain from there on; verify() finds the first broken link. The table is append-only (trigger).
 *
 * What a hash chain alone cannot show is the loss of the newest entries: publish head() now and
 * then (e.g. to the operations log or a notary) to anchor the chain.
 */
export class AuditTrail {
  /** Without keys, ARIADNE_AUDIT_KEYS is read (and must be valid) when the trail is made. */
  constructor(
    private readonly ds: DataSource,
    private readonly keys: AuditKeyring = auditKeysFromEnv(),
  ) {}

  /** The keyed hash that stands for a login naming no account in a sign-in entry. */
  subjectRef(normalisedLogin: string): string {
    return subjectReference(this.keys, normalisedLogin);
  }

  /**
   * Appends one entry, and resolves once it is committed: in a transaction of its own, or inside
   * the caller's (pass its manager), so that an entry can commit or roll back together with the
   * write it records. The chain is extended under a transaction-scoped advisory lock: one
   * appender at a time, everywhere. Without a manager, entries that arrive while a write is under
   * way are queued and chained together in the next transaction (one lock, one commit for many):
   * the lock was held for a commit per entry before, which capped audited requests at about one
   * commit's time each (scripts/bench-audit.mjs). Inside a caller's REPEATABLE READ or
   * SERIALIZABLE transaction begun before the lock, the head may be read stale: the append then
   * fails (primary key, chain trigger) rather than fork.
   */
  async append(entry: AuditEntry, manager?: EntityManager): Promise<AuditRecord> {
    const fields = normaliseAuditEntry(entry);
    if (manager) {
      const [record] = await manager.transaction((m) => this.chain(m, [fields]));
      return record;
    }
    return new Promise<AuditRecord>((resolve, reject) => {
      this.queue.push({ fields, resolve, reject });
      void this.drain();
    });
  }

  /**
   * Appends entries, in order, inside a transaction the caller has open on `manager` (no
   * transaction or savepoint of its own): they commit or roll back with the caller's writes.
   * The event store's append passes the audit entry of the command it stores (docs/adr/0013).
   */
  async appendInTransaction(
    entries: readonly AuditEntry[],
    manager: EntityManager,
  ): Promise<AuditRecord[]> {
    if (entries.length === 0) return [];
    return this.chain(manager, entries.map(normaliseAuditEntry));
  }

  private readonly queue: Pending[] = [];
  private draining = false;

  /** Writes the queue in batches, one transaction each, until it is empty; one drain at a time. */
  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          const records = await this.ds.transaction((m) =>
            this.chain(
              m,
              batch.map((p) => p.fields),
            ),
          );
          batch.forEach((p, i) => p.resolve(records[i]));
        } catch (e) {
          if (batch.length === 1) {
            batch[0].reject(e);
            continue;
          }
          // One entry the database refuses must not fail the others: each again on its own.
          for (const p of batch) {
            try {
              const [record] = await this.ds.transaction((m) => this.chain(m, [p.fields]));
              p.resolve(record);
            } catch (one) {
              p.reject(one);
            }
          }
        }
      }
    } finally {
      this.draining = false;
    }
  }

  /** Extends the chain by these entries, in order, inside the given transaction. */
  private async chain(
    m: EntityManager,
    entries: readonly NormalisedAuditEntry[],
  ): Promise<AuditRecord[]> {
    const { id: keyId, key } = currentAuditKey(this.keys);
    // The cases' countries, looked up here rather than taken from the caller.
    const caseIds = [...new Set(entries.map((e) => e.caseId).filter((c) => c !== null))];
    // One round trip (issue 11): the lock, then the head (read after the lock is granted), the
    // next entry's time (the database's clock to the millisecond, never before the head's) and
    // the cases' countries (migration 1796657925895-audit-chain-head).
    const [row] = (await m.query(
      'SELECT head_seq, head_hash, next_at, countries FROM audit_chain_head($1::bigint, $2::uuid[])',
      [AUDIT_LOCK_KEY, caseIds],
    )) as {
      head_seq: string | null;
      head_hash: Buffer | null;
      next_at: Date;
      countries: Record<string, string> | null;
    }[];
    const head = { seq: row.head_seq, hash: row.head_hash, now: row.next_at };
    const countries = new Map<string, string>(Object.entries(row.countries ?? {}));
    let seq = head.seq === null ? 0 : Number(head.seq);
    let prevHash = head.hash;
    const records: AuditRecord[] = [];
    for (const fields of entries) {
      seq += 1;
      const record = {
        ...fields,
        seq,
        at: head.now,
        prevHash,
        caseCountry: fields.caseId === null ? null : (countries.get(fields.caseId) ?? null),
        alg: 'hmac-sha256' as const,
        keyId,
      };
      const hash = auditHmac(record, key);
      await m.query(
        `INSERT INTO audit_log (${COLUMNS})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
        [
          record.seq,
          record.at,
          record.actorId,
          record.actorRole,
          record.organisationId,
          record.action,
          record.caseId,
          record.categories,
          record.purpose,
          record.outcome,
          record.requestId,
          record.caseCountry,
          record.subjectRef,
          record.reason,
          record.route,
          record.alg,
          record.keyId,
          record.prevHash,
          hash,
        ],
      );
      records.push({ ...record, hash });
      prevHash = hash;
    }
    return records;
  }

  /**
   * Walks the whole trail in seq order, in batches, over one snapshot, and recomputes every
   * link: a missing seq (deleted entry), a prev_hash that is not the previous entry's hash
   * (deleted or reordered entries), a hash that does not match the entry (edited fields, or a
   * link recomputed without the key), a plain entry after a keyed one (a downgrade). With an
   * anchor, the anchored entry must still be there with the anchored hash (no truncation, no
   * rewrite from scratch).
   */
  async verify(options: number | AuditVerifyOptions = {}): Promise<AuditVerification> {
    const { batchSize = 1000, anchor = null } =
      typeof options === 'number' ? { batchSize: options } : options;
    return this.ds.transaction('REPEATABLE READ', async (m) => {
      let expectedSeq = 1;
      let prevHash: Buffer | null = null;
      let keyedSeen = false;
      for (;;) {
        const rows = (await m.query(
          `SELECT ${COLUMNS} FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT $2`,
          [expectedSeq, batchSize],
        )) as AuditRow[];
        for (const row of rows) {
          const r = toRecord(row);
          if (r.seq !== expectedSeq) {
            return broken(expectedSeq, `entry ${expectedSeq} is missing (next is ${r.seq})`);
          }
          if (!sameBytes(r.prevHash, prevHash)) {
            return broken(r.seq, `entry ${r.seq} does not link to entry ${r.seq - 1}`);
          }
          if (r.alg === 'sha256' && keyedSeen) {
            return broken(r.seq, `entry ${r.seq} is not keyed, after keyed entries (downgraded)`);
          }
          const expected = expectedHash(r, this.keys);
          if (typeof expected === 'string') return broken(r.seq, expected);
          if (!expected.equals(r.hash)) {
            return broken(r.seq, `entry ${r.seq} does not match its hash (altered)`);
          }
          if (anchor && r.seq === anchor.seq && !anchor.hash.equals(r.hash)) {
            return broken(r.seq, `entry ${r.seq} is not the anchored entry (rewritten)`);
          }
          keyedSeen ||= r.alg === 'hmac-sha256';
          prevHash = r.hash;
          expectedSeq += 1;
        }
        if (rows.length < batchSize) {
          const count = expectedSeq - 1;
          if (anchor && count < anchor.seq) {
            return broken(
              count + 1,
              `the trail ends at entry ${count}, before the anchored entry ${anchor.seq} (truncated)`,
            );
          }
          return anchor ? { ok: true, count, anchoredSeq: anchor.seq } : { ok: true, count };
        }
      }
    });
  }

  /** The newest entry's seq and hash: publish it elsewhere to anchor the chain. */
  async head(): Promise<{ seq: number; hash: Buffer } | null> {
    const [row] = (await this.ds.query(
      'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
    )) as { seq: string; hash: Buffer }[];
    return row ? { seq: Number(row.seq), hash: row.hash } : null;
  }

  /** Entries in seq order, filtered; page on with afterSeq = the last seq returned. */
  async list(q: AuditQuery): Promise<AuditRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: (p: string) => string, value: unknown): void => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (q.caseId !== undefined) add((p) => `case_id = ${p}`, q.caseId);
    if (q.actorId !== undefined) add((p) => `actor_id = ${p}`, q.actorId);
    if (q.action !== undefined) add((p) => `action = ${p}`, q.action);
    if (q.from !== undefined) add((p) => `at >= ${p}`, q.from);
    if (q.to !== undefined) add((p) => `at < ${p}`, q.to);
    if (q.country !== undefined) {
      add(
        (p) => `(case_country = ${p}
          OR (case_country IS NULL
              AND organisation_id IN (SELECT id FROM organisations WHERE country = ${p}))
          OR (case_country IS NULL AND organisation_id IS NULL))`,
        q.country,
      );
    }
    if (q.afterSeq !== undefined) add((p) => `seq > ${p}`, q.afterSeq);
    params.push(q.limit);
    const rows = (await this.ds.query(
      `SELECT ${COLUMNS} FROM audit_log
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY seq LIMIT $${params.length}`,
      params,
    )) as AuditRow[];
    return rows.map(toRecord);
  }
}

function broken(firstBrokenSeq: number, reason: string): AuditVerification {
  return { ok: false, firstBrokenSeq, reason };
}

function sameBytes(a: Buffer | null, b: Buffer | null): boolean {
  return a === null || b === null ? a === b : a.equals(b);
}
