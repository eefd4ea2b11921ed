import { isAtLeastDays, isDuration, isNeverShorter, isPositive } from './duration';

/** The eight countries of the Nordic-Baltic network (ISO 3166-1 alpha-2). */
/**
 * The countries with a policy: the Nordic–Baltic network, and Romania, a country of return whose
 * receiving organisations open linked cases when they accept a referral (R18).
 */
export const COUNTRIES = ['DK', 'EE', 'FI', 'IS', 'LT', 'LV', 'NO', 'SE', 'RO'] as const;
export type CountryCode = (typeof COUNTRIES)[number];
/** ISO 3166 reserves ZZ for user assignment; we use it only for short-timer test policies. */
export const TEST_COUNTRY = 'ZZ';
export type PolicyCountry = CountryCode | typeof TEST_COUNTRY;

export function isCountryCode(value: unknown): value is CountryCode {
  return typeof value === 'string' && (COUNTRIES as readonly string[]).includes(value);
}

/** Where a policy value comes from, so that it can be checked and corrected. */
export interface PolicySource {
  readonly citation: string;
  /** 'confirmed' when the value is stated in the cited law; 'uncertain' when sources disagree. */
  readonly confidence: 'confirmed' | 'uncertain';
  readonly note?: string;
}

/** Every obligation with a due date (R19). Durations are ISO 8601 (`P30D`, `P6M`). */
export interface PolicyDeadlines {
  /** From case opening to the reasonable-grounds decision (R1). */
  readonly identificationDecision: string;
  /** From case opening to information on her rights in a language she understands (R10). */
  readonly rightsInformation: string;
  /** From case opening to a health check being offered (R4). */
  readonly healthCheckOffered: string;
  /** From case opening to the first risk assessment (R9). */
  readonly riskAssessment: string;
  /** From the start of reflection to the needs assessment (phase 4). */
  readonly needsAssessment: string;
  /**
   * R28: from the positive reasonable-grounds decision to the conclusive decision. Optional: a
   * case opened under a policy without it has no such deadline (its timers never change).
   */
  readonly conclusiveIdentification?: string;
}

/** R26: how late a fact may be recorded after it happened (`occurredAt`). */
export interface RecordingPolicy {
  /** The longest lag between when something happened and when it is recorded, e.g. 'P90D'. */
  readonly maxLag: string;
  readonly source: PolicySource;
}

/** R26: the lag allowed when a case's policy predates `recording` (network default). */
export const DEFAULT_MAX_RECORDING_LAG = 'P90D';

export interface CountryPolicy {
  readonly country: PolicyCountry;
  /** Policies are versioned data; a case keeps the version it was opened under. */
  readonly version: string;
  /** Test policies may use durations under the legal minimums; never accepted in production. */
  readonly testOnly?: boolean;
  /** Which legal instruments bind this country. */
  readonly appliesIn: {
    readonly coeConvention: boolean;
    readonly euDirective: boolean;
    readonly gdpr: boolean;
  };
  readonly nationalMechanism: string;
  /** R7: the recovery and reflection period. */
  readonly reflection: {
    readonly period: string;
    /** The longest total length an extension may reach; absent when the law sets none. */
    readonly maxExtendedTo?: string;
    readonly source: PolicySource;
  };
  /** R11: a trafficking-specific residence permit, when the country has one. */
  readonly residencePermit: {
    readonly available: boolean;
    readonly grounds: ReadonlyArray<'personal-situation' | 'cooperation'>;
    readonly typicalValidity?: string;
    readonly renewable: boolean;
    readonly source: PolicySource;
  };
  readonly deadlines: PolicyDeadlines;
  /**
   * R20: how long before a due date the assignee is reminded. When the obligation's own window
   * is shorter, the reminder comes halfway through it instead (see deadlines.ts).
   */
  readonly reminderBefore: string;
  /** R11: how long before a residence permit expires the assignee is reminded to renew it. */
  readonly permitExpiryReminderBefore: string;
  /** R20: how long after a due date the supervisor is alerted. */
  readonly escalateAfter: string;
  /** R21: no progress for this long in the current phase → stalled. */
  readonly stalledAfter: string;
  /** R14: a return risk assessment older than this is no longer recent. */
  readonly returnRiskAssessmentValidFor: string;
  /** R17: follow-ups after return, each counted from the return date. */
  readonly followUpsAfterReturn: readonly string[];
  /** R23: personal data is erased this long after closure. */
  readonly retentionAfterClosure: string;
  /**
   * Where the case-management values come from: `deadlines`, `reminderBefore`,
   * `permitExpiryReminderBefore`, `escalateAfter`, `stalledAfter`, `returnRiskAssessmentValidFor`
   * and `followUpsAfterReturn`. Most are network defaults that no law fixes.
   */
  readonly caseManagementSource: PolicySource;
  /** Where `retentionAfterClosure` comes from (GDPR storage limitation, national archive law). */
  readonly retentionSource: PolicySource;
  /** R26: late recording; absent in policies captured before it existed (default P90D). */
  readonly recording?: RecordingPolicy;
}

