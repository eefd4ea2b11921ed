import type { CaseCommand } from '@ariadne/domain';
import { given, history } from '../../../../../test/support/decider-spec';
import {
  COMM,
  day,
  departureSteps,
  END_REFLECTION,
  opened,
} from '../../../../../test/support/fixtures';

/**
 * R5, R14, R15, R17, R18, P4 at their edges (decide/consent.ts): what each kind of consent needs,
 * what withdrawing one changes, and what each refusal says.
 */
const give = (scope: unknown, expiresAt?: string) =>
  ({
    type: 'GiveConsent',
    scope,
    communication: COMM,
    ...(expiresAt && { expiresAt }),
  }) as CaseCommand;
const withdraw = (consentId: string) =>
  ({ type: 'WithdrawConsent', consentId, communication: COMM }) as const;
const choose = (pathway: string) =>
  ({ type: 'RecordPathwayChoice', pathway, communication: COMM }) as CaseCommand;
const RETURN = { kind: 'return' };

describe('R14, R17 consent to return is consent to the departure she chose', () => {
  it.each([
    ['no pathway chosen', () => [opened()]],
    ['her choice to stay', () => history([opened()], [choose('integration'), day(1)])],
    [
      'undecided again after a return',
      () => history([opened()], [choose('return'), day(1)], [choose('undecided'), day(1)]),
    ],
  ])('refused with %s', (_, past) => {
    const e = given(...past())
      .when(give(RETURN), day(2))
      .thenRejectedBy('R14', 'conflict');
    expect(e.message).toBe(
      'Consent to return is given for her chosen return or third-country pathway; none is chosen.',
    );
  });

  it('accepted for a return or a third country', () => {
    for (const pathway of ['return', 'third-country']) {
      const past = history([opened()], [choose(pathway), day(1)]);
      given(...past)
        .when(give(RETURN), day(2))
        .thenTypes(['ConsentGiven']);
    }
  });

  it('refused once she has departed', () => {
    const departed = history([opened()], ...departureSteps('return'), END_REFLECTION, [
      { type: 'ExecuteReturn' },
      day(32),
    ]);
    const e = given(...departed)
      .when(give(RETURN), day(40))
      .thenRejectedBy('R17', 'conflict');
    expect(e.message).toBe('She has already departed.');
  });
});

describe('R5, R18 the scope of a consent', () => {
  it('an unknown kind is refused, naming the kinds there are', () => {
    const e = given(opened())
      .when(give({ kind: 'everything' }), day(1))
      .thenRejectedBy('R5', 'invalid');
    expect(e.message).toBe('scope.kind must be service, return or data-sharing.');
  });

  it('a service consent names a known service', () => {
    const e = given(opened())
      .when(give({ kind: 'service', service: 'massage' }), day(1))
      .thenRejectedBy('R5', 'invalid');
    expect(e.message).toMatch(/^scope\.service must be one of: shelter, /);
  });

  it.each([
    ['recipientOrganisationId', { recipientOrganisationId: 'Anna Berg' }, 'must be an opaque id'],
    ['purpose', { purpose: 'marketing' }, 'must be one of'],
    ['categories', { categories: ['identity', 'bank'] }, 'must be a list of'],
  ])('a data-sharing consent with a wrong %s is refused, naming it', (field, wrong, says) => {
    const scope = {
      kind: 'data-sharing',
      recipientOrganisationId: 'fi-ngo-3',
      purpose: 'services',
      categories: ['identity'],
      ...wrong,
    };
    const e = given(opened()).when(give(scope), day(1)).thenRejectedBy('R18', 'invalid');
    expect(e.message).toMatch(new RegExp(`^scope\\.${field} ${says}`));
  });
});

describe('P4 an expiry', () => {
  it('is kept in UTC, and only when she set one', () => {
    const shelter = { kind: 'service', service: 'shelter' };
    const [withExpiry] = given(opened())
      .when(give(shelter, '2026-06-01T10:00:00+02:00'), day(1))
      .events();
    expect(withExpiry?.data).toMatchObject({ expiresAt: '2026-06-01T08:00:00.000Z' });
    const [without] = given(opened()).when(give(shelter), day(1)).events();
    expect(without?.data).not.toHaveProperty('expiresAt');
    const e = given(opened())
      .when(give(shelter, day(0)), day(1))
      .thenRejectedBy('P4', 'invalid');
    expect(e.message).toBe('expiresAt must be an ISO timestamp in the future.');
  });
});

describe('R5, R15 withdrawing a consent', () => {
  const shelterConsent = () =>
    history([opened()], [give({ kind: 'service', service: 'shelter' }), day(1)]);

  it('names no consent it does not have, and withdraws once', () => {
    const unknown = given(...shelterConsent())
      .when(withdraw('consent-2'), day(2))
      .thenRejectedBy('R5', 'invalid');
    expect(unknown.message).toBe('consentId names no consent of hers.');
    const withdrawn = history(shelterConsent(), [withdraw('consent-1'), day(2)]);
    const twice = given(...withdrawn)
      .when(withdraw('consent-1'), day(3))
      .thenRejectedBy('R5', 'conflict');
    expect(twice.message).toBe('This consent is already withdrawn.');
  });

  it('a service consent withdrawn changes nothing else', () => {
    given(...shelterConsent())
      .when(withdraw('consent-1'), day(2))
      .thenTypes(['ConsentWithdrawn']);
  });

  it('R15: her return consent withdrawn before departure suspends the return it was for', () => {
    const past = history([opened()], [choose('third-country'), day(1)], [give(RETURN), day(2)]);
    const events = given(...past)
      .when(withdraw('consent-1'), day(3))
      .events();
    expect(events.map((e) => e.type)).toEqual(['ConsentWithdrawn', 'ReturnSuspended']);
    expect(events[1]).toEqual({
      type: 'ReturnSuspended',
      data: { pathway: 'third-country', suspendedAt: day(3) },
    });
  });

  it('R15: nothing to suspend once she has chosen to stay, or after departure', () => {
    const changed = history(
      [opened()],
      [choose('return'), day(1)],
      [give(RETURN), day(2)],
      [choose('integration'), day(3)],
    );
    given(...changed)
      .when(withdraw('consent-1'), day(4))
      .thenTypes(['ConsentWithdrawn']);
    const departed = history([opened()], ...departureSteps('return'), END_REFLECTION, [
      { type: 'ExecuteReturn' },
      day(32),
    ]);
    given(...departed)
      .when(withdraw('consent-1'), day(40))
      .thenTypes(['ConsentWithdrawn']);
  });
});

describe('R15 only withdrawing her consent to return suspends a departure', () => {
  it('withdrawing a service consent on a return path changes nothing else', () => {
    const past = history(
      [opened()],
      [choose('return'), day(1)],
      [give({ kind: 'service', service: 'health-care' }), day(2)],
    );
    given(...past)
      .when(withdraw('consent-1'), day(3))
      .thenTypes(['ConsentWithdrawn']);
  });
});
