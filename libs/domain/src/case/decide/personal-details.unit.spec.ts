import { type CaseCommand, type CaseEvent, DEFAULT_POLICIES } from '@ariadne/domain';
import { history } from '../../../../../test/support/decider-spec';
import { COMM, day, opened } from '../../../../../test/support/fixtures';

/**
 * P2, P3: what she tells beside a step (the legal detail, her health, her address, her papers)
 * travels only under `personal`, which the event store seals with her case's key, and only when
 * given. The departure steps are tested likewise in departure-personal.unit.spec.ts.
 */
describe('P3 the steps of her support keep her details under personal', () => {
  const healthCare = { type: 'RequestService', kind: 'health-care', basis: 'plan' } as const;
  const fi = () => [opened(DEFAULT_POLICIES.FI)];
  const applied = () =>
    history(fi(), [{ type: 'ApplyForResidencePermit', ground: 'personal-situation' }, day(1)]);
  const requested = () =>
    history(
      [opened()],
      [healthCare, day(1)],
      [
        {
          type: 'GiveConsent',
          scope: { kind: 'service', service: 'health-care' },
          communication: COMM,
        },
        day(1),
      ],
    );

  const cases: ReadonlyArray<readonly [string, () => CaseEvent[], CaseCommand, object]> = [
    [
      'RecordLegalStep',
      () => [opened()],
      { type: 'RecordLegalStep', step: 'police-report-filed' },
      { legal: { notes: 'statement given in Romanian' } },
    ],
    [
      'RecordNeedsAssessment',
      () => [opened()],
      { type: 'RecordNeedsAssessment', needs: ['shelter', 'health-care'] },
      { health: { notes: 'asthma' } },
    ],
    [
      'RecordRiskAssessment',
      () => [opened()],
      { type: 'RecordRiskAssessment', scope: 'general', level: 'low', protectionMeasures: [] },
      { 'contact-location': { notes: 'the trafficker knows her sister’s address' } },
    ],
    ['RequestService', () => [opened()], healthCare, { health: { notes: 'dentist' } }],
    [
      'RecordServiceProvided',
      requested,
      { type: 'RecordServiceProvided', serviceId: 'service-1' },
      { health: { notes: 'seen at the clinic' } },
    ],
    [
      'ApplyForResidencePermit',
      fi,
      { type: 'ApplyForResidencePermit', ground: 'personal-situation' },
      { immigration: { notes: 'application number kept by her lawyer' } },
    ],
    [
      'RecordResidencePermitDecision',
      applied,
      { type: 'RecordResidencePermitDecision', outcome: 'refused' },
      { immigration: { notes: 'appeal considered' } },
    ],
    [
      'RecordAsylumClaim',
      fi,
      { type: 'RecordAsylumClaim', status: 'lodged' },
      { immigration: { notes: 'lodged in Helsinki' } },
    ],
  ];

  it.each(cases)(
    '%s: with details, under personal; without, no personal at all',
    (_, past, command, personal) => {
      const withDetails = history(past(), [{ ...command, personal } as CaseCommand, day(2)]);
      expect(withDetails.at(-1)?.data).toMatchObject({ personal });
      const without = history(past(), [command as CaseCommand, day(2)]);
      expect(without.at(-1)?.data).not.toHaveProperty('personal');
    },
  );
});
