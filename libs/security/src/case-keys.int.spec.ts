import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../persistence/src/data-source';
import { CaseKeyStore, localCaseKeyStore } from './case-keys';
import { CaseKeyDestroyedError, CaseKeyMissingError, FieldDecryptionError } from './errors';
import { type KeyWrapper, LocalKeyWrapper } from './key-wrapper';
import { parseKeyring } from './keyring';

jest.setTimeout(30_000);

const SECRET = 'Ioana Secretperson';
const PATHS = ['person.name', 'person.phone'];

/** Counts unwraps, to see the cache at work. */
class CountingWrapper implements KeyWrapper {
  unwraps = 0;
  constructor(private readonly inner: KeyWrapper) {}
  get id(): string {
    return this.inner.id;
  }
  wrap(dek: Buffer): Promise<Buffer> {
    return this.inner.wrap(dek);
  }
  unwrap(wrapped: Buffer): Promise<Buffer> {
    this.unwraps += 1;
    return this.inner.unwrap(wrapped);
  }
}

describe('CaseKeyStore on PostgreSQL', () => {
  let ds: DataSource;
  let wrapper: CountingWrapper;
  let store: CaseKeyStore;
  const master = randomBytes(32);

  beforeAll(async () => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: run with scripts/test.sh');
    ds = await createDataSource(url).initialize();
    wrapper = new CountingWrapper(new LocalKeyWrapper(master, 'm1'));
    store = new CaseKeyStore(ds, wrapper);
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  const rows = (caseId: string): Promise<Record<string, unknown>[]> =>
    ds.query(`SELECT * FROM case_keys WHERE case_id = $1`, [caseId]);

  it('creates one key per case, idempotently', async () => {
    const caseId = randomUUID();
    expect(await store.isDestroyed(caseId)).toBe(false);
    expect(await store.ensureKey(caseId)).toEqual({ created: true });
    expect(await store.ensureKey(caseId)).toEqual({ created: false });
    // A fresh store (another process) sees the existing key too.
    expect(await new CaseKeyStore(ds, wrapper).ensureKey(caseId)).toEqual({ created: false });
    const [row] = await rows(caseId);
    expect(row).toMatchObject({ wrapper_id: 'm1', destroyed_at: null, destroyed_by: null });
    expect((row!.wrapped_key as Buffer).length).toBe(60);
  });

  it('gives one key to concurrent creators (other processes, no shared cache)', async () => {
    const caseId = randomUUID();
    const stores = Array.from({ length: 6 }, () => new CaseKeyStore(ds, wrapper));
    const results = await Promise.all(stores.map((s) => s.ensureKey(caseId)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await rows(caseId)).toHaveLength(1);
    // All of them now use that one key.
    const token = (await stores[0]!.fieldCipher(caseId)).encrypt(SECRET);
    for (const s of stores) expect((await s.fieldCipher(caseId)).decrypt(token)).toBe(SECRET);
  });

  it('creates the key inside the caller’s transaction, and not if it rolls back', async () => {
    const kept = randomUUID();
    await ds.transaction(async (tx) => {
      await store.ensureKey(kept, tx);
      const token = (await store.fieldCipher(kept, tx)).encrypt(SECRET);
      expect((await store.fieldCipher(kept, tx)).decrypt(token)).toBe(SECRET);
    });
    expect(await rows(kept)).toHaveLength(1);

    const rolledBack = randomUUID();
    await expect(
      ds.transaction(async (tx) => {
        await store.ensureKey(rolledBack, tx);
        await store.fieldCipher(rolledBack, tx);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await rows(rolledBack)).toHaveLength(0);
    // Nothing stale was cached: the case has no key, then gets a fresh one.
    await expect(store.fieldCipher(rolledBack)).rejects.toBeInstanceOf(CaseKeyMissingError);
    expect(await store.ensureKey(rolledBack)).toEqual({ created: true });
  });

  it('encrypts and decrypts fields; the plaintext never reaches the table', async () => {
    const caseId = randomUUID();
    await store.ensureKey(caseId);
    const cipher = await store.fieldCipher(caseId);
    const token = cipher.encrypt(SECRET);
    expect(cipher.decrypt(token)).toBe(SECRET);
    const other = randomUUID();
    await store.ensureKey(other);
    await expect(store.fieldCipher(other).then((c) => c.decrypt(token))).rejects.toBeInstanceOf(
      FieldDecryptionError,
    );
    const dump = JSON.stringify(
      await ds.query(`SELECT case_id, encode(wrapped_key, 'hex') AS k FROM case_keys`),
    );
    expect(dump).not.toContain(Buffer.from(SECRET).toString('hex'));
    expect(dump).not.toContain(SECRET);
  });

  it('caches unwrapped keys', async () => {
    const caseId = randomUUID();
    await new CaseKeyStore(ds, wrapper).ensureKey(caseId);
    const fresh = new CaseKeyStore(ds, wrapper);
    const before = wrapper.unwraps;
    await fresh.fieldCipher(caseId);
    await fresh.fieldCipher(caseId);
    await fresh.decryptPersonal(caseId, { person: { name: 'x' } }, PATHS);
    expect(wrapper.unwraps - before).toBe(1);
  });

  it('encrypts personal paths and reads them back', async () => {
    const caseId = randomUUID();
    await store.ensureKey(caseId);
    const data = { type: 'PersonRecorded', person: { name: SECRET, phone: '+40700000002' } };
    const stored = await store.encryptPersonal(caseId, data, PATHS);
    expect(JSON.stringify(stored)).not.toContain('Secretperson');
    expect(await store.decryptPersonal(caseId, stored, PATHS)).toEqual(data);
    // Nothing personal: no key needed, even for a case without one.
    const anonymous = { type: 'Note', person: {} };
    expect(await store.decryptPersonal(randomUUID(), anonymous, PATHS)).toEqual(anonymous);
    expect(await store.encryptPersonal(randomUUID(), anonymous, PATHS)).toEqual(anonymous);
    await expect(store.decryptPersonal(randomUUID(), stored, PATHS)).rejects.toBeInstanceOf(
      CaseKeyMissingError,
    );
  });

  it('destroys a key: decrypt fails, no key bytes remain, it cannot come back', async () => {
    const caseId = randomUUID();
    await store.ensureKey(caseId);
    const cipher = await store.fieldCipher(caseId);
    const token = cipher.encrypt(SECRET);
    const stored = await store.encryptPersonal(caseId, { person: { name: SECRET } }, PATHS);
    // Another process that has the key cached (until its TTL) and one that has not.
    const otherProcess = new CaseKeyStore(ds, wrapper);
    await otherProcess.fieldCipher(caseId);

    const destruction = await store.destroy(caseId, 'dpo-1');
    expect(destruction.destroyedBy).toBe('dpo-1');
    expect(destruction.destroyedAt).toBeInstanceOf(Date);

    expect(() => cipher.decrypt(token)).toThrow(CaseKeyDestroyedError);
    await expect(store.fieldCipher(caseId)).rejects.toBeInstanceOf(CaseKeyDestroyedError);
    await expect(new CaseKeyStore(ds, wrapper).fieldCipher(caseId)).rejects.toBeInstanceOf(
      CaseKeyDestroyedError,
    );
    expect(await store.decryptPersonal(caseId, stored, PATHS)).toEqual({
      person: { name: { erased: true } },
    });
    expect(await store.isDestroyed(caseId)).toBe(true);
    await expect(store.ensureKey(caseId)).rejects.toBeInstanceOf(CaseKeyDestroyedError);
    await expect(new CaseKeyStore(ds, wrapper).ensureKey(caseId)).rejects.toBeInstanceOf(
      CaseKeyDestroyedError,
    );

    const [row] = await ds.query(`SELECT * FROM case_keys WHERE case_id = $1`, [caseId]);
    expect(row).toMatchObject({ wrapped_key: null, destroyed_by: 'dpo-1' });
    expect(Object.values(row as object).some((v) => Buffer.isBuffer(v))).toBe(false);

    // Idempotent: the first erasure stays on record.
    const again = await store.destroy(caseId, 'someone-else');
    expect(again).toEqual(destruction);
  });

  it('keeps a destroyed key destroyed at the database level', async () => {
    const caseId = randomUUID();
    await store.ensureKey(caseId);
    await store.destroy(caseId, 'dpo-1');
    await expect(
      ds.query(
        `UPDATE case_keys SET wrapped_key = '\\x00', destroyed_at = NULL WHERE case_id = $1`,
        [caseId],
      ),
    ).rejects.toThrow(/cannot be restored/);
    await expect(ds.query(`DELETE FROM case_keys WHERE case_id = $1`, [caseId])).rejects.toThrow(
      /cannot be deleted/,
    );
    await expect(
      ds.query(`UPDATE case_keys SET destroyed_at = NULL WHERE case_id = $1`, [randomUUID()]),
    ).resolves.toBeDefined();
  });

  it('erases a case that never had a key, so none can be made later', async () => {
    const caseId = randomUUID();
    await store.destroy(caseId, 'dpo-1');
    expect(await store.isDestroyed(caseId)).toBe(true);
    await expect(store.ensureKey(caseId)).rejects.toBeInstanceOf(CaseKeyDestroyedError);
  });

  it('unwraps keys wrapped by a retired master key after rotation', async () => {
    const oldKey = randomBytes(32).toString('base64');
    const caseId = randomUUID();
    const before = localCaseKeyStore(ds, parseKeyring(`m-old:${oldKey}`));
    await before.ensureKey(caseId);
    const token = (await before.fieldCipher(caseId)).encrypt(SECRET);
    const newKey = randomBytes(32).toString('base64');
    const after = localCaseKeyStore(ds, parseKeyring(`m-new:${newKey},m-old:${oldKey}`));
    expect((await after.fieldCipher(caseId)).decrypt(token)).toBe(SECRET);
    const created = randomUUID();
    await after.ensureKey(created);
    expect((await rows(created))[0]).toMatchObject({ wrapper_id: 'm-new' });
    // Without the retired key the error names the wrapper id, not any key.
    const forgotten = localCaseKeyStore(ds, parseKeyring(`m-new:${newKey}`));
    await expect(forgotten.fieldCipher(caseId)).rejects.toThrow(
      /wrapped by "m-old", not configured/,
    );
  });
});
