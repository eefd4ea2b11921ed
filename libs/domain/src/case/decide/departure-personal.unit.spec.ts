import { deadlines } from '@ariadne/domain';
import { history, stateOf } from '../../../../../test/support/decider-spec';
import {
  COMM,
  day,
  departureSteps,
  END_REFLECTION,
  opened,
} from '../../../../../test/support/fixtures';

/** P3: what she tells about her return travels only under `personal`, and only when given. */
describe('R14, R17 departure steps keep her details under personal', () => {
  const chosen = () =>
    history(
      [opened()],
      [{ type: 'RecordPathwayChoice', pathway: 'return', communication: COMM }, day(10)],
    );
  const RETURN = { return: { itinerary: 'bus, then train', contacts: 'shelter desk' } };
  const LEGAL = { legal: { notes: 'witness statement given' } };

  it.each([
    ['RecordReintegrationPlan', { pathway: 'return' }, RETURN],
    ['RecordAssistingContactsGiven', { pathway: 'return' }, RETURN],
    ['RecordTravelArranged', { pathway: 'return' }, RETURN],
    ['RecordLegalStatusConsidered', {}, LEGAL],
  ] as const)(
    '%s: with details, under personal; without, no personal at all',
    (type, rest, personal) => {
      const withDetails = history(chosen(), [{ type, ...rest, personal } as never, day(12)]);
      expect(withDetails.at(-1)?.data).toMatchObject({ personal });
      expect(Object.keys(withDetails.at(-1)?.data ?? {})).not.toContain('itinerary');
      const without = history(chosen(), [{ type, ...rest } as never, day(12)]);
      expect(without.at(-1)?.data).not.toHaveProperty('personal');
    },
  );

  it('after return: follow-ups and financial assistance likewise', () => {
    const departed = history([opened()], ...departureSteps('return'), END_REFLECTION, [
      { type: 'ExecuteReturn' },
      day(32),
    ]);
    const personal = { return: { amount: '200 EUR' } };
    const paid = history(departed, [
      { type: 'RecordReturnFinancialAssistance', personal },
      day(40),
    ]);
    expect(paid.at(-1)?.data).toEqual({ paidAt: day(40), personal });
    const followed = history(departed, [
      { type: 'RecordFollowUp', contact: 'reached', personal: { return: { notes: 'safe' } } },
      day(60),
    ]);
    expect(followed.at(-1)?.data).toMatchObject({
      number: 1,
      personal: { return: { notes: 'safe' } },
    });
    expect(
      history(departed, [{ type: 'RecordFollowUp', contact: 'reached' }, day(60)]).at(-1)?.data,
    ).not.toHaveProperty('personal');
    // R17: after return only the follow-ups remain, each from its rule.
    expect(new Set(deadlines(stateOf(departed)).map((d) => `${d.kind}:${d.rule}`))).toEqual(
      new Set(['follow-up:R17']),
    );
  });

  it('each obligation names the rule it comes from', () => {
    const reflecting = stateOf(history([opened()], ...departureSteps('return').slice(0, 1)));
    const rules = Object.fromEntries(deadlines(reflecting).map((d) => [d.kind, d.rule]));
    expect(rules).toMatchObject({
      'identification-decision': 'R1',
      'rights-information': 'R10',
      'health-check-offered': 'R4',
      'risk-assessment': 'R9',
      'needs-assessment': 'R6',
      'reflection-end': 'R7',
    });
  });
});
