import { deadlines, supportPlan } from '@ariadne/domain';
import { given, history, stateOf, SYSTEM } from '../../../../../test/support/decider-spec';
import {
  CASEWORKER,
  COMM,
  day,
  departureSteps,
  END_REFLECTION,
  IDENTIFY,
  opened,
} from '../../../../../test/support/fixtures';

const healthCare = { type: 'RequestService', kind: 'health-care', basis: 'plan' } as const;

describe('R4 health access is absolute', () => {
  const phases = {
    'intake, before any decision': () => [opened()],
    'intake, after a negative identification': () =>
      history([opened()], {
        type: 'RecordIdentification',
        outcome: 'no-reasonable-grounds',
        decidedBy: 'police',
      }),
    reflection: () => history([opened()], [IDENTIFY, day(1)]),
    'assessment, with no needs assessed': () =>
      history([opened()], [IDENTIFY, day(1)], END_REFLECTION),
    'return, under a refused permit': () =>
      history(
        [opened()],
        [{ type: 'ApplyForResidencePermit', ground: 'cooperation' }, day(1)],
        [{ type: 'RecordResidencePermitDecision', outcome: 'refused' }, day(2)],
        ...departureSteps('return'),
      ),
    'follow-up after return': () =>
      history([opened()], ...departureSteps('return'), END_REFLECTION, [
        { type: 'ExecuteReturn' },
        day(32),
      ]),
    'a stalled case': () => history([opened()], [{ type: 'FlagCaseStalled' }, day(31), SYSTEM]),
  };

  it.each(Object.entries(phases))('accepts a health-care request in %s', (_phase, past) => {
    const events = given(...past())
      .when(healthCare, day(40), CASEWORKER)
      .events();
    expect(events[0]).toMatchObject({
      type: 'ServiceRequested',
      data: { kind: 'health-care', requestedAt: day(40) },
    });
  });

  it('a health-care request she makes herself meets the health-check deadline (R19)', () => {
    const s = stateOf(history([opened()], [healthCare, day(1)]));
    expect(deadlines(s, day(1)).find((d) => d.kind === 'health-check-offered')).toMatchObject({
      status: 'met',
      metAt: day(1),
    });
  });
});

describe('R5 informed consent per service', () => {
  const requested = () =>
    history(
      [opened()],
      [{ type: 'RequestService', kind: 'shelter', basis: 'immediate' }, day(0)],
      [{ type: 'RequestService', kind: 'psychosocial', basis: 'immediate' }, day(0)],
      [
        {
          type: 'GiveConsent',
          scope: { kind: 'service', service: 'shelter' },
          communication: COMM,
        },
        day(0),
      ],
      [
        {
          type: 'GiveConsent',
          scope: { kind: 'service', service: 'psychosocial' },
          communication: COMM,
        },
        day(0),
      ],
    );

  it('she declines one service: it alone changes, the others stay as they were', () => {
    const events = history(requested(), [
      { type: 'RecordServiceDeclined', serviceId: 'service-2', communication: COMM },
      day(1),
    ]);
    const s = stateOf(events);
    expect(s.services.map((x) => [x.kind, x.status])).toEqual([
      ['shelter', 'requested'],
      ['psychosocial', 'declined'],
    ]);
    given(...events)
      .when({ type: 'RecordServiceProvided', serviceId: 'service-1' }, day(2))
      .thenTypes(['ServiceProvided']);
  });

  it('her decline is recorded as hers: language kept personal, interpreter noted', () => {
    given(...requested())
      .when(
        { type: 'RecordServiceDeclined', serviceId: 'service-1', communication: COMM },
        day(1),
        CASEWORKER,
      )
      .then([
        {
          type: 'ServiceDeclined',
          data: {
            serviceId: 'service-1',
            kind: 'shelter',
            declinedAt: day(1),
            interpreterUsed: true,
            personal: { identity: { language: 'ro' } },
          },
        },
      ]);
    given(...requested())
      .when(
        { type: 'RecordServiceDeclined', serviceId: 'service-1', communication: COMM },
        day(1),
        SYSTEM,
      )
      .thenRejectedBy('R5', 'forbidden');
  });

  it('no service is provided without her current consent to it', () => {
    const events = history(requested(), [
      { type: 'WithdrawConsent', consentId: 'consent-1', communication: COMM },
      day(1),
    ]);
    given(...events)
      .when({ type: 'RecordServiceProvided', serviceId: 'service-1' }, day(2))
      .thenRejectedBy('R5');
    given(...events)
      .when({ type: 'RecordServiceProvided', serviceId: 'service-2' }, day(2))
      .thenTypes(['ServiceProvided']);
  });

  it('a decision of hers needs the language and the interpreter noted', () => {
    given(...requested())
      .when({
        type: 'RecordServiceDeclined',
        serviceId: 'service-1',
        communication: { language: '', interpreterUsed: false },
      })
      .thenRejectedBy('R5', 'invalid');
  });

  it('a shelter placement keeps the address as contact-location personal data', () => {
    const [provided] = given(...requested())
      .when(
        {
          type: 'RecordServiceProvided',
          serviceId: 'service-1',
          personal: { 'contact-location': { address: 'confidential' } },
        },
        day(1),
      )
      .events();
    expect(provided).toEqual({
      type: 'ServiceProvided',
      data: {
        serviceId: 'service-1',
        kind: 'shelter',
        providedAt: day(1),
        personal: { 'contact-location': { address: 'confidential' } },
      },
    });
  });
});

