import type { CaseSummaryEntity } from '@ariadne/persistence';

/**
 * Issue 11: a command's case is read while the account is (the AuthGuard starts the read once
 * the token's signature and claims are valid, next to the account's read), instead of after it.
 * Nothing is decided on it until the guard has let the request through: CaseAccess.require then
 * checks the actor's access on it exactly as on a read of its own (P3). A read nobody uses (a
 * refused account) is dropped.
 */
export interface CasePrefetch {
  /** The case id as the route's parser gives it (lower case). */
  readonly caseId: string;
  readonly summary: Promise<CaseSummaryEntity | null>;
}

const PREFETCH = Symbol('ariadne.casePrefetch');
type WithPrefetch = { [PREFETCH]?: CasePrefetch };

/** Starts the read and keeps it on the request (its failure surfaces where it is awaited). */
export function startCasePrefetch(
  req: object,
  caseId: string,
  read: (caseId: string) => Promise<CaseSummaryEntity | null>,
): void {
  const summary = read(caseId);
  summary.catch(() => undefined); // awaited (and failing) in CaseAccess.require, or dropped
  (req as WithPrefetch)[PREFETCH] = { caseId, summary };
}

/** The read started for this case, if any. */
export function casePrefetchOf(
  req: object,
  caseId: string,
): Promise<CaseSummaryEntity | null> | undefined {
  const p = (req as WithPrefetch)[PREFETCH];
  return p && p.caseId === caseId ? p.summary : undefined;
}
