/**
 * The case reference: a short name for a case that people say on the phone and write on paper,
 * e.g. `SE-7K4Q-2M`: the country of the case, five random characters and a check character.
 * It holds no personal data and is never reused (the API reserves each one, docs/api.md). The
 * randomness lives in the API; this file holds only the pure parts (alphabet, check, parsing).
 */

/** Digits and capitals without 0, O, 1 and I, which people confuse when reading aloud. */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
/** Random characters per reference: 32^5 ≈ 33.5 million per country, collisions retried. */
export const REFERENCE_RANDOM_LENGTH = 5;

const SHAPE = /^([A-Z]{2})-([2-9A-HJ-NP-Z]{4})-([2-9A-HJ-NP-Z])([2-9A-HJ-NP-Z])$/;

/**
 * Luhn mod N over the alphabet: catches every single wrong character and every swap of two
 * neighbours, the two mistakes people make copying a code.
 */
export function referenceCheckCharacter(chars: string): string {
  const n = REFERENCE_ALPHABET.length;
  let factor = 2;
  let sum = 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    const code = REFERENCE_ALPHABET.indexOf(chars[i] as string);
    if (code < 0) throw new Error('Not a reference character');
    const addend = factor * code;
    sum += Math.floor(addend / n) + (addend % n);
    factor = factor === 2 ? 1 : 2;
  }
  return REFERENCE_ALPHABET[(n - (sum % n)) % n] as string;
}

/** The reference of a country and five random characters of the alphabet. */
export function formatReference(country: string, random: string): string {
  if (!/^[A-Z]{2}$/.test(country) || random.length !== REFERENCE_RANDOM_LENGTH) {
    throw new Error('A reference needs a country code and five characters');
  }
  const check = referenceCheckCharacter(random);
  return `${country}-${random.slice(0, 4)}-${random.slice(4)}${check}`;
}

/** Whether a string is a well-formed reference whose check character holds. */
export function isCaseReference(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = SHAPE.exec(value);
  if (!m) return false;
  const random = `${m[2]}${m[3]}`;
  return referenceCheckCharacter(random) === m[4];
}

/**
 * What someone typed, as the canonical prefix of a reference: capitals, spaces and dashes
 * ignored, dashes put back where they belong (`se 7k4q2` → `SE-7K4Q-2`). Undefined when it
 * cannot begin a reference.
 */
export function normaliseReferencePrefix(typed: string): string | undefined {
  const raw = typed.toUpperCase().replace(/[\s-]/g, '');
  if (raw.length === 0 || raw.length > 8 || !/^[A-Z]{1,2}/.test(raw)) return undefined;
  const country = raw.slice(0, 2);
  const rest = raw.slice(2);
  if (!/^[A-Z]*$/.test(country) || !/^[2-9A-HJ-NP-Z]*$/.test(rest)) return undefined;
  if (rest.length === 0) return country.length === 2 ? `${country}-` : country;
  return rest.length <= 4
    ? `${country}-${rest}${rest.length === 4 ? '-' : ''}`
    : `${country}-${rest.slice(0, 4)}-${rest.slice(4)}`;
}
