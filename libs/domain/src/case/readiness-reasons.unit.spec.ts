import { returnReadiness } from '@ariadne/domain';
import { history, stateOf } from '../../../../test/support/decider-spec';
import {
  COMM,
  day,
  departureSteps,
  END_REFLECTION,
  opened,
} from '../../../../test/support/fixtures';

/**
 * R7, R9, R14, R15, R18: the reason readiness gives for each unmet item (readiness.ts), which
 * the caseworker's checklist shows. Each names the field and the rule, never her data.
 * departureSteps: 0 identification, 1 needs, 2 choice, 3 return consent, 4 sharing consent,
 * 5 referral, 6 acceptance, 7 plan, 8 funding, 9 contacts, 10 legal status, 11 travel, 12 risk.
 */
const without = (...indexes: number[]) =>
  departureSteps('return').filter((_, i) => !indexes.includes(i));

function reasons(events: ReturnType<typeof history>, at: string): Record<string, string> {
  const r = returnReadiness(stateOf(events), at);
  return Object.fromEntries(r.items.filter((i) => !i.met).map((i) => [i.item, i.reason ?? '']));
}

describe('returnReadiness: why an item is not met', () => {
  it('R7: the reflection period, naming when it ends', () => {
    const events = history([opened()], ...departureSteps('return'));
    expect(reasons(events, day(30))).toEqual({
      'reflection-period-over': `R7: the reflection period runs until ${day(31)}.`,
    });
  });

  it('R9: no departure risk assessment for this pathway; one not acceptable; one too old', () => {
    const none = history([opened()], ...without(12), END_REFLECTION);
    expect(reasons(none, day(32))).toEqual({
      'risk-assessment': 'No departure risk assessment for the return pathway (R9).',
    });
    const unacceptable = history([opened()], ...departureSteps('return'), END_REFLECTION, [
      {
        type: 'RecordRiskAssessment',
        scope: 'departure',
        pathway: 'return',
        level: 'high',
        protectionMeasures: ['escorted-travel'],
        acceptable: false,
      },
      day(31),
    ]);
    expect(reasons(unacceptable, day(32))).toEqual({
      'risk-assessment': 'The latest departure risk assessment is not acceptable.',
    });
    const ready = history([opened()], ...departureSteps('return'), END_REFLECTION);
    expect(reasons(ready, day(56))).toEqual({
      'risk-assessment':
        'The latest departure risk assessment is older than returnRiskAssessmentValidFor.',
    });
  });

  it('R9: an assessment for the other pathway does not count', () => {
    const forThirdCountry = departureSteps('return').map((step, i) =>
      i === 12
        ? ([
            {
              type: 'RecordRiskAssessment',
              scope: 'departure',
              pathway: 'third-country',
              level: 'low',
              protectionMeasures: [],
              acceptable: true,
            },
            day(25),
          ] as const)
        : step,
    );
    const events = history([opened()], ...forThirdCountry, END_REFLECTION);
    expect(Object.keys(reasons(events, day(32)))).toEqual(['risk-assessment']);
  });

  it('the plan, its funding, the contacts, the legal status and the travel, each its own words', () => {
    expect(reasons(history([opened()], ...without(7, 8), END_REFLECTION), day(32))).toEqual({
      'reintegration-plan': 'No reintegration and financial-assistance plan.',
    });
    expect(reasons(history([opened()], ...without(8), END_REFLECTION), day(32))).toEqual({
      'reintegration-plan': 'The plan’s funding is not approved.',
    });
    expect(reasons(history([opened()], ...without(9, 10, 11), END_REFLECTION), day(32))).toEqual({
      'contacts-given': 'The assisting structures’ contacts were not given to her.',
      'legal-status-considered': 'The legal-proceedings status was not considered.',
      'travel-arranged': 'No travel arranged.',
    });
    expect(reasons(history([opened()], ...without(1), END_REFLECTION), day(32))).toEqual({
      'needs-assessment': 'No needs assessment.',
    });
  });

  it('R14, R15: her consent counts only when given after her latest pathway choice', () => {
    expect(reasons(history([opened()], ...without(3), END_REFLECTION), day(32))).toEqual({
      consent: 'No current consent of hers since her latest pathway choice.',
    });
    // She changes her mind and back: the consent given before no longer counts.
    const changed = history(
      [opened()],
      ...departureSteps('return'),
      END_REFLECTION,
      [{ type: 'RecordPathwayChoice', pathway: 'integration', communication: COMM }, day(31)],
      [{ type: 'RecordPathwayChoice', pathway: 'return', communication: COMM }, day(31)],
    );
    expect(Object.keys(reasons(changed, day(32)))).toContain('consent');
  });

  it('R18: the receiving organisation, naming the kind of referral it needs', () => {
    expect(reasons(history([opened()], ...without(6), END_REFLECTION), day(32))).toEqual({
      'receiving-organisation':
        'No return-reception referral accepted under a current consent of hers (R18).',
    });
  });
});
