import { type FieldCipher, isFieldToken } from './field-cipher';

/** What a personal value reads as once its case key is destroyed: the timeline still renders. */
export interface Erased {
  readonly erased: true;
}
export const isErased = (v: unknown): v is Erased =>
  typeof v === 'object' && v !== null && (v as { erased?: unknown }).erased === true;

/**
 * Dot paths name the personal fields of a JSON object: `person.name`, `contacts.*.phone` (`*` is
 * every element of an array or every value of an object). Values at absent paths, `null` and
 * `undefined` are left alone: they hold nothing personal.
 */
export type PersonalPaths = readonly string[];
type Json = Record<string, unknown>;

/** A copy of `obj` with each personal value replaced by a token of its JSON (`enc:v1:…`). */
export function encryptPaths(cipher: FieldCipher, obj: Json, paths: PersonalPaths): Json {
  return mapPaths(obj, paths, (value, path) => {
    let json: string | undefined;
    try {
      json = JSON.stringify(value);
    } catch {
      json = undefined; // BigInt, cycles: the engine's message may quote the data
    }
    // The path is code, not data, so it may be named.
    if (json === undefined) throw new TypeError(`value at ${path} cannot be serialised as JSON`);
    return cipher.encrypt(json);
  });
}

/**
 * A copy of `obj` with tokens decrypted. With `'erased'` (the key is destroyed) every personal
 * value becomes `{ erased: true }`, clear-text leftovers included. Values that are not tokens
 * (written before encryption) are otherwise returned as they are.
 */
export function decryptPaths(
  cipher: FieldCipher | 'erased',
  obj: Json,
  paths: PersonalPaths,
): Json {
  return mapPaths(obj, paths, (value) => {
    if (cipher === 'erased') return { erased: true } satisfies Erased;
    return isFieldToken(value) ? (JSON.parse(cipher.decrypt(value)) as unknown) : value;
  });
}

/** Whether any personal path holds a value (so a key is needed to read or erase it). */
export function hasPersonalValues(obj: Json, paths: PersonalPaths): boolean {
  let found = false;
  visit(obj, paths, () => (found = true));
  return found;
}

/** Whether any personal path holds an encrypted token. */
export function hasEncryptedValues(obj: Json, paths: PersonalPaths): boolean {
  let found = false;
  visit(obj, paths, (v) => (found ||= isFieldToken(v)));
  return found;
}

function mapPaths(
  obj: Json,
  paths: PersonalPaths,
  fn: (v: unknown, path: string) => unknown,
): Json {
  const copy = clone(obj);
  for (const path of paths) {
    walk(copy, split(path), (holder, key, value) => {
      (holder as Json)[key] = fn(value, path);
    });
  }
  return copy;
}

/** A deep copy: the caller's object (an event about to be stored, a cached read) is not ours. */
export function clone(obj: Json): Json {
  try {
    return structuredClone(obj);
  } catch {
    // DataCloneError quotes the offending value; nothing of the data may reach an error.
    throw new TypeError('personal data must be plain data (no functions, symbols or streams)');
  }
}

function visit(obj: Json, paths: PersonalPaths, fn: (v: unknown) => void): void {
  for (const path of paths) walk(obj, split(path), (_h, _k, value) => fn(value));
}

const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

function split(path: string): string[] {
  const segments = path.split('.');
  if (segments.some((s) => s.length === 0 || FORBIDDEN.has(s))) {
    throw new TypeError(`invalid personal data path "${path}"`);
  }
  return segments;
}

/** Calls `fn` for every own, non-null value at the path; never creates properties. */
function walk(
  node: unknown,
  segments: readonly string[],
  fn: (holder: object, key: string, value: unknown) => void,
): void {
  if (typeof node !== 'object' || node === null) return;
  const [head, ...rest] = segments;
  if (head === undefined) return;
  const keys = head === '*' ? Object.keys(node) : Object.hasOwn(node, head) ? [head] : [];
  for (const key of keys) {
    const value = (node as Json)[key];
    if (value === null || value === undefined) continue;
    if (rest.length === 0) fn(node, key, value);
    else walk(value, rest, fn);
  }
}
