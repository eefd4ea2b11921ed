import type { CaseCommand } from '@ariadne/domain';
import { given, history } from '../../../../../test/support/decider-spec';
import { day, IDENTIFY, opened, SE } from '../../../../../test/support/fixtures';

/**
 * R1, R2, R18, R19, R22, R27, R28 at their edges (decide/intake.ts): opening a case (also as
 * the receiver's linked case), immediate needs, and both identification decisions.
 */
const OPEN = {
  type: 'OpenCase',
  referralSource: 'police',
  policy: SE,
  organisationId: 'se-ngo-1',
  assigneeId: 'cw-1',
} as const;
const LINKED = {
  sourceCaseId: 'a1b2c3d4-0000-4000-8000-000000000001',
  sourceOrganisationId: 'fi-ngo-3',
  referralId: 'referral-1',
  purpose: 'services',
  categories: ['identity'],
  personal: { identity: { givenName: 'A.' } },
} as const;
const openLinked = (linked: Record<string, unknown>) =>
  given().when({ ...OPEN, linkedReferral: linked } as unknown as CaseCommand, day(0));

describe('R22, R19 opening a case', () => {
  it('once only', () => {
    const e = given(opened()).when(OPEN, day(1)).thenRejectedBy('R22', 'conflict');
    expect(e.message).toBe('The case is already open.');
  });

  it('names the organisation and the referral source it needs', () => {
    expect(
      given()
        .when({ ...OPEN, organisationId: 'Röda Korset' }, day(0))
        .thenRejectedBy('R22', 'invalid').message,
    ).toBe('organisationId must be an opaque id.');
    expect(
      given()
        .when({ ...OPEN, referralSource: 'rumour' } as never, day(0))
        .thenRejectedBy('R2', 'invalid').message,
    ).toMatch(/^referralSource must be one of: /);
    expect(
      given()
        .when({ ...OPEN, reference: 'SE-0000-00' }, day(0))
        .thenRejectedBy('R22', 'invalid').message,
    ).toBe('The case reference is not well formed.');
  });

  it('refuses an invalid country policy, naming its problems', () => {
    const bad = { ...SE, reflection: { ...SE.reflection, period: 'P10D' } };
    const e = given()
      .when({ ...OPEN, policy: bad }, day(0))
      .thenRejectedBy('R19', 'invalid');
    expect(e.message.startsWith('Country policy is not valid: ')).toBe(true);
    expect(e.message.length).toBeGreaterThan('Country policy is not valid: '.length);
  });

  it('an ordinary opening records no reference, referral date or carried-over source', () => {
    expect(given().when(OPEN, day(0)).events()).toStrictEqual([
      {
        type: 'CaseOpened',
        data: {
          referralSource: 'police',
          country: 'SE',
          organisationId: 'se-ngo-1',
          assigneeId: 'cw-1',
          policy: SE,
          openedAt: day(0),
        },
      },
    ]);
  });
});

describe('R18 the receiver’s linked case', () => {
  it('opens with what the referral carried, its source reference only when given', () => {
    const events = openLinked(LINKED).events();
    expect(events[1]).toStrictEqual({
      type: 'ReferralReceived',
      data: {
        sourceCaseId: LINKED.sourceCaseId,
        sourceOrganisationId: 'fi-ngo-3',
        referralId: 'referral-1',
        purpose: 'services',
        categories: ['identity'],
        receivedAt: day(0),
        personal: LINKED.personal,
      },
    });
  });

  it.each([
    ['sourceCaseId', { sourceCaseId: '' }],
    ['sourceOrganisationId', { sourceOrganisationId: 'fi ngo' }],
    ['referralId', { referralId: undefined }],
    ['purpose', { purpose: 'tourism' }],
    ['categories', { categories: ['identity', 'bank'] }],
  ])('refuses a referral with a wrong %s, naming it', (field, wrong) => {
    const e = openLinked({ ...LINKED, ...wrong }).thenRejectedBy('R18', 'invalid');
    expect(e.message.startsWith(`linkedReferral.${field} must be `)).toBe(true);
  });

  it('refuses personal data in categories the referral does not list, naming them', () => {
    const e = openLinked({
      ...LINKED,
      personal: { identity: { givenName: 'A.' }, health: { notes: 'x' } },
    }).thenRejectedBy('R18', 'invalid');
    expect(e.message).toBe('The referral carries categories it does not list: health.');
  });
});

