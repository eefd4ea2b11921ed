import { deadlines } from '@ariadne/domain';
import { given, history, stateOf } from '../../../../../test/support/decider-spec';
import {
  COMM,
  day,
  departureSteps,
  END_REFLECTION,
  opened,
} from '../../../../../test/support/fixtures';

describe('R9 risk assessment', () => {
  it('is recorded at intake with its protection measures, meeting the intake deadline', () => {
    const events = history(
      [opened()],
      [
        {
          type: 'RecordRiskAssessment',
          scope: 'general',
          level: 'high',
          protectionMeasures: ['confidential-address', 'safety-plan'],
          personal: { 'contact-location': { notes: 'who must not know where she is' } },
        },
        day(1),
      ],
    );
    expect(events.at(-1)).toEqual({
      type: 'RiskAssessed',
      data: {
        assessedAt: day(1),
        scope: 'general',
        level: 'high',
        protectionMeasures: ['confidential-address', 'safety-plan'],
        personal: { 'contact-location': { notes: 'who must not know where she is' } },
      },
    });
    const risk = deadlines(stateOf(events), day(1)).find((d) => d.kind === 'risk-assessment');
    expect(risk).toMatchObject({ status: 'met', dueAt: day(2) });
  });

  it('a high risk needs protection measures', () => {
    given(opened())
      .when({
        type: 'RecordRiskAssessment',
        scope: 'general',
        level: 'high',
        protectionMeasures: [],
      })
      .thenRejectedBy('R9', 'invalid');
  });

  it('a departure assessment names the pathway and whether the risk is acceptable', () => {
    given(opened())
      .when({
        type: 'RecordRiskAssessment',
        scope: 'departure',
        level: 'low',
        protectionMeasures: [],
      })
      .thenRejectedBy('R9', 'invalid');
  });

  it('before any move: no departure without a departure risk assessment (with R14)', () => {
    const events = history(
      [opened()],
      ...departureSteps('return').filter((_, i) => i !== 12),
      END_REFLECTION,
    );
    const error = given(...events)
      .when({ type: 'ExecuteReturn' }, day(32))
      .thenRejectedBy('R14');
    expect(error.message).toContain('risk-assessment');
  });
});

describe('R10 rights information', () => {
  it('is recorded with the topics, the interpreter noted and her language kept personal', () => {
    given(opened())
      .when(
        {
          type: 'RecordRightsInformation',
          topics: ['victim-rights', 'reflection-period', 'compensation', 'legal-counselling'],
          communication: COMM,
        },
        day(1),
      )
      .then([
        {
          type: 'RightsInformationGiven',
          data: {
            givenAt: day(1),
            topics: ['victim-rights', 'reflection-period', 'compensation', 'legal-counselling'],
            interpreterUsed: true,
            personal: { identity: { language: 'ro' } },
          },
        },
      ]);
  });

  it('needs a language she understands and at least one topic', () => {
    given(opened())
      .when({
        type: 'RecordRightsInformation',
        topics: ['victim-rights'],
        communication: { language: 'not a language', interpreterUsed: false },
      })
      .thenRejectedBy('R10', 'invalid');
    given(opened())
      .when({ type: 'RecordRightsInformation', topics: [], communication: COMM })
      .thenRejectedBy('R10', 'invalid');
  });

  it('is due early, by the policy deadline, and met once given', () => {
    const before = deadlines(stateOf([opened()]), day(1)).find(
      (d) => d.kind === 'rights-information',
    );
    expect(before).toMatchObject({ dueAt: day(3), status: 'pending' });
    const after = history(
      [opened()],
      [{ type: 'RecordRightsInformation', topics: ['victim-rights'], communication: COMM }, day(4)],
    );
    const late = deadlines(stateOf(after), day(4)).find((d) => d.kind === 'rights-information');
    expect(late).toMatchObject({ status: 'met', metAt: day(4) });
  });

  it('legal counselling and compensation are tracked: a service and a legal step', () => {
    const events = history(
      [opened()],
      { type: 'RequestService', kind: 'legal-counselling', basis: 'immediate' },
      { type: 'RecordLegalStep', step: 'compensation-claimed' },
    );
    expect(events.slice(1).map((e) => e.type)).toEqual(['ServiceRequested', 'LegalStepRecorded']);
  });
});
