import { randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { KEY_BYTES } from './aead';
import { CaseKeyDestroyedError, CaseKeyMissingError, normalizeCaseId } from './errors';
import { createFieldCipher, DataKey, type FieldCipher } from './field-cipher';
import { type KeyWrapper, localKeyWrappers } from './key-wrapper';
import type { Keyring } from './keyring';
import { TtlLru } from './lru';
import {
  clone,
  decryptPaths,
  encryptPaths,
  hasEncryptedValues,
  hasPersonalValues,
  type PersonalPaths,
  isErased,
} from './personal-data';

export interface CaseKeyStoreOptions {
  /** Wrappers of earlier master keys: rows they wrapped still unwrap (master key rotation). */
  readonly retiredWrappers?: readonly KeyWrapper[];
  /** Unwrapped keys kept in memory (default 1000). */
  readonly cacheSize?: number;
  /** How long (ms) an unwrapped key is kept; bounds how late another process sees an erasure. */
  readonly cacheTtlMs?: number;
  readonly now?: () => number;
}

export interface CaseKeyDestruction {
  readonly destroyedAt: Date;
  readonly destroyedBy: string;
}

type CachedKey = DataKey | 'destroyed';
interface KeyRow {
  wrapper_id: string;
  wrapped_key: Buffer | null;
}

/**
 * Per-case data keys (P2) with crypto-shredding (P7). Each case has one random 32-byte key, stored
 * only wrapped by the master key in `case_keys`. Erasure overwrites the wrapped key with NULL:
 * every ciphertext made with it, wherever it was copied, becomes unreadable, while the event log
 * itself stays intact and verifiable.
 */
export class CaseKeyStore {
  private readonly cache: TtlLru<CachedKey>;
  private readonly wrappers: ReadonlyMap<string, KeyWrapper>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly wrapper: KeyWrapper,
    options: CaseKeyStoreOptions = {},
  ) {
    this.cache = new TtlLru(
      options.cacheSize ?? 1000,
      options.cacheTtlMs ?? 5 * 60_000,
      options.now,
    );
    this.wrappers = new Map([...(options.retiredWrappers ?? []), wrapper].map((w) => [w.id, w]));
  }

  /**
   * Creates the case's key unless it exists; safe to call again and concurrently (one key wins).
   * Pass the caller's transaction to create the key atomically with the case's first event.
   * Refuses (CaseKeyDestroyedError) once the case has been erased.
   */
  async ensureKey(caseId: string, manager?: EntityManager): Promise<{ created: boolean }> {
    const id = normalizeCaseId(caseId);
    const cached = this.cache.get(id);
    if (cached instanceof DataKey) return { created: false };
    const db = manager ?? this.dataSource.manager;
    const existing = await this.readRow(db, id);
    if (existing) {
      if (!existing.wrapped_key) throw new CaseKeyDestroyedError(id);
      return { created: false };
    }
    const dek = randomBytes(KEY_BYTES);
    const wrapped = await this.wrapper.wrap(dek);
    // ON CONFLICT: of two concurrent creators, the second waits for the first and inserts nothing.
    const inserted: unknown[] = await db.query(
      `INSERT INTO case_keys (case_id, wrapper_id, wrapped_key) VALUES ($1, $2, $3)
       ON CONFLICT (case_id) DO NOTHING RETURNING case_id`,
      [id, this.wrapper.id, wrapped],
    );
    if (inserted.length === 0) {
      dek.fill(0);
      if (await this.isDestroyed(id, db)) throw new CaseKeyDestroyedError(id);
      return { created: false };
    }
    // Inside a caller's transaction the row may yet roll back: caching it could hand out a key
    // that no longer exists, so it is cached only once committed (here: autocommit).
    if (manager) dek.fill(0);
    else this.cache.set(id, new DataKey(dek));
    return { created: true };
  }

  /** A cipher for the case's fields. Throws CaseKeyMissingError or CaseKeyDestroyedError. */
  async fieldCipher(caseId: string, manager?: EntityManager): Promise<FieldCipher> {
    const id = normalizeCaseId(caseId);
    const key = await this.loadKey(id, manager);
    if (key === 'destroyed') throw new CaseKeyDestroyedError(id);
    if (!key) throw new CaseKeyMissingError(id);
    return createFieldCipher(id, key);
  }

  /** A copy of `obj` with the values at `paths` encrypted with the case's key. */
  async encryptPersonal(
    caseId: string,
    obj: Record<string, unknown>,
    paths: PersonalPaths,
    manager?: EntityManager,
  ): Promise<Record<string, unknown>> {
    if (!hasPersonalValues(obj, paths)) return clone(obj);
    return encryptPaths(await this.fieldCipher(caseId, manager), obj, paths);
  }

  /**
   * A copy of `obj` with the values at `paths` decrypted; after erasure they read
   * `{ erased: true }` instead of throwing, so that an erased case's timeline still renders.
   */
  async decryptPersonal(
    caseId: string,
    obj: Record<string, unknown>,
    paths: PersonalPaths,
    manager?: EntityManager,
  ): Promise<Record<string, unknown>> {
    const id = normalizeCaseId(caseId);
    if (!hasPersonalValues(obj, paths)) return clone(obj);
    const key = await this.loadKey(id, manager);
    if (key === 'destroyed') return decryptPaths('erased', obj, paths);
    if (!key) {
      // No key and nothing encrypted: data from before encryption, returned as it is.
      if (hasEncryptedValues(obj, paths)) throw new CaseKeyMissingError(id);
      return clone(obj);
    }
    return decryptPaths(createFieldCipher(id, key), obj, paths);
  }

  /**
   * Erases the case's personal data by destroying its key (P7); idempotent, and also for a case
   * that never had a key (a tombstone then stops one being created). Returns the first erasure.
   * Other processes may keep a cached key for up to the cache TTL.
   */
  async destroy(
    caseId: string,
    actorId: string,
    manager?: EntityManager,
  ): Promise<CaseKeyDestruction> {
    const id = normalizeCaseId(caseId);
    if (actorId.trim().length === 0) throw new TypeError('actorId is required to destroy a key');
    const db = manager ?? this.dataSource.manager;
    const rows: { destroyed_at: Date; destroyed_by: string }[] = await db.query(
      `INSERT INTO case_keys (case_id, wrapper_id, wrapped_key, destroyed_at, destroyed_by)
       VALUES ($1, $2, NULL, now(), $3)
       ON CONFLICT (case_id) DO UPDATE SET
         wrapped_key = NULL,
         destroyed_at = COALESCE(case_keys.destroyed_at, EXCLUDED.destroyed_at),
         destroyed_by = COALESCE(case_keys.destroyed_by, EXCLUDED.destroyed_by)
       RETURNING destroyed_at, destroyed_by`,
      [id, this.wrapper.id, actorId],
    );
    const cached = this.cache.get(id);
    if (cached instanceof DataKey) cached.destroy();
    // Kept as 'destroyed' (not just dropped) so that a load already in flight cannot re-cache it.
    this.cache.set(id, 'destroyed');
    const row = rows[0];
    if (!row) throw new Error(`destroying the key of case ${id} returned no row`);
    return { destroyedAt: row.destroyed_at, destroyedBy: row.destroyed_by };
  }

  async isDestroyed(caseId: string, manager?: EntityManager): Promise<boolean> {
    const rows: { destroyed: boolean }[] = await (manager ?? this.dataSource.manager).query(
      `SELECT destroyed_at IS NOT NULL AS destroyed FROM case_keys WHERE case_id = $1`,
      [normalizeCaseId(caseId)],
    );
    return rows[0]?.destroyed ?? false;
  }

  /** The cached or unwrapped key; undefined when the case has none. */
  private async loadKey(id: string, manager?: EntityManager): Promise<CachedKey | undefined> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const row = await this.readRow(manager ?? this.dataSource.manager, id);
    if (!row) return undefined;
    if (!row.wrapped_key) {
      this.cache.set(id, 'destroyed');
      return 'destroyed';
    }
    const wrapper = this.wrappers.get(row.wrapper_id);
    if (!wrapper) {
      throw new Error(`The key of case ${id} is wrapped by "${row.wrapper_id}", not configured`);
    }
    const key = new DataKey(await wrapper.unwrap(row.wrapped_key));
    // A destroy() that ran while we were unwrapping wins; a key read in a caller's transaction is
    // not cached (it may be one this transaction created and will roll back).
    const now = this.cache.get(id);
    if (now === 'destroyed') {
      key.destroy();
      return 'destroyed';
    }
    if (!manager) this.cache.set(id, key);
    return key;
  }

  private async readRow(db: EntityManager, id: string): Promise<KeyRow | undefined> {
    const rows: KeyRow[] = await db.query(
      `SELECT wrapper_id, wrapped_key FROM case_keys WHERE case_id = $1`,
      [id],
    );
    return rows[0];
  }
}