describe('R2 immediate needs', () => {
  it('says which need is already open, or not open to meet', () => {
    const open = history([opened()], [{ type: 'RecordImmediateNeed', need: 'safety' }, day(0)]);
    expect(
      given(...open)
        .when({ type: 'RecordImmediateNeed', need: 'safety' }, day(1))
        .thenRejectedBy('R2', 'conflict').message,
    ).toBe('The immediate need safety is already recorded and open.');
    expect(
      given(...open)
        .when({ type: 'RecordImmediateNeedMet', need: 'accommodation' }, day(1))
        .thenRejectedBy('R2', 'conflict').message,
    ).toBe('There is no open immediate need accommodation to meet.');
    // Another need is recorded beside an open one; a met need may be recorded again.
    given(...open)
      .when({ type: 'RecordImmediateNeed', need: 'accommodation' }, day(1))
      .thenTypes(['ImmediateNeedRecorded']);
    const met = history(open, [{ type: 'RecordImmediateNeedMet', need: 'safety' }, day(1)]);
    given(...met)
      .when({ type: 'RecordImmediateNeed', need: 'safety' }, day(2))
      .thenTypes(['ImmediateNeedRecorded']);
  });
});

describe('R1, R27, R28 identification decisions', () => {
  it('a reasonable-grounds decision is not decided again; a negative one may be', () => {
    const positive = history([opened()], [IDENTIFY, day(1)]);
    const e = given(...positive)
      .when(IDENTIFY, day(2))
      .thenRejectedBy('R1', 'conflict');
    expect(e.message).toBe(
      'A reasonable-grounds decision has already been recorded; it is not decided again.',
    );
    const negative = history(
      [opened()],
      [
        { type: 'RecordIdentification', outcome: 'no-reasonable-grounds', decidedBy: 'police' },
        day(1),
      ],
    );
    given(...negative)
      .when(IDENTIFY, day(2))
      .thenTypes(['IdentificationDecided', 'ReflectionPeriodStarted']);
  });

  it('a negative decision starts no reflection period', () => {
    given(opened())
      .when(
        { type: 'RecordIdentification', outcome: 'no-reasonable-grounds', decidedBy: 'ngo' },
        day(1),
      )
      .then([
        {
          type: 'IdentificationDecided',
          data: { outcome: 'no-reasonable-grounds', decidedBy: 'ngo', decidedAt: day(1) },
        },
      ]);
  });

  it('the conclusive decision: after reasonable grounds, once positive, saying why not', () => {
    const conclusive = (outcome: string) =>
      ({
        type: 'RecordConclusiveIdentification',
        outcome,
        decidedBy: 'migration-authority',
      }) as CaseCommand;
    expect(
      given(opened()).when(conclusive('positive'), day(2)).thenRejectedBy('R28', 'conflict')
        .message,
    ).toBe(
      'A conclusive decision follows a positive reasonable-grounds decision; none is recorded.',
    );
    const positive = history([opened()], [IDENTIFY, day(1)], [conclusive('positive'), day(5)]);
    expect(
      given(...positive)
        .when(conclusive('negative'), day(6))
        .thenRejectedBy('R28', 'conflict').message,
    ).toBe('A positive conclusive decision has already been recorded; it is not decided again.');
    const early = given(...history([opened()], [IDENTIFY, day(3)]))
      .when({ ...conclusive('positive'), occurredAt: day(2) } as CaseCommand, day(4))
      .thenRejectedBy('R28', 'invalid');
    expect(early.message).toBe(
      'The conclusive decision cannot precede the reasonable-grounds decision.',
    );
    // On the day reasonable grounds took effect it is accepted.
    given(...history([opened()], [IDENTIFY, day(3)]))
      .when({ ...conclusive('positive'), occurredAt: day(3) } as CaseCommand, day(4))
      .thenTypes(['ConclusiveIdentificationDecided']);
  });
});
