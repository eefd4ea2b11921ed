import { timingSafeEqual } from 'node:crypto';
import { type Keyring, KeyringError, parseKey, parseKeyring } from './keyring';

/** The id a master key given as bare base64 gets (stored as `case_keys.wrapper_id`). */
export const DEFAULT_MASTER_KEY_ID = 'master';

export interface SecurityConfig {
  /** Wraps the per-case data keys; the current key wraps new ones. */
  readonly masterKeys: Keyring;
  /** Encrypts Temporal payloads; the current key encrypts, all decrypt. */
  readonly payloadKeys: Keyring;
}

/** Names the offending variables; never contains a key. */
export class SecurityConfigError extends Error {
  override readonly name = 'SecurityConfigError';
}

/**
 * Reads the keys from the environment:
 * - `ARIADNE_MASTER_KEY`: base64 of 32 bytes, or `id:BASE64,id:BASE64` to rotate (first current);
 * - `ARIADNE_PAYLOAD_KEYS`: `id:BASE64,id:BASE64` (first current, older ones still decrypt);
 * - `ARIADNE_PAYLOAD_KEY_ID` (optional): the current payload key, if not the first.
 * There are no defaults: running without encryption must not happen by omission.
 */
export function securityConfigFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): SecurityConfig {
  const problems: string[] = [];
  const read = <T>(name: string, parse: (value: string) => T): T | undefined => {
    const value = env[name]?.trim();
    if (!value) {
      problems.push(`${name} is not set`);
      return undefined;
    }
    try {
      return parse(value);
    } catch (e) {
      // KeyringError messages are built to be safe to show; anything else is not echoed.
      problems.push(`${name}: ${e instanceof KeyringError ? e.message : 'invalid'}`);
      return undefined;
    }
  };
  const masterKeys = read('ARIADNE_MASTER_KEY', parseMasterKeys);
  const currentPayloadKey = env.ARIADNE_PAYLOAD_KEY_ID?.trim() || undefined;
  const payloadKeys = read('ARIADNE_PAYLOAD_KEYS', (v) => parseKeyring(v, currentPayloadKey));
  if (masterKeys && payloadKeys && sharesKey(masterKeys, payloadKeys)) {
    // One key for two purposes would let a leak of either expose both.
    problems.push('ARIADNE_MASTER_KEY and ARIADNE_PAYLOAD_KEYS must not share a key');
  }
  if (problems.length > 0 || !masterKeys || !payloadKeys) {
    throw new SecurityConfigError(`Invalid security configuration:\n  ${problems.join('\n  ')}`);
  }
  return { masterKeys, payloadKeys };
}

function parseMasterKeys(value: string): Keyring {
  // Base64 has no ':', so a colon means the id:key list form.
  if (value.includes(':')) return parseKeyring(value);
  const key = parseKey(value, 'the key');
  return { currentKeyId: DEFAULT_MASTER_KEY_ID, keys: new Map([[DEFAULT_MASTER_KEY_ID, key]]) };
}

function sharesKey(a: Keyring, b: Keyring): boolean {
  return [...a.keys.values()].some((x) =>
    [...b.keys.values()].some((y) => x.length === y.length && timingSafeEqual(x, y)),
  );
}
