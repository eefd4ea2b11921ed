import { isAtLeastDays, isDuration } from './duration';

/** The eight countries of the Nordic-Baltic network (ISO 3166-1 alpha-2). */
export const COUNTRIES = ['DK', 'EE', 'FI', 'IS', 'LT', 'LV', 'NO', 'SE'] as const;
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
}

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
  /** R20: how long before a due date the assignee is reminded. */
  readonly reminderBefore: string;
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
}

/** The legal floor of R7 (CoE Art. 13(1)): never under 30 days. */
export const MIN_REFLECTION_DAYS = 30;

/** Problems with a policy, as messages that name the field; empty when it is valid. */
export function policyProblems(policy: CountryPolicy): string[] {
  const problems: string[] = [];
  const durations: Array<[string, string | undefined]> = [
    ['reflection.period', policy.reflection.period],
    ['reflection.maxExtendedTo', policy.reflection.maxExtendedTo],
    ['residencePermit.typicalValidity', policy.residencePermit.typicalValidity],
    ['reminderBefore', policy.reminderBefore],
    ['escalateAfter', policy.escalateAfter],
    ['stalledAfter', policy.stalledAfter],
    ['returnRiskAssessmentValidFor', policy.returnRiskAssessmentValidFor],
    ['retentionAfterClosure', policy.retentionAfterClosure],
    ...Object.entries(policy.deadlines).map(([k, v]): [string, string] => [`deadlines.${k}`, v]),
    ...policy.followUpsAfterReturn.map((v, i): [string, string] => [
      `followUpsAfterReturn[${i}]`,
      v,
    ]),
  ];
  for (const [field, value] of durations) {
    if (value !== undefined && !isDuration(value))
      problems.push(`${field}: not an ISO 8601 duration`);
  }
  if (policy.country === TEST_COUNTRY && !policy.testOnly) {
    problems.push('country: ZZ is reserved for test policies');
  }
  if (!policy.testOnly && isDuration(policy.reflection.period)) {
    if (!isAtLeastDays(policy.reflection.period, MIN_REFLECTION_DAYS)) {
      problems.push(`reflection.period: R7 requires at least ${MIN_REFLECTION_DAYS} days`);
    }
  }
  return problems;
}
