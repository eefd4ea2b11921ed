import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { AeadError, decodeBase64Strict, KEY_BYTES, open, seal } from './aead';
import type { Keyring } from './keyring';

/** `sb:v1:<master key id>:<base64 of iv|tag|ciphertext>`. */
const PREFIX = 'sb:v1:';

/** A sealed secret does not open: wrong key, another purpose or account, or altered. */
export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
}

/**
 * Small account secrets at rest (a TOTP seed) and keyed hashes of one-time codes, under keys
 * derived (HKDF-SHA256) from the master key ring, one per purpose, so neither is ever the master
 * key itself. A sealed value names its master key id, so a rotated ring still opens it; the
 * associated data (purpose and the owner's id) keeps a value copied to another row from opening.
 */
export class SecretBox {
  constructor(
    private readonly ring: Keyring,
    private readonly purpose: string,
  ) {
    if (!/^[a-z][a-z0-9-]{0,63}$/.test(purpose)) throw new Error('invalid secret-box purpose');
  }

  private key(id: string, use: 'seal' | 'hash'): Buffer {
    const master = this.ring.keys.get(id);
    if (!master) throw new SecretBoxError(`no master key "${id}" in the ring`);
    return Buffer.from(
      hkdfSync('sha256', master, Buffer.alloc(0), `ariadne:${use}:${this.purpose}:v1`, KEY_BYTES),
    );
  }

  private aad(owner: string): Buffer {
    return Buffer.from(`ariadne:secret-box:${this.purpose}:${owner}`);
  }

  seal(owner: string, plaintext: string): string {
    const id = this.ring.currentKeyId;
    const sealed = seal(this.key(id, 'seal'), Buffer.from(plaintext, 'utf8'), this.aad(owner));
    return `${PREFIX}${id}:${sealed.toString('base64')}`;
  }

  open(owner: string, token: string): string {
    if (!token.startsWith(PREFIX)) throw new SecretBoxError('not a sealed secret');
    const rest = token.slice(PREFIX.length);
    const colon = rest.indexOf(':');
    const bytes = colon > 0 ? decodeBase64Strict(rest.slice(colon + 1)) : undefined;
    if (!bytes) throw new SecretBoxError('not a sealed secret');
    try {
      return open(this.key(rest.slice(0, colon), 'seal'), bytes, this.aad(owner)).toString('utf8');
    } catch (e) {
      if (e instanceof AeadError) throw new SecretBoxError('the sealed secret does not open');
      throw e;
    }
  }

  /** The keyed hash of a code under the current key, and that key's id (stored with it). */
  hash(owner: string, code: string): { keyId: string; hash: Buffer } {
    const keyId = this.ring.currentKeyId;
    return { keyId, hash: this.hashWith(keyId, owner, code) };
  }

  /** Whether the code has this keyed hash (under the key it was made with). */
  matches(keyId: string, stored: Buffer, owner: string, code: string): boolean {
    if (!this.ring.keys.has(keyId)) return false;
    const h = this.hashWith(keyId, owner, code);
    return h.length === stored.length && timingSafeEqual(h, stored);
  }

  hashWith(keyId: string, owner: string, code: string): Buffer {
    return createHmac('sha256', this.key(keyId, 'hash')).update(`${owner}\n${code}`).digest();
  }
}

/** The box of TOTP seeds: the API and the demo seeder must seal alike. */
export function totpSecretBox(ring: Keyring): SecretBox {
  return new SecretBox(ring, 'totp-secret');
}
