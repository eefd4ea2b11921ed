import { createHmac } from 'node:crypto';

/**
 * The keys of the audit chain's HMAC (ARIADNE_AUDIT_KEYS): `id:BASE64,id:BASE64`, newest first.
 * The newest keys new entries; every key verifies the entries made under it, so a rotation
 * (prepend a new key, keep the old ones) leaves the whole chain verifiable.
 */
export interface AuditKeyring {
  readonly currentKeyId: string;
  readonly keys: ReadonlyMap<string, Buffer>;
}

export const AUDIT_KEYS_ENV = 'ARIADNE_AUDIT_KEYS';
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const MIN_KEY_BYTES = 32;

/** Names the variable and the entry's position or id; never a key. */
export class AuditKeyError extends Error {
  override readonly name = 'AuditKeyError';
}

export function parseAuditKeys(spec: string | undefined): AuditKeyring {
  const entries = (spec ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
  if (entries.length === 0) {
    throw new AuditKeyError(
      `${AUDIT_KEYS_ENV} is not set (id:base64 of at least ${MIN_KEY_BYTES} random bytes, newest first)`,
    );
  }
  const keys = new Map<string, Buffer>();
  entries.forEach((entry, index) => {
    const colon = entry.indexOf(':');
    const id = colon < 0 ? '' : entry.slice(0, colon);
    const base64 = colon < 0 ? '' : entry.slice(colon + 1).trim();
    const where = `${AUDIT_KEYS_ENV} entry ${index + 1}`;
    if (!KEY_ID.test(id)) throw new AuditKeyError(`${where} is not of the form <id>:<base64>`);
    if (keys.has(id)) throw new AuditKeyError(`${AUDIT_KEYS_ENV}: key id "${id}" appears twice`);
    const key = BASE64.test(base64) ? Buffer.from(base64, 'base64') : Buffer.alloc(0);
    if (key.length < MIN_KEY_BYTES) {
      throw new AuditKeyError(`${where} must be base64 of at least ${MIN_KEY_BYTES} bytes`);
    }
    keys.set(id, key);
  });
  return { currentKeyId: entries[0].slice(0, entries[0].indexOf(':')), keys };
}

/** Reads ARIADNE_AUDIT_KEYS; a missing or malformed value stops the process that needs it. */
export function auditKeysFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): AuditKeyring {
  return parseAuditKeys(env[AUDIT_KEYS_ENV]);
}

export function currentAuditKey(ring: AuditKeyring): { id: string; key: Buffer } {
  const key = ring.keys.get(ring.currentKeyId);
  if (!key) throw new AuditKeyError(`${AUDIT_KEYS_ENV}: the current key is missing`);
  return { id: ring.currentKeyId, key };
}

/**
 * A keyed hash of a login that names no account, for sign-in entries: equal logins give equal
 * references (repeated attempts on one login can be seen), while the login itself cannot be
 * read back nor guessed without the key. Domain-separated from the chain's HMAC.
 */
export function subjectReference(ring: AuditKeyring, normalisedLogin: string): string {
  return createHmac('sha256', currentAuditKey(ring).key)
    .update(`ariadne-audit-subject\n${normalisedLogin}`, 'utf8')
    .digest('hex');
}
