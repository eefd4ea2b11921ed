import { isAtOrAfter } from '../policy/duration';
import type { ConsentRecord } from './state';

/**
 * R5, R14, R18, P4: the one test of a current consent — given, not withdrawn, and not past the
 * expiry she agreed to (if any) at `now`.
 */
export function isConsentCurrent(c: ConsentRecord, now: string): boolean {
  return !c.withdrawnAt && (c.expiresAt === undefined || !isAtOrAfter(now, c.expiresAt));
}
