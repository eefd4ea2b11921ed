import { createHash, randomBytes } from 'node:crypto';
import type { RefreshTokenRow } from '@ariadne/persistence';

/** 32 random bytes, base64url: what the cookie holds. */
const TOKEN_BYTES = 32;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function newRefreshToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** What is stored: a fast hash is enough for 256 random bits (nothing to guess, unlike a password). */
export function hashRefreshToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** A cookie value that cannot be one of our tokens is refused without asking the database. */
export function isRefreshTokenShaped(value: unknown): value is string {
  return typeof value === 'string' && TOKEN_SHAPE.test(value);
}

/**
 * What a refresh with this token leads to:
 * - rotate: valid; mark it used and give a new token of the same family;
 * - reuse: it was rotated already, so two parties hold the family (one of them stole it):
 *   revoke the whole family (RFC 9700 §4.14.2);
 * - inactive: the account was deactivated: revoke the family;
 * - revoked, expired (the family's absolute end), idle (unused longer than the idle time),
 *   unknown: refuse.
 */
export type RefreshVerdict =
  'rotate' | 'reuse' | 'inactive' | 'revoked' | 'expired' | 'idle' | 'unknown';

export function judgeRefresh(
  row: RefreshTokenRow | null,
  accountActive: boolean,
  now: Date,
  idleTimeoutSeconds: number,
): RefreshVerdict {
  if (!row) return 'unknown';
  if (row.revokedAt) return 'revoked';
  if (row.usedAt) return 'reuse';
  if (now >= row.expiresAt) return 'expired';
  if (now.getTime() >= row.issuedAt.getTime() + idleTimeoutSeconds * 1000) return 'idle';
  if (!accountActive) return 'inactive';
  return 'rotate';
}

/** Verdicts after which nothing of the family may be used again. */
export function revokesFamily(v: RefreshVerdict): boolean {
  return v === 'reuse' || v === 'inactive';
}
