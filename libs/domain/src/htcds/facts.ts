import type { ClosureReason, ReferralPurpose, ReferralSource, ServiceKind } from '../case/types';
import type {
  HtcdsGender,
  HtcdsMethodOfControl,
  HtcdsMethodOfRecruitment,
  HtcdsOrgType,
  HtcdsTypeOfExploitation,
  HtcdsTypeOfSexExploitation,
} from './vocabulary';
import {
  HTCDS_GENDERS,
  HTCDS_METHODS_OF_CONTROL,
  HTCDS_METHODS_OF_RECRUITMENT,
  HTCDS_TYPES_OF_EXPLOITATION,
  HTCDS_TYPES_OF_SEX_EXPLOITATION,
} from './vocabulary';

/**
 * The victim context of HTCDS (`vic_`): how she was recruited, controlled and exploited. Optional
 * on the needs assessment (never needed to open a case, P6). Stored as enum facts outside
 * `personal` (like the identification outcome), so that statistics can count them; see
 * docs/htcds.md "What the network must decide".
 */
export interface VictimContext {
  readonly typeOfExploitation?: readonly HtcdsTypeOfExploitation[];
  readonly typeOfSexExploitation?: readonly HtcdsTypeOfSexExploitation[];
  readonly methodOfRecruitment?: readonly HtcdsMethodOfRecruitment[];
  readonly methodsOfControl?: readonly HtcdsMethodOfControl[];
}

export const VICTIM_CONTEXT_VALUES: {
  readonly [K in keyof VictimContext]-?: readonly string[];
} = {
  typeOfExploitation: HTCDS_TYPES_OF_EXPLOITATION,
  typeOfSexExploitation: HTCDS_TYPES_OF_SEX_EXPLOITATION,
  methodOfRecruitment: HTCDS_METHODS_OF_RECRUITMENT,
  methodsOfControl: HTCDS_METHODS_OF_CONTROL,
};

/** The HTCDS person fields the case holds, decrypted from `personal.identity` (P2). */
export interface HtcdsPerson {
  readonly gender?: HtcdsGender;
  /** ISO 8601 date. */
  readonly birthDate?: string;
  /** ISO 3166-1 alpha-2 codes. */
  readonly citizenship?: readonly string[];
}

/** What the HTCDS export reads of one case: enum facts, dates and the decrypted person fields. */
export interface HtcdsCaseFacts {
  readonly organisationType?: HtcdsOrgType;
  /** ISO 3166-1 alpha-2 of the organisation (the case's country). */
  readonly country: string;
  readonly openedAt: string;
  /** When she was referred (CaseOpened.occurredAt), when earlier than the opening (R24–R26a). */
  readonly referredAt?: string;
  readonly referralSource: ReferralSource;
  readonly identification?: 'reasonable-grounds' | 'no-reasonable-grounds';
  readonly conclusive?: 'positive' | 'negative';
  readonly identificationDecider?: 'police' | 'migration-authority' | 'ngo' | 'other';
  readonly status: 'open' | 'closed';
  readonly followUp: boolean;
  readonly closureReason?: ClosureReason;
  readonly outgoingReferral?: { readonly purpose: ReferralPurpose; readonly sentAt: string };
  readonly servicesProvided: readonly ServiceKind[];
  readonly victim: VictimContext;
  readonly person: HtcdsPerson;
}

