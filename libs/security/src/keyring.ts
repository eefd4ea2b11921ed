import { decodeBase64Strict, KEY_BYTES } from './aead';

/**
 * A set of named 32-byte AES keys: `currentKeyId` encrypts, every key decrypts. Old keys stay in
 * the ring after a rotation so that data written under them (Temporal histories, wrapped case
 * keys) can still be read.
 */
export interface Keyring {
  readonly currentKeyId: string;
  readonly keys: ReadonlyMap<string, Buffer>;
}

/** Key ids travel in payload metadata and database rows, so they are short and plain. */
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

/** A key specification is invalid. The message names key ids and positions, never key bytes. */
export class KeyringError extends Error {
  override readonly name = 'KeyringError';
}

/**
 * Parses `"k2026a:BASE64,k2025b:BASE64"`. The current key is the first one unless
 * `currentKeyId` names another. Whitespace around entries is ignored (multi-line env files).
 */
export function parseKeyring(spec: string, currentKeyId?: string): Keyring {
  const entries = spec
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
  if (entries.length === 0) throw new KeyringError('no keys given');
  const keys = new Map<string, Buffer>();
  let firstId: string | undefined;
  entries.forEach((entry, index) => {
    const colon = entry.indexOf(':');
    // Without a colon the whole entry might be a key: do not echo it, give its position only.
    if (colon < 0) throw new KeyringError(`entry ${index + 1} is not of the form <id>:<base64>`);
    const id = entry.slice(0, colon);
    if (!KEY_ID_PATTERN.test(id)) {
      throw new KeyringError(`entry ${index + 1} has an invalid key id (${KEY_ID_PATTERN.source})`);
    }
    if (keys.has(id)) throw new KeyringError(`key id "${id}" appears twice`);
    keys.set(id, parseKey(entry.slice(colon + 1), `key "${id}"`));
    firstId ??= id;
  });
  const current = currentKeyId ?? firstId;
  if (current === undefined || !keys.has(current)) {
    throw new KeyringError(
      current !== undefined && KEY_ID_PATTERN.test(current)
        ? `current key id "${current}" is not among the keys`
        : 'the current key id is invalid',
    );
  }
  return { currentKeyId: current, keys };
}

/** Decodes one base64 key of exactly 32 bytes; `what` names it in errors. */
export function parseKey(base64: string, what: string): Buffer {
  const key = decodeBase64Strict(base64.trim());
  if (!key) throw new KeyringError(`${what} is not valid base64`);
  if (key.length !== KEY_BYTES) {
    throw new KeyringError(`${what} must be ${KEY_BYTES} bytes, got ${key.length}`);
  }
  return key;
}

/** The key that encrypts new data. */
export function currentKey(keyring: Keyring): Buffer {
  // parseKeyring guarantees presence; a hand-built ring might not.
  const key = keyring.keys.get(keyring.currentKeyId);
  if (!key) throw new KeyringError(`current key id "${keyring.currentKeyId}" is not in the ring`);
  return key;
}
