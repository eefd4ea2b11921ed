import { addDuration, isAtOrAfter } from '../policy/duration';
import { isConsentCurrent } from './consents';
import type { CaseState, ExistingCaseState, ReferralRecord } from './state';
import { type DeparturePathway, isDeparturePathway, RECEPTION_PURPOSE } from './types';

/** R14 (and R7): everything that must hold at the moment she departs. */
export const READINESS_ITEMS = [
  'reflection-period-over',
  'consent',
  'risk-assessment',
  'needs-assessment',
  'receiving-organisation',
  'reintegration-plan',
  'contacts-given',
  'legal-status-considered',
  'travel-arranged',
] as const;
export type ReadinessItemName = (typeof READINESS_ITEMS)[number];

export interface ReadinessItem {
  readonly item: ReadinessItemName;
  readonly met: boolean;
  /** What is missing, by field and rule; never personal data. */
  readonly reason?: string;
}

export interface ReturnReadiness {
  /** True when she has chosen a return or a third country and has not departed. */
  readonly applicable: boolean;
  readonly pathway?: DeparturePathway;
  readonly ready: boolean;
  readonly items: readonly ReadinessItem[];
}

type Check = (s: ExistingCaseState, p: DeparturePathway, now: string) => string | undefined;

/** Each check returns what is missing, or undefined when the item holds. */
const CHECKS: Readonly<Record<ReadinessItemName, Check>> = {
  'reflection-period-over': (s) =>
    s.reflection && !s.reflection.endedAt
      ? `R7: the reflection period runs until ${s.reflection.endsAt}.`
      : undefined,
  consent: (s, _p, now) =>
    currentReturnConsent(s, now)
      ? undefined
      : 'No current consent of hers since her latest pathway choice.',
  'risk-assessment': (s, p, now) => {
    const latest = s.riskAssessments
      .filter((r) => r.scope === 'departure' && r.pathway === p)
      .at(-1);
    if (!latest) return `No departure risk assessment for the ${p} pathway (R9).`;
    if (!latest.acceptable) return 'The latest departure risk assessment is not acceptable.';
    const validUntil = addDuration(latest.assessedAt, s.policy.returnRiskAssessmentValidFor);
    if (!isAtOrAfter(validUntil, now)) {
      return 'The latest departure risk assessment is older than returnRiskAssessmentValidFor.';
    }
    return undefined;
  },
  'needs-assessment': (s) => (s.needsAssessment ? undefined : 'No needs assessment.'),
  'receiving-organisation': (s, p, now) =>
    receivingReferral(s, p, now)
      ? undefined
      : `No ${RECEPTION_PURPOSE[p]} referral accepted under a current consent of hers (R18).`,
  'reintegration-plan': (s, p) => {
    const plan = s.reintegrationPlans[p];
    if (!plan) return 'No reintegration and financial-assistance plan.';
    return plan.fundingApprovedAt ? undefined : 'The plan’s funding is not approved.';
  },
  'contacts-given': (s, p) =>
    s.contactsGiven[p] ? undefined : 'The assisting structures’ contacts were not given to her.',
  'legal-status-considered': (s) =>
    s.legalStatusConsideredAt ? undefined : 'The legal-proceedings status was not considered.',
  'travel-arranged': (s, p) => (s.travelArranged[p] ? undefined : 'No travel arranged.'),
};

/** Her consent to return, given after her latest pathway choice and current (R14, R15, P4). */
export function currentReturnConsent(s: ExistingCaseState, now: string): boolean {
  const since = s.pathwayChosenSeq ?? 0;
  return s.consents.some(
    (c) => c.scope.kind === 'return' && isConsentCurrent(c, now) && c.seq > since,
  );
}

/** The accepted reception referral whose data-sharing consent still stands (R18, P4). */
export function receivingReferral(
  s: ExistingCaseState,
  p: DeparturePathway,
  now: string,
): ReferralRecord | undefined {
  return s.referrals
    .filter(
      (r) =>
        r.purpose === RECEPTION_PURPOSE[p] &&
        r.status === 'accepted' &&
        s.consents.some((c) => c.consentId === r.consentId && isConsentCurrent(c, now)),
    )
    .at(-1);
}

/**
 * R14, R16: what a departure needs and what is missing, judged at `now` (default: the time of
 * the case's latest event). ExecuteReturn is accepted exactly when `ready` is true at its time.
 */
export function returnReadiness(state: CaseState, now?: string): ReturnReadiness {
  if (state.status !== 'open' || state.departure || !isDeparturePathway(state.pathway)) {
    return { applicable: false, ready: false, items: [] };
  }
  const pathway = state.pathway;
  const at = now ?? state.updatedAt;
  const items = READINESS_ITEMS.map((item): ReadinessItem => {
    const reason = CHECKS[item](state, pathway, at);
    return reason === undefined ? { item, met: true } : { item, met: false, reason };
  });
  return { applicable: true, pathway, ready: items.every((i) => i.met), items };
}
