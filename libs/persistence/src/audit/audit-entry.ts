/**
 * What one audit entry records (P5): who (actor id, role, organisation), what (action, case,
 * data categories), when (the trail sets the time), why (purpose), and the outcome. Only opaque
 * ids and fixed vocabularies: an entry must never carry personal data (P1).
 */

/** The data categories of P3 (as DATA_CATEGORIES in libs/domain) and `case`, the summary. */
export const AUDIT_CATEGORIES = [
  'identity',
  'contact-location',
  'health',
  'legal',
  'immigration',
  'return',
  'notes',
  'case',
] as const;
export type AuditCategory = (typeof AUDIT_CATEGORIES)[number];

export const AUDIT_OUTCOMES = ['allowed', 'denied', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/**
 * The roles an entry may name: those of USER_ROLES, the engine's own 'system', and 'partner'
 * (a partner system reporting facts, R30).
 */
export const AUDIT_ROLES = [
  'caseworker',
  'supervisor',
  'coordinator',
  'admin',
  'auditor',
  'system',
  'partner',
] as const;

// The same shapes as the CHECKs of the audit migration, tested here first for a clear error.
const OPAQUE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const ACTION = /^[a-z][a-z-]*(\.[a-z][a-z-]*){1,3}$/;
const PURPOSE = /^[a-z][a-z0-9-]{0,63}$/;
const REQUEST_ID = /^[A-Za-z0-9_-]{1,128}$/;
const SUBJECT_REF = /^[0-9a-f]{64}$/;
const REASON = /^[a-z][a-z0-9-]{0,63}$/;
const ROUTE = /^[A-Z]{3,7} \/[A-Za-z0-9/:._-]{0,200}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** An entry as a caller gives it; absent fields are recorded as null. */
export interface AuditEntry {
  readonly actorId?: string | null;
  readonly actorRole?: string | null;
  readonly organisationId?: string | null;
  /** What was done, e.g. 'case.read', 'case.timeline.read', 'case.command', 'case.open'. */
  readonly action: string;
  readonly caseId?: string | null;
  /** The data categories the action touched (or would have touched, when denied). */
  readonly categories: readonly AuditCategory[];
  /** Why: a fixed slug such as 'case-management', never free text. */
  readonly purpose?: string | null;
  readonly outcome: AuditOutcome;
  /** The server's request id, to find the request's log lines. */
  readonly requestId?: string | null;
  /**
   * A sign-in whose login names no account: a keyed hash of the login (AuditTrail.subjectRef),
   * never the login itself.
   */
  readonly subjectRef?: string | null;
  /** Why a request was refused: a reason code such as 'invalid-token' or 'forbidden-role'. */
  readonly reason?: string | null;
  /** The route pattern of a refused request, e.g. 'GET /api/v1/cases/:caseId' (no values). */
  readonly route?: string | null;
}

/** An entry in the form that is stored and hashed. */
export interface NormalisedAuditEntry {
  readonly actorId: string | null;
  readonly actorRole: string | null;
  readonly organisationId: string | null;
  readonly action: string;
  readonly caseId: string | null;
  readonly categories: readonly AuditCategory[];
  readonly purpose: string | null;
  readonly outcome: AuditOutcome;
  readonly requestId: string | null;
  readonly subjectRef: string | null;
  readonly reason: string | null;
  readonly route: string | null;
}

/** How an entry's hash was made: plain SHA-256 (entries before issue 9) or keyed. */
export const AUDIT_ALGORITHMS = ['sha256', 'hmac-sha256'] as const;
export type AuditAlgorithm = (typeof AUDIT_ALGORITHMS)[number];

/** A stored entry: its place in the chain, its time, and its hashes. */
export interface AuditRecord extends NormalisedAuditEntry {
  readonly seq: number;
  readonly at: Date;
  /** The country of the case (looked up when the entry was appended), so its auditors see it. */
  readonly caseCountry: string | null;
  readonly alg: AuditAlgorithm;
  /** The id of the audit key of an 'hmac-sha256' entry. */
  readonly keyId: string | null;
  readonly prevHash: Buffer | null;
  readonly hash: Buffer;
}

export class InvalidAuditEntryError extends Error {
  override readonly name = 'InvalidAuditEntryError';
}

function checked(
  field: string,
  value: string | null | undefined,
  valid: (v: string) => boolean,
): string | null {
  if (value === undefined || value === null) return null;
  // The message names the field only: the value itself might be what must not be written down.
  if (!valid(value)) throw new InvalidAuditEntryError(`audit entry: ${field} is not valid`);
  return value;
}

/**
 * Validates an entry and brings it to its one stored form: nulls for absent fields, the case id
 * in lower case (as PostgreSQL returns a uuid), categories deduplicated in their fixed order.
 * The hash is computed over this form, so that what is read back hashes the same.
 */
export function normaliseAuditEntry(entry: AuditEntry): NormalisedAuditEntry {
  const categories = entry.categories ?? [];
  for (const c of categories) {
    if (!(AUDIT_CATEGORIES as readonly string[]).includes(c)) {
      throw new InvalidAuditEntryError('audit entry: categories has an unknown category');
    }
  }
  if (!(AUDIT_OUTCOMES as readonly string[]).includes(entry.outcome)) {
    throw new InvalidAuditEntryError('audit entry: outcome is not valid');
  }
  return {
    actorId: checked('actorId', entry.actorId, (v) => OPAQUE_ID.test(v)),
    actorRole: checked('actorRole', entry.actorRole, (v) =>
      (AUDIT_ROLES as readonly string[]).includes(v),
    ),
    organisationId: checked('organisationId', entry.organisationId, (v) => OPAQUE_ID.test(v)),
    action: checked('action', entry.action, (v) => ACTION.test(v)) ?? invalid('action'),
    caseId: checked('caseId', entry.caseId, isUuid)?.toLowerCase() ?? null,
    categories: AUDIT_CATEGORIES.filter((c) => categories.includes(c)),
    purpose: checked('purpose', entry.purpose, (v) => PURPOSE.test(v)),
    outcome: entry.outcome,
    requestId: checked('requestId', entry.requestId, (v) => REQUEST_ID.test(v)),
    subjectRef: checked('subjectRef', entry.subjectRef, (v) => SUBJECT_REF.test(v)),
    reason: checked('reason', entry.reason, (v) => REASON.test(v)),
    route: checked('route', entry.route, (v) => ROUTE.test(v)),
  };
}

function invalid(field: string): never {
  throw new InvalidAuditEntryError(`audit entry: ${field} is not valid`);
}
