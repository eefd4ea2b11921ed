/**
 * What each obligation says about itself (mutation survivors of deadlines.ts, docs/mutation.md):
 * its rule id and kind, whether it escalates, and the order of obligations due at the same
 * instant (their names, code-unit order, whatever order they were listed in).
 */
import { compareText, type CountryPolicy, DEFAULT_POLICIES, deadlines } from '@ariadne/domain';
import { history, stateOf } from '../../../../test/support/decider-spec';
import {
  COMM,
  day,
  departureSteps,
  END_REFLECTION,
  IDENTIFY,
  opened,
} from '../../../../test/support/fixtures';

const SE = DEFAULT_POLICIES.SE;
const row = (d: { deadline: string; kind: string; rule: string; escalateAt?: string }) => [
  d.deadline,
  d.kind,
  d.rule,
  d.escalateAt !== undefined,
];

describe('deadlines: rule, kind and escalation of every obligation', () => {
  it('after a positive decision: R1 met, R6, R7 (never escalated), R28, and the first four', () => {
    const s = stateOf(history([opened()], [IDENTIFY, day(1)]));
    expect(deadlines(s, day(1)).map(row)).toEqual([
      ['health-check-offered', 'health-check-offered', 'R4', true],
      ['risk-assessment', 'risk-assessment', 'R9', true],
      ['rights-information', 'rights-information', 'R10', true],
      ['identification-decision', 'identification-decision', 'R1', true],
      ['needs-assessment', 'needs-assessment', 'R6', true],
      ['reflection-end', 'reflection-end', 'R7', false],
      ['conclusive-identification', 'conclusive-identification', 'R28', true],
    ]);
  });

  it('a consent with an expiry: P4, reminded from when it was given, never escalated', () => {
    const s = stateOf(
      history(
        [opened()],
        [
          {
            type: 'GiveConsent',
            scope: { kind: 'service', service: 'shelter' },
            communication: COMM,
            expiresAt: day(40),
          },
          day(2),
        ],
      ),
    );
    const consent = deadlines(s, day(2)).find((d) => d.kind === 'consent-expiry');
    expect(consent).toMatchObject({
      deadline: 'consent-expiry-1',
      rule: 'P4',
      from: day(2),
      dueAt: day(40),
    });
    expect(consent?.escalateAt).toBeUndefined();
  });

  it('a granted permit: R11, from its decision, escalated', () => {
    const s = stateOf(
      history(
        [opened(DEFAULT_POLICIES.FI)],
        [{ type: 'ApplyForResidencePermit', ground: 'personal-situation' }, day(10)],
        [
          {
            type: 'RecordResidencePermitDecision',
            outcome: 'granted',
            expiresAt: '2027-01-05T08:00:00.000Z',
          },
          day(15),
        ],
      ),
    );
    const permit = deadlines(s, day(15)).find((d) => d.kind === 'permit-expiry');
    expect(permit).toMatchObject({ deadline: 'permit-expiry', rule: 'R11', from: day(15) });
    expect(permit?.escalateAt).toEqual(expect.any(String));
  });

  it('after her return: the follow-ups, each R17 of kind follow-up, escalated', () => {
    const departed = history([opened()], ...departureSteps('return'), END_REFLECTION, [
      { type: 'ExecuteReturn' },
      day(32),
    ]);
    expect(deadlines(stateOf(departed), day(32)).map(row)).toEqual([
      ['follow-up-1', 'follow-up', 'R17', true],
      ['follow-up-2', 'follow-up', 'R17', true],
      ['follow-up-3', 'follow-up', 'R17', true],
      ['follow-up-4', 'follow-up', 'R17', true],
    ]);
  });
});

describe('deadlines due at the same instant', () => {
  it('are ordered by name, not by the order the rules list them', () => {
    // Listed identification, rights, health check, risk: all due on day 5.
    const same: CountryPolicy = {
      ...SE,
      deadlines: {
        ...SE.deadlines,
        identificationDecision: 'P5D',
        rightsInformation: 'P5D',
        healthCheckOffered: 'P5D',
        riskAssessment: 'P5D',
      },
    };
    expect(deadlines(stateOf([opened(same)])).map((d) => [d.deadline, d.dueAt])).toEqual([
      ['health-check-offered', day(5)],
      ['identification-decision', day(5)],
      ['rights-information', day(5)],
      ['risk-assessment', day(5)],
    ]);
  });

  it('compareText: code-unit order, 0 only for the same text', () => {
    expect(compareText('a', 'b')).toBe(-1);
    expect(compareText('b', 'a')).toBe(1);
    expect(compareText('a', 'a')).toBe(0);
    expect(compareText('Z', 'a')).toBe(-1);
    expect(compareText('follow-up-10', 'follow-up-9')).toBe(-1);
  });
});
