/**
 * The departure evolvers, one by one (mutation survivors of evolve/departure.ts,
 * docs/mutation.md): facts kept per pathway without touching the other, funding only of a plan
 * that exists, payments counted, a suspended return back to the choice.
 */
import { opened } from '../../../../../test/support/fixtures';
import type { CaseEvent } from '../events';
import { evolveAll } from '../evolve';
import { type ExistingCaseState, initialState } from '../state';

const T1 = '2026-01-06T08:00:00.000Z';
const T2 = '2026-01-07T08:00:00.000Z';

function stateAfter(...events: CaseEvent[]): ExistingCaseState {
  const s = evolveAll(initialState(), [opened(), ...events]);
  if (s.status === 'none') throw new Error('no case');
  return s;
}

describe('evolve: departure', () => {
  it('funding approved for a pathway without a plan changes nothing', () => {
    const s = stateAfter({
      type: 'ReintegrationFundingApproved',
      data: { pathway: 'return', approvedAt: T1 },
    });
    expect(s.reintegrationPlans).toEqual({});
  });

  it('funding marks the plan of its pathway only, keeping when it was recorded', () => {
    const s = stateAfter(
      { type: 'ReintegrationPlanRecorded', data: { pathway: 'return', recordedAt: T1 } },
      { type: 'ReintegrationPlanRecorded', data: { pathway: 'third-country', recordedAt: T1 } },
      { type: 'ReintegrationFundingApproved', data: { pathway: 'return', approvedAt: T2 } },
    );
    expect(s.reintegrationPlans).toEqual({
      return: { recordedAt: T1, fundingApprovedAt: T2 },
      'third-country': { recordedAt: T1 },
    });
  });

  it('contacts and travel are kept per pathway', () => {
    const s = stateAfter(
      { type: 'AssistingContactsGiven', data: { pathway: 'return', givenAt: T1 } },
      { type: 'AssistingContactsGiven', data: { pathway: 'third-country', givenAt: T2 } },
      { type: 'TravelArranged', data: { pathway: 'return', arrangedAt: T1 } },
      { type: 'TravelArranged', data: { pathway: 'third-country', arrangedAt: T2 } },
    );
    expect(s.contactsGiven).toEqual({ return: T1, 'third-country': T2 });
    expect(s.travelArranged).toEqual({ return: T1, 'third-country': T2 });
  });

  it('counts every return financial assistance paid', () => {
    const paid: CaseEvent = { type: 'ReturnFinancialAssistancePaid', data: { paidAt: T1 } };
    expect(stateAfter().returnFinancialAssistancePayments).toBe(0);
    expect(stateAfter(paid, paid).returnFinancialAssistancePayments).toBe(2);
  });

  it('a suspended return reopens her choice and records when', () => {
    const s = stateAfter({
      type: 'ReturnSuspended',
      data: { pathway: 'return', suspendedAt: T2 },
    });
    expect([s.pathway, s.returnSuspendedAt]).toEqual(['undecided', T2]);
  });

  it('the re-trafficking risk is flagged, then cleared', () => {
    const flag: CaseEvent = {
      type: 'ReTraffickingRiskRecorded',
      data: { risk: 'flagged', recordedAt: T1 },
    };
    expect(stateAfter(flag).reTraffickingRisk).toBe(true);
    expect(
      stateAfter(flag, {
        type: 'ReTraffickingRiskRecorded',
        data: { risk: 'cleared', recordedAt: T2 },
      }).reTraffickingRisk,
    ).toBe(false);
  });
});
