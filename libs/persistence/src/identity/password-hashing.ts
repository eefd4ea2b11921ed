import { Algorithm, hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

/**
 * argon2id with RFC 9106's second recommended parameter set (64 MiB, 3 passes, 4 lanes): about
 * 0.1 s per hash here, slow enough to make offline guessing expensive, fast enough for a login.
 */
const PARAMS = {
  algorithm: Algorithm.Argon2id,
  memoryCost: 65536,
  timeCost: 3,
  parallelism: 4,
} as const;

/** Hashes made with the current parameters start with this; others are rehashed at login. */
const CURRENT_PREFIX = `$argon2id$v=19$m=${PARAMS.memoryCost},t=${PARAMS.timeCost},p=${PARAMS.parallelism}$`;

/** Passwords longer than this are refused before hashing, so a huge body cannot tie up a core. */
export const MAX_PASSWORD_LENGTH = 1024;

export async function hashPassword(password: string): Promise<string> {
  const hashed = await hash(password, PARAMS);
  // Algorithm is a const enum, inlined by tsc but not by per-file compilers (swc in the tests);
  // checking the output makes sure every build really stores argon2id with our parameters.
  if (!hashed.startsWith(CURRENT_PREFIX)) throw new Error('unexpected password hash format');
  return hashed;
}

/** False for a wrong password and for a hash that cannot be parsed; never throws on input. */
export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

export function needsRehash(hashed: string): boolean {
  return !hashed.startsWith(CURRENT_PREFIX);
}

let dummy: Promise<string> | undefined;
/**
 * A hash of a random password with the current parameters. Checking a password against it when
 * there is no account (or no password) costs the same as a real check, so the time a failed login
 * takes does not tell whether the login exists.
 */
export function dummyPasswordHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(32).toString('base64url'));
  return dummy;
}
