import { AeadError, KEY_BYTES, open, seal } from './aead';
import { KEY_ID_PATTERN, type Keyring } from './keyring';

/**
 * Wraps (encrypts) and unwraps per-case data keys with a master key. `id` is stored with every
 * wrapped key so that the right wrapper unwraps it after the master key changes. A KMS (Vault
 * transit, AWS/GCP KMS) can implement this so the master key never enters the process.
 */
export interface KeyWrapper {
  readonly id: string;
  wrap(dek: Buffer): Promise<Buffer>;
  unwrap(wrapped: Buffer): Promise<Buffer>;
}

/** Unwrapping failed. Names the wrapper id only. */
export class KeyUnwrapError extends Error {
  override readonly name = 'KeyUnwrapError';
}

// Associated data ties a wrapped blob to this use: a payload or field ciphertext made with the same
// master key by mistake can never be taken for a wrapped data key.
const WRAP_AAD = Buffer.from('ariadne:case-dek:v1');

/** A wrapper holding the master key in process memory (AES-256-GCM). */
export class LocalKeyWrapper implements KeyWrapper {
  private readonly masterKey: Buffer;

  constructor(
    masterKey: Buffer,
    readonly id: string = 'local',
  ) {
    if (!KEY_ID_PATTERN.test(id))
      throw new Error(`invalid key wrapper id (${KEY_ID_PATTERN.source})`);
    if (masterKey.length !== KEY_BYTES) {
      throw new Error(`master key "${id}" must be ${KEY_BYTES} bytes, got ${masterKey.length}`);
    }
    // A private copy: the caller's buffer may be reused or zeroed.
    this.masterKey = Buffer.from(masterKey);
  }

  async wrap(dek: Buffer): Promise<Buffer> {
    if (dek.length !== KEY_BYTES) throw new Error(`a data key must be ${KEY_BYTES} bytes`);
    return seal(this.masterKey, dek, WRAP_AAD);
  }

  async unwrap(wrapped: Buffer): Promise<Buffer> {
    try {
      return open(this.masterKey, wrapped, WRAP_AAD);
    } catch (e) {
      if (!(e instanceof AeadError)) throw e;
      throw new KeyUnwrapError(`data key does not unwrap with master key "${this.id}"`);
    }
  }
}

/** One LocalKeyWrapper per key of a ring, the current one first (for CaseKeyStore). */
export function localKeyWrappers(keyring: Keyring): LocalKeyWrapper[] {
  const wrappers = [...keyring.keys].map(([id, key]) => new LocalKeyWrapper(key, id));
  return [
    ...wrappers.filter((w) => w.id === keyring.currentKeyId),
    ...wrappers.filter((w) => w.id !== keyring.currentKeyId),
  ];
}
