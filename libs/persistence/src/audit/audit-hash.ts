import { createHash, createHmac } from 'node:crypto';
import type { NormalisedAuditEntry } from './audit-entry';

/** Names the encoding; a future change of encoding gets a new tag and leaves old rows valid. */
export const AUDIT_HASH_VERSION = 'ariadne-audit-v1';

/** What an entry's hash covers: its place in the chain, its time and every recorded field. */
export interface HashedAuditFields extends NormalisedAuditEntry {
  readonly seq: number;
  readonly at: Date;
  readonly prevHash: Buffer | null;
}

/**
 * The canonical encoding of an entry: a JSON array with every field at a fixed position, so
 * that no two different entries encode alike (JSON escapes its strings, and an array keeps the
 * boundaries between fields and between categories). Times are UTC with milliseconds, hashes
 * lower-case hex, absent fields null.
 */
export function canonicalAuditEncoding(f: HashedAuditFields): string {
  if (!Number.isSafeInteger(f.seq) || f.seq < 1) throw new RangeError('seq must be >= 1');
  return JSON.stringify([
    AUDIT_HASH_VERSION,
    String(f.seq),
    f.prevHash === null ? null : f.prevHash.toString('hex'),
    f.at.toISOString(),
    f.actorId,
    f.actorRole,
    f.organisationId,
    f.action,
    f.caseId,
    [...f.categories],
    f.purpose,
    f.outcome,
    f.requestId,
  ]);
}

/** SHA-256 of the canonical encoding: the link that the next entry's prev_hash carries. */
export function auditHash(f: HashedAuditFields): Buffer {
  return createHash('sha256').update(canonicalAuditEncoding(f), 'utf8').digest();
}

/** The encoding of keyed entries: it also names the algorithm and key, and the newer fields. */
export const AUDIT_KEYED_HASH_VERSION = 'ariadne-audit-v2';

/** What a keyed entry's HMAC covers: every field of v1, and the key's id and the newer fields. */
export interface KeyedAuditFields extends HashedAuditFields {
  readonly keyId: string;
  readonly caseCountry: string | null;
}

/**
 * The canonical encoding of a keyed entry, as v1 a JSON array with every field at a fixed
 * position. The algorithm and key id are inside, so that an entry cannot be re-labelled.
 */
export function keyedAuditEncoding(f: KeyedAuditFields): string {
  if (!Number.isSafeInteger(f.seq) || f.seq < 1) throw new RangeError('seq must be >= 1');
  return JSON.stringify([
    AUDIT_KEYED_HASH_VERSION,
    'hmac-sha256',
    f.keyId,
    String(f.seq),
    f.prevHash === null ? null : f.prevHash.toString('hex'),
    f.at.toISOString(),
    f.actorId,
    f.actorRole,
    f.organisationId,
    f.action,
    f.caseId,
    f.caseCountry,
    [...f.categories],
    f.purpose,
    f.outcome,
    f.requestId,
    f.subjectRef,
    f.reason,
    f.route,
  ]);
}

/**
 * HMAC-SHA256 of the keyed encoding: whoever can write the table but does not hold the key (a
 * database superuser) cannot compute a valid link, so a rewritten chain no longer verifies.
 */
export function auditHmac(f: KeyedAuditFields, key: Buffer): Buffer {
  return createHmac('sha256', key).update(keyedAuditEncoding(f), 'utf8').digest();
}