/** One event as the export folds it: type and (decrypted) data. */
export interface HtcdsEventView {
  readonly type: string;
  readonly data: object;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function onlyOf<T extends string>(v: unknown, allowed: readonly string[]): T[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.filter((x): x is T => typeof x === 'string' && allowed.includes(x));
}

/** "RO;MD" or ["RO","MD"] → ['RO','MD'] (ISO alpha-2 only). */
export function citizenshipCodes(v: unknown): string[] {
  const parts: unknown[] = Array.isArray(v) ? v : typeof v === 'string' ? v.split(/[;,\s]+/) : [];
  const codes = parts.map((p) => (typeof p === 'string' ? p.trim() : ''));
  return [...new Set(codes.filter((p) => /^[A-Z]{2}$/.test(p)))];
}

/**
 * Folds a case's events (personal data already decrypted, erased categories left out) into the
 * facts HTCDS asks for. Pure; unknown event types are passed over, so that new events never
 * break the export.
 */
export function foldHtcdsFacts(
  events: readonly HtcdsEventView[],
  organisation: { readonly type?: HtcdsOrgType; readonly country: string },
): HtcdsCaseFacts | undefined {
  const openedEvent = events.find((e) => e.type === 'CaseOpened');
  if (!openedEvent) return undefined;
  const opened = { data: openedEvent.data as Readonly<Record<string, unknown>> };
  const referredAt = str(opened.data['occurredAt']);
  let facts: {
    -readonly [K in keyof HtcdsCaseFacts]: HtcdsCaseFacts[K];
  } = {
    ...(organisation.type && { organisationType: organisation.type }),
    country: str(opened.data['country']) ?? organisation.country,
    openedAt: str(opened.data['openedAt']) ?? '',
    ...(referredAt !== undefined && { referredAt }),
    referralSource: (str(opened.data['referralSource']) ?? 'other') as ReferralSource,
    status: 'open',
    followUp: false,
    servicesProvided: [],
    victim: {},
    person: {},
  };
  const person: { gender?: HtcdsGender; birthDate?: string; citizenship?: string[] } = {};
  const provided = new Set<ServiceKind>();
  for (const e of events) {
    const d = e.data as Readonly<Record<string, unknown>>;
    switch (e.type) {
      case 'PersonDetailsRecorded': {
        const personal = d['personal'] as Record<string, unknown> | undefined;
        const identity = personal?.['identity'] as Record<string, unknown> | undefined;
        if (!identity || typeof identity !== 'object') break;
        const sex = str(identity['sex']);
        if (sex && (HTCDS_GENDERS as readonly string[]).includes(sex)) {
          person.gender = sex as HtcdsGender;
        }
        const dob = str(identity['dateOfBirth']);
        if (dob) person.birthDate = dob;
        const cit = citizenshipCodes(identity['citizenship']);
        const nat = citizenshipCodes(identity['nationality']);
        if (cit.length > 0 || nat.length > 0) {
          person.citizenship = [...new Set([...(person.citizenship ?? []), ...nat, ...cit])];
        }
        break;
      }
      case 'IdentificationDecided': {
        const o = str(d['outcome']);
        if (o === 'reasonable-grounds' || o === 'no-reasonable-grounds') facts.identification = o;
        const by = str(d['decidedBy']) ?? str(d['decider']);
        if (by === 'police' || by === 'migration-authority' || by === 'ngo' || by === 'other') {
          facts.identificationDecider = by;
        }
        break;
      }
      case 'ConclusiveIdentificationDecided': {
        const o = str(d['outcome']);
        if (o === 'positive' || o === 'negative') facts.conclusive = o;
        break;
      }
      case 'NeedsAssessed': {
        const v = d['victimContext'] as Record<string, unknown> | undefined;
        if (v && typeof v === 'object') {
          const next: { -readonly [K in keyof VictimContext]: VictimContext[K] } = {};
          for (const k of Object.keys(VICTIM_CONTEXT_VALUES) as (keyof VictimContext)[]) {
            const values = onlyOf<string>(v[k], VICTIM_CONTEXT_VALUES[k]);
            if (values && values.length > 0) (next as Record<string, unknown>)[k] = values;
          }
          facts.victim = next;
        }
        break;
      }
      case 'ServiceProvided': {
        const kind = str(d['kind']) ?? str(d['service']);
        if (kind) provided.add(kind as ServiceKind);
        break;
      }
      case 'CrossBorderReferralSent': {
        const purpose = str(d['purpose']) as ReferralPurpose | undefined;
        const sentAt = str(d['sentAt']);
        if (purpose && sentAt) facts.outgoingReferral = { purpose, sentAt };
        break;
      }
      case 'ReturnExecuted':
        facts.followUp = true;
        break;
      case 'CaseClosed':
        facts = { ...facts, status: 'closed', closureReason: str(d['reason']) as ClosureReason };
        break;
      case 'CaseReopened':
        facts = { ...facts, status: 'open' };
        delete facts.closureReason;
        break;
      case 'PersonalDataErased':
        for (const k of Object.keys(person)) delete (person as Record<string, unknown>)[k];
        break;
      default:
        break;
    }
  }
  return { ...facts, servicesProvided: [...provided], person };
}
