import type { ClosureReason, ReferralPurpose, ServiceKind } from '../case/types';
import type { HtcdsCaseFacts } from './facts';
import {
  HTCDS_ATTRIBUTION,
  HTCDS_VERSION,
  MULTISELECT_SEPARATOR,
  type HtcdsCaseStatus,
  type HtcdsDecisionMakingOrg,
  type HtcdsReasonForReferral,
  type HtcdsSupportPlanType,
  type HtcdsTraffickingStatus,
} from './vocabulary';

/**
 * The columns of the de-identified case-level export, in order: HTCDS 2.0 field names including
 * their prefix. Direct identifiers (names, contacts, addresses, the birth date) are never
 * exported; the birth date becomes an age band (see `vic_AgeWhenTrafficked` in docs/htcds.md).
 */
export const HTCDS_EXPORT_COLUMNS = [
  'org_Type',
  'org_ShippingCountry',
  'prs_Gender',
  'prs_Citizenship',
  'vic_AgeWhenTrafficked',
  'vic_TraffickingStatus',
  'vic_TraffickingStatusDecisionMakingOrg',
  'vic_MethodOfRecruitment',
  'vic_MethodsOfControl',
  'vic_TypeOfExploitation',
  'vic_TypeOfSexExploitation',
  'cas_Status',
  'cas_ReasonForCaseClosure',
  'cas_IncomingReferralDate',
  'cas_ReasonForOutgoingReferral',
  'cas_OutgoingReferralDate',
  'spl_Type',
] as const;
export type HtcdsExportColumn = (typeof HTCDS_EXPORT_COLUMNS)[number];
export type HtcdsExportRow = Readonly<Record<HtcdsExportColumn, string>>;

/** The quasi-identifiers k-anonymity is computed on. */
export const HTCDS_QUASI_IDENTIFIERS = [
  'vic_AgeWhenTrafficked',
  'prs_Gender',
  'prs_Citizenship',
  'org_ShippingCountry',
] as const satisfies readonly HtcdsExportColumn[];

/** Age bands, finest first; the export generalises along this ladder. */
export const AGE_BAND_LEVELS: readonly (readonly [number, number | null][])[] = [
  [
    [0, 17],
    [18, 24],
    [25, 29],
    [30, 34],
    [35, 39],
    [40, 44],
    [45, 49],
    [50, 59],
    [60, null],
  ],
  [
    [0, 17],
    [18, 29],
    [30, 39],
    [40, 49],
    [50, null],
  ],
  [
    [0, 17],
    [18, null],
  ],
];

/** Whole years between an ISO birth date and an ISO instant (UTC calendar). */
export function ageAt(birthDate: string, at: string): number | undefined {
  const b = /^(\d{4})-(\d{2})-(\d{2})/.exec(birthDate);
  const a = /^(\d{4})-(\d{2})-(\d{2})/.exec(at);
  if (!b || !a) return undefined;
  const [by, bm, bd] = [Number(b[1]), Number(b[2]), Number(b[3])];
  const [ay, am, ad] = [Number(a[1]), Number(a[2]), Number(a[3])];
  let age = ay - by;
  if (am < bm || (am === bm && ad < bd)) age -= 1;
  return age >= 0 && age < 130 ? age : undefined;
}

export function ageBand(age: number | undefined, level: number): string {
  if (age === undefined) return '';
  const bands = AGE_BAND_LEVELS[Math.min(level, AGE_BAND_LEVELS.length - 1)] ?? [];
  for (const [lo, hi] of bands) {
    if (age >= lo && (hi === null || age <= hi)) return hi === null ? `${lo}+` : `${lo}-${hi}`;
  }
  return '';
}

export function traffickingStatus(f: HtcdsCaseFacts): HtcdsTraffickingStatus | '' {
  if (f.conclusive === 'positive') return 'ActualVictimOfTrafficking';
  if (f.conclusive === 'negative') return 'NotAVictimOfTrafficking';
  if (f.identification === 'reasonable-grounds') return 'PossibleVictimOfTrafficking';
  if (f.identification === 'no-reasonable-grounds') return 'NotAVictimOfTrafficking';
  return '';
}

const DECIDER: Readonly<Record<string, HtcdsDecisionMakingOrg>> = {
  police: 'Police',
  'migration-authority': 'NonPoliceGovernmentalOrganization',
  ngo: 'NGO',
  other: 'Other',
};

export function caseStatus(f: HtcdsCaseFacts): HtcdsCaseStatus {
  if (f.status === 'closed') {
    return f.closureReason === 'transferred' ? 'ClosedReferred' : 'Closed';
  }
  return f.followUp ? 'FollowUp' : 'Active';
}

export const REFERRAL_REASON: Readonly<Record<ReferralPurpose, HtcdsReasonForReferral>> = {
  'return-reception': 'MigrationOrChangeOfLocation',
  'third-country-reception': 'MigrationOrChangeOfLocation',
  services: 'AdditionalServicesRequired',
};

/** Ariadne's services → HTCDS support plan types; a service without a counterpart is left out. */
export const SUPPORT_PLAN_TYPE_OF: Readonly<Record<ServiceKind, HtcdsSupportPlanType | null>> = {
  shelter: 'SocialCare',
  'confidential-address': 'SocialCare',
  'health-care': 'Health',
  psychosocial: 'Health',
  interpretation: null,
  'legal-counselling': 'Legal',
  financial: 'Financial',
  education: 'Education',
  employment: 'Livelihood',
  'childrens-needs': 'SocialCare',
};

const month = (iso: string | undefined): string => (iso ? iso.slice(0, 7) : '');
const multi = (values: readonly string[] | undefined): string =>
  values && values.length > 0 ? [...values].sort().join(MULTISELECT_SEPARATOR) : '';

