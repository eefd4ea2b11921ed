/**
 * Personal data in commands and events, by category (P2, P3, P7).
 *
 * The convention: personal data appears ONLY under `personal[category]` of a command or of an
 * event's `data`. Everything outside `personal` is an opaque id, an enum, a count, a flag or a
 * timestamp: pseudonymous facts that may reach state, summaries, timers and anonymised statistics
 * and that survive erasure. Issue 4 encrypts each `personal[category]` with the case's key, so
 * that P3 (need to know per category) and P7 (crypto-shredding) apply to exactly these fields.
 */

/** Data categories of P3; the names of the sub-objects under `personal`. */
export const DATA_CATEGORIES = [
  'identity',
  'contact-location',
  'health',
  'legal',
  'immigration',
  'return',
  // Case notes: free text a caseworker writes about her; sealed and erased like the rest.
  'notes',
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/** HTCDS-style person fields. */
export interface IdentityDetails {
  readonly givenName?: string;
  readonly familyName?: string;
  readonly dateOfBirth?: string;
  readonly gender?: string;
  /** HTCDS `prs_Gender`: one of its value names (Feminine, NonSpecifiedUnknown …); optional. */
  readonly sex?: string;
  /** ISO 3166-1 alpha-2. */
  readonly nationality?: string;
  /** HTCDS `prs_Citizenship` (multiselect): ISO 3166-1 alpha-2 codes separated by ';'. */
  readonly citizenship?: string;
  /** BCP 47 code of the language she used (for her decisions, R12). */
  readonly language?: string;
  readonly documentNumber?: string;
}

/** Where she is and how to reach her; shelter and confidential addresses live here (P3). */
export interface ContactLocationDetails {
  readonly address?: string;
  /** E.164. */
  readonly phone?: string;
  readonly email?: string;
  /** Safety notes: who must not learn where she is, threats, routes. */
  readonly notes?: string;
}

export interface HealthDetails {
  readonly notes?: string;
}

export interface LegalDetails {
  /** A police, prosecution or court reference. */
  readonly reference?: string;
  readonly notes?: string;
}

export interface ImmigrationDetails {
  readonly reference?: string;
  readonly documentNumber?: string;
  readonly notes?: string;
}

export interface ReturnDetails {
  /** ISO 3166-1 alpha-2 of the destination. */
  readonly destinationCountry?: string;
  readonly itinerary?: string;
  readonly contacts?: string;
  readonly amount?: string;
  readonly notes?: string;
}

/** A case note: free text about her and her support (P2: personal data, sealed per case). */
export interface NotesDetails {
  readonly text?: string;
}

export interface PersonalDataByCategory {
  readonly identity: IdentityDetails;
  readonly 'contact-location': ContactLocationDetails;
  readonly health: HealthDetails;
  readonly legal: LegalDetails;
  readonly immigration: ImmigrationDetails;
  readonly return: ReturnDetails;
  readonly notes: NotesDetails;
}

/** The `personal` sub-object, limited to the categories `C` a message may carry. */
export type PersonalData<C extends DataCategory = DataCategory> = {
  readonly [K in C]?: PersonalDataByCategory[K];
};

/**
 * How she expressed a decision of hers (R5, R10, R12): the language she used and whether an
 * interpreter was used. Commands carry it whole; events keep `interpreterUsed` as a fact and the
 * language under `personal.identity` (a language can point at where she comes from).
 */
export interface Communication {
  readonly language: string;
  readonly interpreterUsed: boolean;
}

/** BCP 47, loosely: 'en', 'ro', 'uk', 'pt-BR'. */
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

export function isLanguage(value: unknown): value is string {
  return typeof value === 'string' && LANGUAGE.test(value);
}

/** What an event keeps of her communication: the fact and, as personal data, the language. */
export function communicationRecord(c: Communication): {
  readonly interpreterUsed: boolean;
  readonly personal: PersonalData<'identity'>;
} {
  return { interpreterUsed: c.interpreterUsed, personal: { identity: { language: c.language } } };
}

/** The categories actually present in a `personal` sub-object. */
export function categoriesIn(personal: PersonalData | undefined): DataCategory[] {
  if (!personal) return [];
  return DATA_CATEGORIES.filter((c) => personal[c] !== undefined);
}
