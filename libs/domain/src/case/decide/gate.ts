import { RuleViolation } from '../../errors';
import { receivingReferral, returnReadiness } from '../readiness';
import type { OpenCaseState } from '../state';
import type { DeparturePathway } from '../types';

export type GateResult =
  | { readonly failure: RuleViolation }
  | {
      readonly failure?: undefined;
      readonly pathway: DeparturePathway;
      readonly receivingOrganisationId: string;
    };

/**
 * The departure gate: R12 (her choice), R7 (not during reflection), then every R14 item — R16
 * for a third country. The message names the missing items, never their content.
 */
export function readinessFailure(s: OpenCaseState, now: string): GateResult {
  const readiness = returnReadiness(s, now);
  const pathway = readiness.pathway;
  if (!readiness.applicable || !pathway) {
    return {
      failure: new RuleViolation('R12', 'She has not chosen a return or a third country.'),
    };
  }
  const missing = readiness.items.filter((i) => !i.met);
  if (missing.some((i) => i.item === 'reflection-period-over')) {
    return {
      failure: new RuleViolation('R7', 'No return or removal during the reflection period.'),
    };
  }
  const referral = receivingReferral(s, pathway, now);
  if (missing.length > 0 || !referral) {
    const rule = pathway === 'third-country' ? 'R16' : 'R14';
    return {
      failure: new RuleViolation(
        rule,
        `Not ready to depart; missing: ${missing.map((i) => i.item).join(', ')}.`,
      ),
    };
  }
  return { pathway, receivingOrganisationId: referral.recipientOrganisationId };
}