/** One case as an export row, at generalisation level 0 (finest age band). */
export function toHtcdsRow(f: HtcdsCaseFacts, ageLevel = 0): HtcdsExportRow {
  // Her referral, when the case says when it was (an earlier referral, an imported case).
  const referredAt = f.referredAt ?? f.openedAt;
  const age = f.person.birthDate ? ageAt(f.person.birthDate, referredAt) : undefined;
  const plan = new Set<string>();
  for (const s of f.servicesProvided) {
    const t = SUPPORT_PLAN_TYPE_OF[s];
    if (t) plan.add(t);
  }
  return {
    org_Type: f.organisationType ?? '',
    org_ShippingCountry: f.country,
    prs_Gender: f.person.gender ?? '',
    prs_Citizenship: multi(f.person.citizenship),
    vic_AgeWhenTrafficked: ageBand(age, ageLevel),
    vic_TraffickingStatus: traffickingStatus(f),
    vic_TraffickingStatusDecisionMakingOrg: f.identificationDecider
      ? (DECIDER[f.identificationDecider] ?? '')
      : '',
    vic_MethodOfRecruitment: multi(f.victim.methodOfRecruitment),
    vic_MethodsOfControl: multi(f.victim.methodsOfControl),
    vic_TypeOfExploitation: multi(f.victim.typeOfExploitation),
    vic_TypeOfSexExploitation: multi(f.victim.typeOfSexExploitation),
    cas_Status: caseStatus(f),
    cas_ReasonForCaseClosure: f.status === 'closed' ? (f.closureReason ?? '') : '',
    cas_IncomingReferralDate: month(referredAt),
    cas_ReasonForOutgoingReferral: f.outgoingReferral
      ? REFERRAL_REASON[f.outgoingReferral.purpose]
      : '',
    cas_OutgoingReferralDate: month(f.outgoingReferral?.sentAt),
    spl_Type: multi([...plan]),
  };
}

export interface KAnonymityOptions {
  /** Every combination of quasi-identifiers shared by at least k rows (k ≥ 2; 1 = off). */
  readonly k: number;
  /** The share of rows that may be suppressed at a level before the next is tried (0–1). */
  readonly maxSuppression?: number;
}

export interface KAnonymousExport {
  readonly rows: readonly HtcdsExportRow[];
  /** 0: finest age bands; 1: 10-year bands; 2: minor/adult; 3: + citizenship withheld; 4: + gender withheld. */
  readonly generalisationLevel: number;
  /** Rows left out because their combination stayed rarer than k. */
  readonly suppressedRows: number;
}

const LEVELS = 5;

function generalise(f: HtcdsCaseFacts, level: number): HtcdsExportRow {
  const row = toHtcdsRow(f, Math.min(level, 2));
  if (level < 3) return row;
  return { ...row, prs_Citizenship: '', ...(level >= 4 && { prs_Gender: '' }) };
}

const qiKey = (r: HtcdsExportRow): string =>
  HTCDS_QUASI_IDENTIFIERS.map((q) => r[q]).join('\u0000');

/**
 * k-anonymity on the quasi-identifiers (age band, gender, citizenship, country), Datafly-style:
 * the whole table is generalised one level at a time (coarser age bands, then citizenship, then
 * gender withheld) until the rows in combinations rarer than k are few enough to suppress
 * (`maxSuppression`, 5 % by default); those rows are left out. Deterministic: rows come sorted.
 */
export function kAnonymise(
  facts: readonly HtcdsCaseFacts[],
  options: KAnonymityOptions,
): KAnonymousExport {
  const k = options.k;
  if (!Number.isInteger(k) || k < 1) throw new RangeError('k must be a positive integer');
  const budget = Math.floor((options.maxSuppression ?? 0.05) * facts.length);
  for (let level = 0; level < LEVELS; level++) {
    const rows = facts.map((f) => generalise(f, level));
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(qiKey(r), (counts.get(qiKey(r)) ?? 0) + 1);
    const small = rows.filter((r) => (counts.get(qiKey(r)) ?? 0) < k).length;
    if (small <= budget || level === LEVELS - 1) {
      const kept = rows.filter((r) => (counts.get(qiKey(r)) ?? 0) >= k);
      return { rows: sortRows(kept), generalisationLevel: level, suppressedRows: small };
    }
  }
  throw new Error('unreachable');
}

function sortRows(rows: HtcdsExportRow[]): HtcdsExportRow[] {
  const key = (r: HtcdsExportRow): string => HTCDS_EXPORT_COLUMNS.map((c) => r[c]).join('\u0001');
  return rows
    .map((r) => [key(r), r] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([, r]) => r);
}

export interface HtcdsExportMetadata {
  readonly standard: 'HTCDS';
  readonly standardVersion: typeof HTCDS_VERSION;
  readonly attribution: string;
  readonly country: string;
  readonly generatedAt: string;
  readonly deIdentified: true;
  readonly k: number;
  readonly quasiIdentifiers: readonly string[];
  readonly generalisationLevel: number;
  readonly suppressedRows: number;
  readonly rows: number;
}

export function exportMetadata(
  result: KAnonymousExport,
  country: string,
  k: number,
  generatedAt: string,
): HtcdsExportMetadata {
  return {
    standard: 'HTCDS',
    standardVersion: HTCDS_VERSION,
    attribution: HTCDS_ATTRIBUTION,
    country,
    generatedAt,
    deIdentified: true,
    k,
    quasiIdentifiers: HTCDS_QUASI_IDENTIFIERS,
    generalisationLevel: result.generalisationLevel,
    suppressedRows: result.suppressedRows,
    rows: result.rows.length,
  };
}

/** Closure reasons are Ariadne codes (HTCDS keeps the reason as long text). */
export type { ClosureReason };
