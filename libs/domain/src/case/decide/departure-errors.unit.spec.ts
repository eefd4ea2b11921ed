/**
 * What a refused departure command says (mutation survivors of decide/departure.ts,
 * docs/mutation.md): the rule id, the kind (invalid command or conflict with the case), the
 * field named, and a message that explains the refusal (the API answers 422/409 with them).
 */
import type { CaseCommand, CaseEvent } from '@ariadne/domain';
import { given, history } from '../../../../../test/support/decider-spec';
import {
  COMM,
  day,
  departureSteps,
  END_REFLECTION,
  opened,
} from '../../../../../test/support/fixtures';

const chosenReturn = (): CaseEvent[] =>
  history(
    [opened()],
    [{ type: 'RecordPathwayChoice', pathway: 'return', communication: COMM }, day(2)],
  );
const departed = (): CaseEvent[] =>
  history([opened()], ...departureSteps('return'), END_REFLECTION, [
    { type: 'ExecuteReturn' },
    day(32),
  ]);

function refused(past: CaseEvent[], command: CaseCommand, rule: string) {
  const e = given(...past)
    .when(command, day(40))
    .thenRejectedBy(rule);
  return { kind: e.kind, message: e.message };
}

describe('refused departure commands say why', () => {
  it('an unknown pathway names the field and the allowed values (R14, invalid)', () => {
    expect(
      refused(
        chosenReturn(),
        { type: 'RecordReintegrationPlan', pathway: 'nowhere' } as unknown as CaseCommand,
        'R14',
      ),
    ).toEqual({ kind: 'invalid', message: 'pathway must be one of: return, third-country.' });
  });

  it('a pathway she did not choose (R12, conflict)', () => {
    expect(
      refused(chosenReturn(), { type: 'RecordTravelArranged', pathway: 'third-country' }, 'R12'),
    ).toEqual({ kind: 'conflict', message: 'Her recorded pathway is return, not third-country.' });
  });

  it('funding without a plan, and funding twice (R14, conflict)', () => {
    const fund: CaseCommand = { type: 'RecordReintegrationFundingApproved', pathway: 'return' };
    expect(refused(chosenReturn(), fund, 'R14')).toEqual({
      kind: 'conflict',
      message: 'There is no reintegration plan to fund.',
    });
    const funded = history(
      chosenReturn(),
      [{ type: 'RecordReintegrationPlan', pathway: 'return' }, day(3)],
      [fund, day(4)],
    );
    expect(refused(funded, fund, 'R14')).toEqual({
      kind: 'conflict',
      message: 'The plan is already funded.',
    });
  });

  it('after-return facts before her return (R17, conflict)', () => {
    const notYet = { kind: 'conflict', message: 'She has not departed; there is no return yet.' };
    expect(refused(chosenReturn(), { type: 'RecordFollowUp', contact: 'reached' }, 'R17')).toEqual(
      notYet,
    );
    expect(refused(chosenReturn(), { type: 'RecordReturnFinancialAssistance' }, 'R17')).toEqual(
      notYet,
    );
    expect(
      refused(chosenReturn(), { type: 'RecordReTraffickingRisk', risk: 'flagged' }, 'R17'),
    ).toEqual(notYet);
  });

  it('a follow-up contact or a risk outside the lists names its field (R17, invalid)', () => {
    expect(
      refused(
        departed(),
        { type: 'RecordFollowUp', contact: 'maybe' } as unknown as CaseCommand,
        'R17',
      ),
    ).toEqual({ kind: 'invalid', message: 'contact must be one of: reached, not-reached.' });
    expect(
      refused(
        departed(),
        { type: 'RecordReTraffickingRisk', risk: 'unknown' } as unknown as CaseCommand,
        'R17',
      ),
    ).toEqual({ kind: 'invalid', message: 'risk must be one of: flagged, cleared.' });
  });

  it('a re-trafficking risk recorded as it already is (R17, conflict)', () => {
    expect(
      refused(departed(), { type: 'RecordReTraffickingRisk', risk: 'cleared' }, 'R17'),
    ).toEqual({ kind: 'conflict', message: 'The re-trafficking risk is already cleared.' });
    const flagged = history(departed(), [
      { type: 'RecordReTraffickingRisk', risk: 'flagged' },
      day(35),
    ]);
    expect(refused(flagged, { type: 'RecordReTraffickingRisk', risk: 'flagged' }, 'R17')).toEqual({
      kind: 'conflict',
      message: 'The re-trafficking risk is already flagged.',
    });
  });
});