describe('R6 tailored plan', () => {
  const assessed = () =>
    history(
      [opened()],
      [
        { type: 'RecordNeedsAssessment', needs: ['shelter', 'psychosocial', 'childrens-needs'] },
        day(2),
      ],
    );

  it('a planned service follows an assessed need', () => {
    given(...assessed())
      .when({ type: 'RequestService', kind: 'childrens-needs', basis: 'plan' }, day(3))
      .thenTypes(['ServiceRequested']);
    given(...assessed())
      .when({ type: 'RequestService', kind: 'education', basis: 'plan' }, day(3))
      .thenRejectedBy('R6');
  });

  it('no fixed template: a reassessment changes what the plan may hold', () => {
    const reassessed = history(assessed(), [
      { type: 'RecordNeedsAssessment', needs: ['education'] },
      day(20),
    ]);
    given(...reassessed)
      .when({ type: 'RequestService', kind: 'education', basis: 'plan' }, day(21))
      .thenTypes(['ServiceRequested']);
    given(...reassessed)
      .when({ type: 'RequestService', kind: 'shelter', basis: 'plan' }, day(21))
      .thenRejectedBy('R6');
  });

  it('the plan shows each assessed need and the services answering it', () => {
    const events = history(
      assessed(),
      [{ type: 'RequestService', kind: 'shelter', basis: 'plan' }, day(3)],
      [{ type: 'RequestService', kind: 'health-care', basis: 'immediate' }, day(3)],
    );
    expect(supportPlan(stateOf(events))).toEqual({
      assessedAt: day(2),
      entries: [
        { need: 'shelter', status: 'requested', serviceIds: ['service-1'] },
        { need: 'psychosocial', status: 'unaddressed', serviceIds: [] },
        { need: 'childrens-needs', status: 'unaddressed', serviceIds: [] },
      ],
      outsideAssessedNeeds: ['service-2'],
    });
  });

  it('a service moves requested → provided or unavailable; never provided twice', () => {
    const events = history(
      [opened()],
      [{ type: 'RequestService', kind: 'interpretation', basis: 'immediate' }, day(0)],
      [{ type: 'RecordServiceUnavailable', serviceId: 'service-1', reason: 'no-capacity' }, day(1)],
      [
        {
          type: 'GiveConsent',
          scope: { kind: 'service', service: 'interpretation' },
          communication: COMM,
        },
        day(1),
      ],
      [{ type: 'RecordServiceProvided', serviceId: 'service-1' }, day(2)],
    );
    given(...events)
      .when({ type: 'RecordServiceProvided', serviceId: 'service-1' }, day(3))
      .thenRejectedBy('R6');
    given(...events)
      .when({ type: 'RecordServiceProvided', serviceId: 'service-9' }, day(3))
      .thenRejectedBy('R6', 'invalid');
  });
});
