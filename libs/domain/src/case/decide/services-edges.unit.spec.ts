import type { CaseCommand } from '@ariadne/domain';
import { given, history } from '../../../../../test/support/decider-spec';
import { COMM, day, opened } from '../../../../../test/support/fixtures';

/**
 * R2, R4, R5, R6 at their edges (decide/services.ts): the life of one service (requested →
 * provided, unavailable or declined), her consent per service, and what each refusal says.
 */
const request = (kind: string, basis: 'immediate' | 'plan') =>
  ({ type: 'RequestService', kind, basis }) as CaseCommand;
const consentTo = (service: string) =>
  ({
    type: 'GiveConsent',
    scope: { kind: 'service', service },
    communication: COMM,
  }) as CaseCommand;
const provide = { type: 'RecordServiceProvided', serviceId: 'service-1' } as const;
const decline = {
  type: 'RecordServiceDeclined',
  serviceId: 'service-1',
  communication: COMM,
} as const;
const unavailable = {
  type: 'RecordServiceUnavailable',
  serviceId: 'service-1',
  reason: 'waiting-list',
} as const;

const requested = () => history([opened()], [request('shelter', 'immediate'), day(1)]);

describe('R2, R6 what a request needs', () => {
  it('an immediate need needs no plan; a planned one names the missing assessed need', () => {
    given(opened()).when(request('shelter', 'immediate'), day(1)).thenTypes(['ServiceRequested']);
    const e = given(opened()).when(request('shelter', 'plan'), day(1)).thenRejectedBy('R6');
    expect(e.message).toBe(
      'A planned shelter service follows an assessed need; the needs assessment does not include it.',
    );
    const assessed = history(
      [opened()],
      [{ type: 'RecordNeedsAssessment', needs: ['shelter'] }, day(1)],
    );
    given(...assessed)
      .when(request('shelter', 'plan'), day(2))
      .thenTypes(['ServiceRequested']);
    given(...assessed)
      .when(request('education', 'plan'), day(2))
      .thenRejectedBy('R6');
  });

  it('numbers services in the order they are requested, personal details only when given', () => {
    const [second] = given(...requested())
      .when(request('interpretation', 'immediate'), day(2))
      .events();
    expect(second).toStrictEqual({
      type: 'ServiceRequested',
      data: {
        serviceId: 'service-2',
        kind: 'interpretation',
        basis: 'immediate',
        requestedAt: day(2),
      },
    });
  });

  it('refuses an unknown kind or basis, naming the field', () => {
    expect(
      given(opened()).when(request('massage', 'immediate'), day(1)).thenRejectedBy('R6', 'invalid')
        .message,
    ).toMatch(/^kind must be one of: /);
    expect(
      given(opened())
        .when({ type: 'RequestService', kind: 'shelter', basis: 'later' } as never, day(1))
        .thenRejectedBy('R6', 'invalid').message,
    ).toBe('basis must be one of: immediate, plan.');
  });
});

describe('R5, R6 providing a service', () => {
  it('needs her current consent to that kind of service, and says which', () => {
    const e = given(...requested())
      .when(provide, day(2))
      .thenRejectedBy('R5', 'conflict');
    expect(e.message).toBe('No current consent of hers to the shelter service.');
    // Consent to another kind of service is no consent to this one.
    const other = history(requested(), [consentTo('interpretation'), day(1)]);
    given(...other)
      .when(provide, day(2))
      .thenRejectedBy('R5');
    const consented = history(requested(), [consentTo('shelter'), day(1)]);
    expect(
      given(...consented)
        .when(provide, day(2))
        .events(),
    ).toStrictEqual([
      {
        type: 'ServiceProvided',
        data: { serviceId: 'service-1', kind: 'shelter', providedAt: day(2) },
      },
    ]);
  });

  it('a service found unavailable may be provided later; a declined one may not', () => {
    const waiting = history(requested(), [unavailable, day(2)], [consentTo('shelter'), day(3)]);
    given(...waiting)
      .when(provide, day(4))
      .thenTypes(['ServiceProvided']);
    const declined = history(requested(), [consentTo('shelter'), day(1)], [decline, day(2)]);
    const e = given(...declined)
      .when(provide, day(3))
      .thenRejectedBy('R6', 'conflict');
    expect(e.message).toBe('The service is declined; only a requested one is provided.');
  });

  it('names no service it does not have', () => {
    const e = given(...requested())
      .when({ type: 'RecordServiceProvided', serviceId: 'service-2' }, day(2))
      .thenRejectedBy('R6', 'invalid');
    expect(e.message).toBe('serviceId names no service of this case.');
  });
});

describe('R5, R6 declining and unavailability', () => {
  it('she declines once; a provided service may still be declined from then on', () => {
    const declined = history(requested(), [decline, day(2)]);
    const e = given(...declined)
      .when(decline, day(3))
      .thenRejectedBy('R5', 'conflict');
    expect(e.message).toBe('She has already declined this service.');
    const provided = history(requested(), [consentTo('shelter'), day(1)], [provide, day(2)]);
    given(...provided)
      .when(decline, day(3))
      .thenTypes(['ServiceDeclined']);
  });

  it('only a requested service is found unavailable, saying what it is', () => {
    const waiting = history(requested(), [unavailable, day(2)]);
    const e = given(...waiting)
      .when(unavailable, day(3))
      .thenRejectedBy('R6', 'conflict');
    expect(e.message).toBe('The service is unavailable, not awaiting provision.');
    given(...requested())
      .when(unavailable, day(2))
      .then([
        {
          type: 'ServiceUnavailable',
          data: {
            serviceId: 'service-1',
            kind: 'shelter',
            reason: 'waiting-list',
            recordedAt: day(2),
          },
        },
      ]);
    given(...requested())
      .when({ ...unavailable, reason: 'too-expensive' } as never, day(2))
      .thenRejectedBy('R6', 'invalid');
  });
});
