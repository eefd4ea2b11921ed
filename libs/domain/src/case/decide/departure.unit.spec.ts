import { returnReadiness } from '@ariadne/domain';
import { given, history, stateOf } from '../../../../../test/support/decider-spec';
import {
  CASEWORKER,
  COMM,
  day,
  departureSteps,
  END_REFLECTION,
  opened,
  RECEIVER,
} from '../../../../../test/support/fixtures';

const ready = (): ReturnType<typeof history> =>
  history([opened()], ...departureSteps('return'), END_REFLECTION);

describe('R14 return gate', () => {
  it('a return is executed when every item holds, with the receiving organisation recorded', () => {
    given(...ready())
      .when({ type: 'ExecuteReturn' }, day(32))
      .then([
        {
          type: 'ReturnExecuted',
          data: { pathway: 'return', departedAt: day(32), receivingOrganisationId: RECEIVER },
        },
      ]);
  });

  it('refuses while the reflection period runs, even when everything else holds (R7)', () => {
    const events = history([opened()], ...departureSteps('return'));
    given(...events)
      .when({ type: 'ExecuteReturn' }, day(30))
      .thenRejectedBy('R7');
  });

  // Each item of the checklist, taken away alone, closes the gate and is named as missing.
  const without = (...indexes: number[]) => {
    const steps = departureSteps('return').filter((_, i) => !indexes.includes(i));
    return history([opened()], ...steps, END_REFLECTION);
  };
  it.each([
    ['a needs assessment', [1], 'needs-assessment'],
    ['her consent to return', [3], 'consent'],
    ['the receiving organisation’s acceptance', [6], 'receiving-organisation'],
    ['a reintegration plan', [7, 8], 'reintegration-plan'],
    ['the plan’s approved funding', [8], 'reintegration-plan'],
    ['the contacts of assisting structures', [9], 'contacts-given'],
    ['the legal status considered', [10], 'legal-status-considered'],
    ['travel arrangements', [11], 'travel-arranged'],
    ['a departure risk assessment', [12], 'risk-assessment'],
  ])('refuses without %s', (_name, indexes, item) => {
    const events = without(...indexes);
    const error = given(...events)
      .when({ type: 'ExecuteReturn' }, day(32))
      .thenRejectedBy('R14');
    expect(error.message).toContain(item);
    const missing = returnReadiness(stateOf(events), day(32)).items.filter((i) => !i.met);
    expect(missing.map((i) => i.item)).toEqual([item]);
  });

  it('refuses when the risk assessment is no longer recent (policy returnRiskAssessmentValidFor)', () => {
    // Assessed on day 25, valid for 30 days: day 55 is the last moment.
    given(...ready())
      .when({ type: 'ExecuteReturn' }, day(55))
      .thenTypes(['ReturnExecuted']);
    given(...ready())
      .when({ type: 'ExecuteReturn' }, '2026-03-01T08:00:00.001Z')
      .thenRejectedBy('R14');
  });

  it('refuses when the latest departure risk assessment is not acceptable', () => {
    const events = history(ready(), [
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
    given(...events)
      .when({ type: 'ExecuteReturn' }, day(32))
      .thenRejectedBy('R14');
  });

  it('refuses when she withdrew the consent to share her data with the receiving organisation', () => {
    const events = history(ready(), [
      { type: 'WithdrawConsent', consentId: 'consent-2', communication: COMM },
      day(31),
    ]);
    given(...events)
      .when({ type: 'ExecuteReturn' }, day(32))
      .thenRejectedBy('R14');
  });

  it('refuses a departure she has not chosen (R12)', () => {
    given(opened()).when({ type: 'ExecuteReturn' }, day(32)).thenRejectedBy('R12');
  });

  it('preparations follow her chosen pathway only (R12)', () => {
    given(opened())
      .when({ type: 'RecordTravelArranged', pathway: 'return' }, day(2))
      .thenRejectedBy('R12');
  });

  it('consent given before her latest choice is not current', () => {
    const events = history(
      ready(),
      [{ type: 'RecordPathwayChoice', pathway: 'third-country', communication: COMM }, day(31)],
      [{ type: 'RecordPathwayChoice', pathway: 'return', communication: COMM }, day(31)],
    );
    given(...events)
      .when({ type: 'ExecuteReturn' }, day(32))
      .thenRejectedBy('R14');
  });
});

describe('R15 withdrawal before departure', () => {
  it('suspends the return and takes the case back to her pathway choice', () => {
    const events = history(ready(), [
      { type: 'WithdrawConsent', consentId: 'consent-1', communication: COMM },
      day(31),
      CASEWORKER,
    ]);
    const withdrawn = events.slice(-2);
    expect(withdrawn.map((e) => e.type)).toEqual(['ConsentWithdrawn', 'ReturnSuspended']);
    const state = stateOf(events);
    expect(state.pathway).toBe('undecided');
    expect(state.phase).toBe('pathway');
    given(...events)
      .when({ type: 'ExecuteReturn' }, day(32))
      .thenRejectedBy('R12');
  });

  it('nothing is lost: after a new choice and a new consent the checklist holds again', () => {
    const events = history(
      ready(),
      [{ type: 'WithdrawConsent', consentId: 'consent-1', communication: COMM }, day(31)],
      [{ type: 'RecordPathwayChoice', pathway: 'return', communication: COMM }, day(33)],
    );
    const state = stateOf(events);
    expect(
      returnReadiness(state, day(34))
        .items.filter((i) => !i.met)
        .map((i) => i.item),
    ).toEqual(['consent']);
    const again = history(events, [
      { type: 'GiveConsent', scope: { kind: 'return' }, communication: COMM },
      day(34),
    ]);
    given(...again)
      .when({ type: 'ExecuteReturn' }, day(35))
      .thenTypes(['ReturnExecuted']);
  });

  it('after departure a withdrawal suspends nothing', () => {
    const departed = history(ready(), [{ type: 'ExecuteReturn' }, day(32)]);
    given(...departed)
      .when({ type: 'WithdrawConsent', consentId: 'consent-1', communication: COMM }, day(40))
      .thenTypes(['ConsentWithdrawn']);
  });
});

describe('R16 third country', () => {
  it('goes through the same gate', () => {
    const events = history([opened()], ...departureSteps('third-country'), END_REFLECTION);
    given(...events)
      .when({ type: 'ExecuteReturn' }, day(32))
      .then([
        {
          type: 'ReturnExecuted',
          data: {
            pathway: 'third-country',
            departedAt: day(32),
            receivingOrganisationId: RECEIVER,
          },
        },
      ]);
    const noTravel = history(
      [opened()],
      ...departureSteps('third-country').filter((_, i) => i !== 11),
      END_REFLECTION,
    );
    given(...noTravel)
      .when({ type: 'ExecuteReturn' }, day(32))
      .thenRejectedBy('R16');
  });

  it('a return-reception referral does not count for a third country', () => {
    const events = history(ready(), [
      { type: 'RecordPathwayChoice', pathway: 'third-country', communication: COMM },
      day(31),
    ]);
    const state = stateOf(events);
    const missing = returnReadiness(state, day(32))
      .items.filter((i) => !i.met)
      .map((i) => i.item);
    expect(missing).toEqual(
      expect.arrayContaining(['receiving-organisation', 'reintegration-plan', 'travel-arranged']),
    );
  });
});

describe('R17 follow-up after return', () => {
  const departed = (): ReturnType<typeof history> =>
    history(ready(), [{ type: 'ExecuteReturn' }, day(32)]);

  it('follow-ups, financial assistance and a re-trafficking flag are recorded after return', () => {
    const events = history(
      departed(),
      [{ type: 'RecordFollowUp', contact: 'reached' }, day(60)],
      [{ type: 'RecordReturnFinancialAssistance' }, day(61)],
      [{ type: 'RecordReTraffickingRisk', risk: 'flagged' }, day(62)],
    );
    const state = stateOf(events);
    expect(state.phase).toBe('follow-up');
    expect(state.followUps).toEqual([{ number: 1, contact: 'reached', recordedAt: day(60) }]);
    expect(state.returnFinancialAssistancePayments).toBe(1);
    expect(state.reTraffickingRisk).toBe(true);
  });

  it('none of them before she has departed', () => {
    for (const command of [
      { type: 'RecordFollowUp', contact: 'reached' },
      { type: 'RecordReturnFinancialAssistance' },
      { type: 'RecordReTraffickingRisk', risk: 'flagged' },
    ] as const) {
      given(...ready())
        .when(command, day(31))
        .thenRejectedBy('R17');
    }
  });

  it('a departure happens once', () => {
    given(...departed())
      .when({ type: 'ExecuteReturn' }, day(33))
      .thenRejectedBy('R17');
  });
});