/** A store whose wrappers are the master keyring's keys held locally (current one wraps). */
export function localCaseKeyStore(
  dataSource: DataSource,
  masterKeys: Keyring,
  options: Omit<CaseKeyStoreOptions, 'retiredWrappers'> = {},
): CaseKeyStore {
  const [current, ...retired] = localKeyWrappers(masterKeys);
  if (!current) throw new Error('the master keyring is empty');
  return new CaseKeyStore(dataSource, current, { ...options, retiredWrappers: retired });
}

/**
 * One event's data with her identity category alone opened by the case's key (P3: every other
 * personal category is left out, never decrypted), or null when the event holds no identity or
 * it was erased (P7). Shared by the HTCDS export and the statistics' sex, age band and
 * citizenship counts (ADR 0017), so that both read her details the same way.
 */
export async function openIdentityOnly(
  keys: Pick<CaseKeyStore, 'decryptPersonal'>,
  caseId: string,
  data: unknown,
  manager?: EntityManager,
): Promise<Record<string, unknown> | null> {
  if (typeof data !== 'object' || data === null) return null;
  const personal = (data as { personal?: unknown }).personal;
  if (typeof personal !== 'object' || personal === null) return null;
  const identity = (personal as Record<string, unknown>)['identity'];
  if (!identity || isErased(identity)) return null;
  const identityOnly = { ...(data as Record<string, unknown>), personal: { identity } };
  const opened = await keys.decryptPersonal(caseId, identityOnly, ['personal.identity'], manager);
  const openedIdentity = (opened['personal'] as Record<string, unknown> | undefined)?.['identity'];
  return isErased(openedIdentity) ? null : opened;
}
