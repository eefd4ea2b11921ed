import { createHmac, hkdfSync } from 'node:crypto';
import type { Keyring } from './keyring';

/**
 * Blind indexes (P2, "find before you open"): to find her earlier cases by name, date of birth,
 * phone or document number without keeping any of them readable, each value is normalised and
 * keyed with HMAC-SHA256 under a key of the organisation, derived from the master key (HKDF).
 * Equal values of one organisation give equal hashes; another organisation's hashes differ, and
 * nobody without the master key can test a guess.
 */
export type BlindIndexKind = 'name' | 'date-of-birth' | 'phone' | 'document-number';

export interface BlindValue {
  readonly kind: BlindIndexKind;
  readonly hmac: Buffer;
}

/** What can be searched for; every field optional. */
/** Values as they come from a request body: absent, null or a string. */
export interface BlindIndexQuery {
  readonly givenName?: string | null;
  readonly familyName?: string | null;
  /** Given and family name in one, in any order. */
  readonly name?: string | null;
  readonly dateOfBirth?: string | null;
  readonly phone?: string | null;
  readonly documentNumber?: string | null;
}

// Letters that Unicode does not decompose into a base letter and a mark.
const FOLD: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  ø: 'o',
  œ: 'oe',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ł: 'l',
  ı: 'i',
};

/**
 * A name as people spell it differently: lower case, accents folded (`María` = `maria`,
 * `Søren` = `soren`), punctuation as spaces, whitespace collapsed, and the words sorted, so
 * that given and family name match in either order. Empty when no letter is left.
 */
export function normaliseName(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæøœđðþłı]/g, (c) => FOLD[c] ?? c)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((w) => w.length > 0)
    .sort()
    .join(' ');
}

/** An ISO 8601 calendar date (YYYY-MM-DD, a real day), or undefined. */
export function normaliseDateOfBirth(value: string): string | undefined {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : undefined;
}

/**
 * A phone number as E.164-ish digits: `+46 70-000 00 00` and `0046700000000` both become
 * `+46700000000`. A number without a country prefix keeps its digits only.
 */
export function normalisePhone(value: string): string | undefined {
  const trimmed = value.trim();
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length < 4) return undefined;
  if (trimmed.startsWith('+')) return `+${digits}`;
  if (digits.startsWith('00')) return `+${digits.slice(2)}`;
  return digits;
}

/** A document number: upper-case letters and digits only (`ab 123-456` = `AB123456`). */
export function normaliseDocumentNumber(value: string): string | undefined {
  const n = value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
  return n.length > 0 ? n : undefined;
}

/** The normalised values of a query or of her recorded details, by kind. */
export function normalisedValues(q: BlindIndexQuery): Array<[BlindIndexKind, string]> {
  const out: Array<[BlindIndexKind, string]> = [];
  // A JSON null (an empty field sent as null) is the same as a field left out.
  const fullName = q.name ?? [q.givenName, q.familyName].filter((x) => x != null).join(' ');
  const name = normaliseName(fullName);
  if (name) out.push(['name', name]);
  const dob = q.dateOfBirth != null ? normaliseDateOfBirth(q.dateOfBirth) : undefined;
  if (dob) out.push(['date-of-birth', dob]);
  const phone = q.phone != null ? normalisePhone(q.phone) : undefined;
  if (phone) out.push(['phone', phone]);
  const doc = q.documentNumber != null ? normaliseDocumentNumber(q.documentNumber) : undefined;
  if (doc) out.push(['document-number', doc]);
  return out;
}

const HKDF_SALT = Buffer.from('ariadne/blind-index/v1', 'utf8');

/** Keys and hashes blind-index values, per organisation, from the master keyring. */
export class BlindIndexer {
  private readonly cache = new Map<string, Buffer>();

  constructor(private readonly masterKeys: Keyring) {}

  /** The entries to store for her details: under the current master key. */
  entries(organisationId: string, values: BlindIndexQuery): BlindValue[] {
    const key = this.key(this.masterKeys.currentKeyId, organisationId);
    return normalisedValues(values).map(([kind, v]) => ({ kind, hmac: hmac(key, kind, v) }));
  }

  /**
   * What to look for: the entries under every key of the ring, so that details recorded before
   * a master key rotation are still found.
   */
  probes(organisationId: string, values: BlindIndexQuery): BlindValue[] {
    const normalised = normalisedValues(values);
    return [...this.masterKeys.keys.keys()].flatMap((id) => {
      const key = this.key(id, organisationId);
      return normalised.map(([kind, v]) => ({ kind, hmac: hmac(key, kind, v) }));
    });
  }

  private key(keyId: string, organisationId: string): Buffer {
    const cacheKey = `${keyId}\n${organisationId}`;
    let key = this.cache.get(cacheKey);
    if (!key) {
      const master = this.masterKeys.keys.get(keyId);
      if (!master) throw new Error('Unknown master key id');
      key = Buffer.from(hkdfSync('sha256', master, HKDF_SALT, `org:${organisationId}`, 32));
      this.cache.set(cacheKey, key);
    }
    return key;
  }
}

/** The kind is part of the message: a date can never match a document number. */
function hmac(key: Buffer, kind: BlindIndexKind, value: string): Buffer {
  return createHmac('sha256', key).update(`${kind}\n${value}`, 'utf8').digest();
}
