import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM as used everywhere in this library, so that the layout is defined once:
 * `iv (12 bytes) | tag (16 bytes) | ciphertext`. A fresh random IV per message keeps GCM safe
 * (the birthday bound on random 96-bit IVs is far above the number of messages one key sees).
 */
const ALGORITHM = 'aes-256-gcm';
export const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Decryption failed: wrong key, wrong associated data, or altered bytes. Carries no detail. */
export class AeadError extends Error {
  override readonly name = 'AeadError';
}

export function seal(key: Buffer, plaintext: Uint8Array, aad?: Uint8Array): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  if (aad) cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
}

export function open(key: Buffer, sealed: Uint8Array, aad?: Uint8Array): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new AeadError('ciphertext is truncated');
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  try {
    const decipher = createDecipheriv(ALGORITHM, key, bytes.subarray(0, IV_BYTES), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    if (aad) decipher.setAAD(aad);
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    // OpenSSL's message ("Unsupported state or unable to authenticate data") says nothing useful
    // and callers add the context (key id, case id) that is safe to show.
    throw new AeadError('authentication failed');
  }
}

/** Strict base64 (RFC 4648, padded): Buffer.from(…, 'base64') silently skips junk characters. */
export function decodeBase64Strict(text: string): Buffer | undefined {
  if (text.length === 0 || text.length % 4 !== 0) return undefined;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  return Buffer.from(text, 'base64');
}
