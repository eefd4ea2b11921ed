import { AeadError, decodeBase64Strict, KEY_BYTES, open, seal } from './aead';
import { CaseKeyDestroyedError, FieldDecryptionError, normalizeCaseId } from './errors';

/** Versioned so that a later format (another cipher, a key id inside) can live alongside. */
export const FIELD_TOKEN_PREFIX = 'enc:v1:';

/** Encrypts single values with one case's data key; tokens are plain strings (JSON, text columns). */
export interface FieldCipher {
  readonly caseId: string;
  encrypt(plaintext: string): string;
  decrypt(token: string): string;
}

/**
 * A case's unwrapped data key in memory. Every cipher over it checks `destroyed` before use, so
 * erasure takes effect at once for ciphers already handed out in this process.
 */
export class DataKey {
  private destroyedFlag = false;
  constructor(private readonly bytes: Buffer) {
    if (bytes.length !== KEY_BYTES) throw new Error(`a data key must be ${KEY_BYTES} bytes`);
  }
  get destroyed(): boolean {
    return this.destroyedFlag;
  }
  /** The key bytes; throws once destroyed. */
  use(caseId: string): Buffer {
    if (this.destroyedFlag) throw new CaseKeyDestroyedError(caseId);
    return this.bytes;
  }
  /** Overwrites the bytes so that no later use (or heap dump) finds them. */
  destroy(): void {
    this.destroyedFlag = true;
    this.bytes.fill(0);
  }
}

export function isFieldToken(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(FIELD_TOKEN_PREFIX);
}

export function createFieldCipher(caseId: string, key: DataKey): FieldCipher {
  const id = normalizeCaseId(caseId);
  // The case id is associated data: a token copied into another case's record does not decrypt.
  const aad = Buffer.from(`ariadne:field:v1:${id}`);
  return {
    caseId: id,
    encrypt(plaintext: string): string {
      const sealed = seal(key.use(id), Buffer.from(plaintext, 'utf8'), aad);
      return FIELD_TOKEN_PREFIX + sealed.toString('base64');
    },
    decrypt(token: string): string {
      const bytes = isFieldToken(token)
        ? decodeBase64Strict(token.slice(FIELD_TOKEN_PREFIX.length))
        : undefined;
      if (!bytes) throw new FieldDecryptionError(`Not an encrypted field value (case ${id})`);
      try {
        return open(key.use(id), bytes, aad).toString('utf8');
      } catch (e) {
        if (!(e instanceof AeadError)) throw e;
        throw new FieldDecryptionError(
          `Field value does not decrypt with the key of case ${id}: altered or from another case`,
        );
      }
    },
  };
}
