import { CLOSURE_REASONS, type ClosureReason } from '../case/types';
import type { VictimContext } from './facts';
import {
  CASE_STATUS,
  DECISION_MAKING_ORG,
  GENDER,
  METHOD_OF_RECRUITMENT,
  METHODS_OF_CONTROL,
  TRAFFICKING_STATUS,
  TYPE_OF_EXPLOITATION,
  TYPE_OF_SEX_EXPLOITATION,
  type HtcdsCaseStatus,
  type HtcdsDecisionMakingOrg,
  type HtcdsGender,
  type HtcdsTraffickingStatus,
  type Picklist,
} from './vocabulary';

/**
 * The HTCDS 2.0 Excel template ("HTCDS Excel Spreadsheet single select with validation v2.0",
 * sheet "Case Sheet"): row 1 holds the field names, row 2 their labels, cases start on row 3;
 * column A numbers the case (its source id). Picklist cells hold value labels (what the
 * template's validation offers) or value names (what Ariadne's export writes); both are read.
 *
 * The template spells one field name differently from the standard
 * (`vic_TraffickinStatusDecisionMakingOrg`) and leaves the name of column AJ empty (its label is
 * "Reason for Outgoing Referral"); both are read as the standard's names.
 */
export const TEMPLATE_SHEET = 'Case Sheet';
export const TEMPLATE_FIRST_ROW = 3;

const TEMPLATE_ALIASES: Readonly<Record<string, string>> = {
  vic_TraffickinStatusDecisionMakingOrg: 'vic_TraffickingStatusDecisionMakingOrg',
  'Reason for Outgoing Referral': 'cas_ReasonForOutgoingReferral',
};

/** The standard's field name of each column (1-based), from the template's first two rows. */
export function templateColumns(
  names: readonly unknown[],
  labels: readonly unknown[],
): Map<number, string> {
  const out = new Map<number, string>();
  const width = Math.max(names.length, labels.length);
  for (let c = 1; c < width; c++) {
    const n = cellText(names[c]);
    const l = cellText(labels[c]);
    const name = n ? (TEMPLATE_ALIASES[n] ?? n) : l ? TEMPLATE_ALIASES[l] : undefined;
    if (name) out.set(c, name);
  }
  return out;
}

/** Why a row is refused: the column's field name and a rule id, never the cell's value. */
export interface RowRefusal {
  readonly row: number;
  readonly column: string;
  readonly rule: string;
}

/** One case of the template, validated, in Ariadne's terms. */
export interface TemplateCase {
  readonly row: number;
  /** Column A: the case's number in the organisation's file. */
  readonly sourceId: string;
  readonly identity: {
    readonly givenName?: string;
    readonly familyName?: string;
    readonly dateOfBirth?: string;
    readonly sex?: HtcdsGender;
    readonly citizenship?: string;
  };
  readonly contact: { readonly email?: string; readonly phone?: string; readonly address?: string };
  readonly traffickingStatus?: HtcdsTraffickingStatus;
  readonly decisionMakingOrg?: HtcdsDecisionMakingOrg;
  readonly victim: VictimContext;
  readonly status?: HtcdsCaseStatus;
  readonly closureReason?: ClosureReason;
  /** cas_IncomingReferralDate, ISO date: when the case began (occurredAt of its first facts). */
  readonly referralDate?: string;
  readonly consent?: boolean;
}

export type ParsedRow =
  | { readonly ok: true; readonly value: TemplateCase }
  | { readonly ok: false; readonly refusals: readonly RowRefusal[] };

/** Text of a cell as exceljs gives it (string, number, Date, rich text, hyperlink, formula). */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.replace(/\u00a0/g, ' ').trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o['richText'])) {
      return cellText((o['richText'] as { text?: string }[]).map((p) => p.text ?? '').join(''));
    }
    if ('text' in o) return cellText(o['text']);
    if ('result' in o) return cellText(o['result']);
  }
  return '';
}

const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** A picklist cell: a value name or label (case and punctuation aside) → the value name. */
function pick<V extends string>(p: Picklist<V>, text: string): V | undefined {
  const t = norm(text);
  for (const [name, label] of Object.entries(p) as [V, string][]) {
    if (norm(name) === t || norm(label) === t) return name;
  }
  return undefined;
}

