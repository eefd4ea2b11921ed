import { type CaseEvent, type CountryPolicy, DEFAULT_POLICIES } from '@ariadne/domain';

export const SE = DEFAULT_POLICIES.SE;
export const OPENED_AT = '2026-01-05T08:00:00.000Z';

export function opened(policy: CountryPolicy = SE, at = OPENED_AT): CaseEvent {
  return {
    type: 'CaseOpened',
    data: {
      referralSource: 'ngo-outreach',
      country: policy.country,
      organisationId: 'se-ngo-1',
      assigneeId: 'cw-1',
      policy,
      openedAt: at,
    },
  };
}

/** A policy with seconds instead of days, for timer wiring tests on a real server only. */
export function testPolicy(reflectionPeriod: string): CountryPolicy {
  return {
    ...SE,
    country: 'ZZ',
    version: 'test',
    testOnly: true,
    reflection: { ...SE.reflection, period: reflectionPeriod },
  };
}