const DEADLINE_FIELDS: ReadonlyArray<keyof PolicyDeadlines> = [
  'identificationDecision',
  'rightsInformation',
  'healthCheckOffered',
  'riskAssessment',
  'needsAssessment',
];

/** The legal floor of R7 (CoE Art. 13(1)): never under 30 days. */
export const MIN_REFLECTION_DAYS = 30;

/** Problems with a policy, as messages that name the field; empty when it is valid. */
export function policyProblems(policy: CountryPolicy): string[] {
  const problems: string[] = [];
  // Policies also arrive as JSON (ARIADNE_POLICY_FILE), so required fields are checked at run time.
  const required: Array<[string, string | undefined]> = [
    ['reflection.period', policy.reflection?.period],
    ['reminderBefore', policy.reminderBefore],
    ['permitExpiryReminderBefore', policy.permitExpiryReminderBefore],
    ['escalateAfter', policy.escalateAfter],
    ['stalledAfter', policy.stalledAfter],
    ['returnRiskAssessmentValidFor', policy.returnRiskAssessmentValidFor],
    ['retentionAfterClosure', policy.retentionAfterClosure],
    ...DEADLINE_FIELDS.map((k): [string, string | undefined] => [
      `deadlines.${k}`,
      policy.deadlines?.[k],
    ]),
    ...(policy.followUpsAfterReturn ?? []).map((v, i): [string, string] => [
      `followUpsAfterReturn[${i}]`,
      v,
    ]),
  ];
  const optional: Array<[string, string | undefined]> = [
    ['reflection.maxExtendedTo', policy.reflection?.maxExtendedTo],
    ['residencePermit.typicalValidity', policy.residencePermit?.typicalValidity],
    ['deadlines.conclusiveIdentification', policy.deadlines?.conclusiveIdentification],
    ['recording.maxLag', policy.recording?.maxLag],
  ];
  for (const [field, value] of required) {
    if (value === undefined) problems.push(`${field}: missing`);
  }
  for (const [field, value] of [...required, ...optional]) {
    if (value !== undefined && !isDuration(value))
      problems.push(`${field}: not an ISO 8601 duration`);
  }
  for (const field of ['caseManagementSource', 'retentionSource'] as const) {
    if (!policy[field]?.citation) problems.push(`${field}: every value needs a source`);
  }
  if (policy.recording && !policy.recording.source?.citation) {
    problems.push('recording.source: every value needs a source');
  }
  if (problems.length > 0) return problems;
  const { period, maxExtendedTo } = policy.reflection;
  if (maxExtendedTo !== undefined && !isNeverShorter(maxExtendedTo, period)) {
    problems.push('reflection.maxExtendedTo: R7 extensions never shorten the period');
  }
  if (policy.country === TEST_COUNTRY && !policy.testOnly) {
    problems.push('country: ZZ is reserved for test policies');
  }
  if (!policy.testOnly) {
    if (!isAtLeastDays(period, MIN_REFLECTION_DAYS)) {
      problems.push(`reflection.period: R7 requires at least ${MIN_REFLECTION_DAYS} days`);
    }
    if (!isPositive(policy.reminderBefore)) {
      problems.push('reminderBefore: R20 requires reminders before due dates');
    }
    if (policy.followUpsAfterReturn.length === 0) {
      problems.push('followUpsAfterReturn: R17 requires at least one follow-up');
    }
  }
  return problems;
}