const COUNTRY = /^[A-Z]{2}$/;
const E164 = /^\+[1-9][0-9]{1,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Validates one row of cells (index = column number) against the standard and Ariadne's formats.
 * Every problem of the row is reported, each as (row, column, rule). `today` bounds the dates.
 */
export function parseTemplateRow(
  row: number,
  cells: readonly unknown[],
  columns: ReadonlyMap<number, string>,
  today: string,
): ParsedRow | undefined {
  const byField = new Map<string, string>();
  for (const [c, field] of columns) {
    const t = cellText(cells[c]);
    if (t) byField.set(field, t);
  }
  if (byField.size === 0) return undefined; // an empty row of the template
  const refusals: RowRefusal[] = [];
  const refuse = (column: string, rule: string): undefined => {
    refusals.push({ row, column, rule });
    return undefined;
  };
  const get = (f: string): string | undefined => byField.get(f);
  const one = <V extends string>(f: string, p: Picklist<V>): V | undefined => {
    const t = get(f);
    if (t === undefined) return undefined;
    return pick(p, t) ?? refuse(f, 'htcds.picklist');
  };
  const many = <V extends string>(f: string, p: Picklist<V>): V[] | undefined => {
    const t = get(f);
    if (t === undefined) return undefined;
    const out: V[] = [];
    for (const part of t
      .split(/[;\n]/)
      .map((s) => s.trim())
      .filter(Boolean)) {
      const v = pick(p, part);
      if (!v) return refuse(f, 'htcds.picklist');
      if (!out.includes(v)) out.push(v);
    }
    return out;
  };
  const date = (f: string): string | undefined => {
    let t = get(f);
    if (t === undefined) return undefined;
    // A date cell without a date format reads as Excel's serial day number (25569 = 1970-01-01).
    // Excel counts a 29 February 1900 that never was (serial 60), so days before 1 March 1900
    // (serial 61) are off by one: they are read as text, which is no date.
    if (/^\d{1,7}(\.\d+)?$/.test(t)) {
      const ms = Math.round((Number(t) - 25569) * 86_400_000);
      t = Number(t) >= 61 && Number(t) < 2_958_466 ? new Date(ms).toISOString() : t;
    }
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t.slice(0, 10));
    // A real day of the calendar: Date.parse alone takes 30 February as 2 March.
    const day = m ? new Date(`${m[0]}T00:00:00Z`) : undefined;
    if (!m || !day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== m[0]) {
      return refuse(f, 'htcds.date');
    }
    if (m[0] > today) return refuse(f, 'htcds.date-in-future');
    return m[0];
  };
  const text = (f: string, max: number): string | undefined => {
    const t = get(f);
    if (t === undefined) return undefined;
    return t.length <= max ? t : refuse(f, 'htcds.too-long');
  };

  const sourceId = cellText(cells[1]);
  if (!sourceId) refuse('A', 'htcds.source-id');
  else if (!/^[A-Za-z0-9._-]{1,64}$/.test(sourceId)) refuse('A', 'htcds.source-id');

  const citizenshipText = get('prs_Citizenship');
  let citizenship: string | undefined;
  if (citizenshipText !== undefined) {
    const codes = citizenshipText
      .split(/[;,\s]+/)
      .filter(Boolean)
      .map((c) => c.toUpperCase());
    if (codes.length === 0 || !codes.every((c) => COUNTRY.test(c))) {
      refuse('prs_Citizenship', 'htcds.country');
    } else citizenship = [...new Set(codes)].join(';');
  }
  const email = get('prs_Email');
  if (email !== undefined && !EMAIL.test(email)) refuse('prs_Email', 'htcds.email');
  const phoneText = get('prs_MobilePhone') ?? get('prs_HomePhone');
  const phone = phoneText?.replace(/[\s()-]/g, '');
  if (phone !== undefined && !E164.test(phone)) {
    refuse(get('prs_MobilePhone') ? 'prs_MobilePhone' : 'prs_HomePhone', 'htcds.phone');
  }
  const country = get('prs_MailingCountry');
  if (country !== undefined && !COUNTRY.test(country.toUpperCase())) {
    refuse('prs_MailingCountry', 'htcds.country');
  }
  const address = [
    'prs_MailingStreet',
    'prs_MailingPostalCode',
    'prs_MailingCity',
    'prs_MailingState',
    'prs_MailingCountry',
  ]
    .map((f) => get(f))
    .filter((s): s is string => !!s)
    .join(', ');

  const status = one('cas_Status', CASE_STATUS);
  let closureReason: ClosureReason | undefined;
  const reasonText = get('cas_ReasonForCaseClosure');
  if (status === 'Closed' || status === 'ClosedReferred') {
    const r = status === 'ClosedReferred' ? 'transferred' : reasonText;
    if (r && (CLOSURE_REASONS as readonly string[]).includes(r)) closureReason = r as ClosureReason;
    else refuse('cas_ReasonForCaseClosure', 'htcds.closure-reason');
  }
  const consentText = get('con_Consent');
  let consent: boolean | undefined;
  if (consentText !== undefined) {
    const t = norm(consentText);
    if (['true', 'yes', '1', 'x'].includes(t)) consent = true;
    else if (['false', 'no', '0'].includes(t)) consent = false;
    else refuse('con_Consent', 'htcds.checkbox');
  }

  const victim: Record<string, unknown> = {};
  const setMany = <V extends string>(key: keyof VictimContext, f: string, p: Picklist<V>): void => {
    const v = many(f, p);
    if (v && v.length > 0) victim[key] = v;
  };
  setMany('typeOfExploitation', 'vic_TypeOfExploitation', TYPE_OF_EXPLOITATION);
  setMany('typeOfSexExploitation', 'vic_TypeOfSexExploitation', TYPE_OF_SEX_EXPLOITATION);
  setMany('methodOfRecruitment', 'vic_MethodOfRecruitment', METHOD_OF_RECRUITMENT);
  setMany('methodsOfControl', 'vic_MethodsOfControl', METHODS_OF_CONTROL);

  const value: TemplateCase = {
    row,
    sourceId,
    identity: compact({
      givenName: text('prs_FirstName', 200),
      familyName: text('prs_SecondName', 200),
      dateOfBirth: date('prs_Birthdate'),
      sex: one('prs_Gender', GENDER),
      citizenship,
    }),
    contact: compact({
      email: email !== undefined && EMAIL.test(email) ? email.toLowerCase() : undefined,
      phone: phone !== undefined && E164.test(phone) ? phone : undefined,
      address: address ? address.slice(0, 500) : undefined,
    }),
    ...compact({
      traffickingStatus: one('vic_TraffickingStatus', TRAFFICKING_STATUS),
      decisionMakingOrg: one('vic_TraffickingStatusDecisionMakingOrg', DECISION_MAKING_ORG),
      status,
      closureReason,
      referralDate: date('cas_IncomingReferralDate'),
      consent,
    }),
    victim: victim as VictimContext,
  };
  return refusals.length > 0 ? { ok: false, refusals } : { ok: true, value };
}

function compact<T extends Record<string, unknown>>(
  o: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
