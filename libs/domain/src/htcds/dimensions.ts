import { foldHtcdsFacts, type HtcdsEventView } from './facts';
import { toHtcdsRow } from './export';

/**
 * Sex, age band and citizenship as statistics dimensions (docs/htcds.md, ADR 0017): the codes a
 * case contributes to `case_dimension_counts`, derived from its events with her identity
 * category already opened. Only these codes leave the decryption: never a name, a birth date or
 * a case id. Pure, so that the append and a rebuild derive the same row.
 */
export interface CaseDimensionKey {
  /** The organisation holding the case now (CaseOpened, then an accepted transfer, R31). */
  readonly organisationId: string;
  /** The case's country (CaseOpened.country). */
  readonly country: string;
  /** The month the case was opened (CaseOpened.openedAt), YYYY-MM: never a day. */
  readonly openedMonth: string;
  /** prs_Gender value name, or `unknown`. */
  readonly sex: string;
  /** The export's finest bands (0-17, 18-24 … 60+) at her referral, or `unknown`. */
  readonly ageBand: string;
  /** One ISO 3166-1 alpha-2 code, `multiple` for two or more, or `unknown`. */
  readonly citizenship: string;
}

export const UNKNOWN_DIMENSION = 'unknown';
export const MULTIPLE_CITIZENSHIPS = 'multiple';
/** A citizenship held by fewer than k cases of the whole country is published as this. */
export const OTHER_CITIZENSHIP = 'other';

/** The events the derivation reads; everything else of a case is never loaded. */
export const DIMENSION_EVENT_TYPES = [
  'CaseOpened',
  'PersonDetailsRecorded',
  'PersonalDataErased',
  'TransferAccepted',
] as const;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * The combination a case is counted in, or null while it is not counted: before any of her
 * identity details are recorded, and for good once her personal data is erased (her erasure
 * wins: a rebuild, which can no longer open her details, agrees). `events` in log order; a
 * PersonDetailsRecorded whose identity could not be opened (erased) is to be left out by the
 * caller, as the HTCDS export does.
 */
export function caseDimensionKey(events: readonly HtcdsEventView[]): CaseDimensionKey | null {
  const opened = events.find((e) => e.type === 'CaseOpened');
  if (!opened) return null;
  const o = opened.data as Readonly<Record<string, unknown>>;
  let organisationId = str(o['organisationId']);
  let counted = false;
  for (const e of events) {
    const d = e.data as Readonly<Record<string, unknown>>;
    if (e.type === 'PersonDetailsRecorded') {
      const identity = (d['personal'] as Record<string, unknown> | undefined)?.['identity'];
      if (identity && typeof identity === 'object') counted = true;
    } else if (e.type === 'TransferAccepted') {
      organisationId = str(d['toOrganisationId']) ?? organisationId;
    }
  }
  // Erasure is final: nothing recorded after it can bring her back into these counts.
  if (events.some((e) => e.type === 'PersonalDataErased')) counted = false;
  const country = str(o['country']);
  const openedAt = str(o['openedAt']);
  if (!counted || !organisationId || !country || !openedAt) return null;
  const facts = foldHtcdsFacts(events, { country });
  if (!facts) return null;
  const row = toHtcdsRow(facts, 0);
  const citizenship = facts.person.citizenship ?? [];
  return {
    organisationId,
    country,
    openedMonth: openedAt.slice(0, 7),
    sex: row.prs_Gender || UNKNOWN_DIMENSION,
    ageBand: row.vic_AgeWhenTrafficked || UNKNOWN_DIMENSION,
    citizenship:
      citizenship.length === 0
        ? UNKNOWN_DIMENSION
        : citizenship.length === 1
          ? citizenship[0]!
          : MULTIPLE_CITIZENSHIPS,
  };
}

/** Same combination (or both uncounted): nothing to write. */
export function sameDimensionKey(a: CaseDimensionKey | null, b: CaseDimensionKey | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.organisationId === b.organisationId &&
    a.country === b.country &&
    a.openedMonth === b.openedMonth &&
    a.sex === b.sex &&
    a.ageBand === b.ageBand &&
    a.citizenship === b.citizenship
  );
}
