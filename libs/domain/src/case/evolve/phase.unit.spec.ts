/**
 * The phase, derived from the facts (mutation survivors of evolve/phase.ts, docs/mutation.md):
 * every branch, including those after a reopened pathway choice (R29) and the order in which a
 * running reflection, a chosen pathway and a needs assessment decide it.
 */
import type { CaseEvent } from '../events';
import { history, type Step, stateOf } from '../../../../../test/support/decider-spec';
import {
  COMM,
  day,
  departureSteps,
  END_REFLECTION,
  IDENTIFY,
  opened,
} from '../../../../../test/support/fixtures';

const phase = (...steps: Step[]) => stateOf(history([opened()], ...steps)).phase;
const NEGATIVE: Step = [
  { type: 'RecordIdentification', outcome: 'no-reasonable-grounds', decidedBy: 'ngo' },
  day(1),
];
const NEEDS: Step = [{ type: 'RecordNeedsAssessment', needs: ['shelter'] }, day(5)];
const choose = (pathway: 'return' | 'integration', at = day(40)): Step => [
  { type: 'RecordPathwayChoice', pathway, communication: COMM },
  at,
];
const RETURN_CONSENT: Step = [
  { type: 'GiveConsent', scope: { kind: 'return' }, communication: COMM },
  day(41),
];
const WITHDRAWN: Step = [
  { type: 'WithdrawConsent', consentId: 'consent-1', communication: COMM },
  day(42),
];

describe('the phase of a case', () => {
  it('intake before any decision, and after a negative one', () => {
    expect(phase()).toBe('intake');
    expect(phase(NEGATIVE)).toBe('intake');
  });

  it('a needs assessment without a reflection period leaves it in intake', () => {
    expect(phase(NEGATIVE, NEEDS)).toBe('intake');
  });

  it('reflection while the period runs, whatever else is recorded', () => {
    expect(phase([IDENTIFY, day(1)])).toBe('reflection');
    expect(phase([IDENTIFY, day(1)], NEEDS)).toBe('reflection');
    expect(phase([IDENTIFY, day(1)], choose('integration', day(2)))).toBe('reflection');
  });

  it('after the period: assessment until her needs are assessed, then the pathway choice', () => {
    expect(phase([IDENTIFY, day(1)], END_REFLECTION)).toBe('assessment');
    expect(phase([IDENTIFY, day(1)], NEEDS, END_REFLECTION)).toBe('pathway');
  });

  it('her chosen pathway: integration, or return', () => {
    expect(phase([IDENTIFY, day(1)], END_REFLECTION, choose('integration'))).toBe('integration');
    expect(phase([IDENTIFY, day(1)], END_REFLECTION, choose('return'))).toBe('return');
    expect(phase(NEGATIVE, choose('return'))).toBe('return');
  });

  it('R29: her choice open again is the pathway phase, without a needs assessment too', () => {
    expect(
      phase([IDENTIFY, day(1)], END_REFLECTION, choose('return'), RETURN_CONSENT, WITHDRAWN),
    ).toBe('pathway');
    expect(phase(NEGATIVE, choose('return'), RETURN_CONSENT, WITHDRAWN)).toBe('pathway');
    expect(phase(choose('return'), RETURN_CONSENT, WITHDRAWN)).toBe('pathway');
  });

  it('follow-up once she has departed, closed once closed', () => {
    const departed: CaseEvent[] = history([opened()], ...departureSteps('return'), END_REFLECTION, [
      { type: 'ExecuteReturn' },
      day(32),
    ]);
    expect(stateOf(departed).phase).toBe('follow-up');
    expect(phase({ type: 'CloseCase', reason: 'contact-lost' })).toBe('closed');
  });
});
