import { given } from '../../../../test/support/decider-spec';
import { opened, SE } from '../../../../test/support/fixtures';

describe('R1 reasonable grounds, R7 reflection period', () => {
  const now = '2026-01-10T09:00:00.000Z';

  it('a positive decision starts the reflection period at once, for the policy length', () => {
    given(opened())
      .when(
        { type: 'RecordIdentification', outcome: 'reasonable-grounds', decidedBy: 'police' },
        now,
      )
      .then([
        {
          type: 'IdentificationDecided',
          data: { outcome: 'reasonable-grounds', decidedBy: 'police', decidedAt: now },
        },
        {
          type: 'ReflectionPeriodStarted',
          data: {
            startedAt: now,
            endsAt: '2026-02-09T09:00:00.000Z',
            period: 'P30D',
            policyVersion: SE.version,
          },
        },
      ]);
  });

  it('a negative decision starts nothing and can be reconsidered later', () => {
    const negative = given(opened())
      .when(
        { type: 'RecordIdentification', outcome: 'no-reasonable-grounds', decidedBy: 'police' },
        now,
      )
      .events();
    expect(negative).toEqual([
      {
        type: 'IdentificationDecided',
        data: { outcome: 'no-reasonable-grounds', decidedBy: 'police', decidedAt: now },
      },
    ]);
    const later = '2026-01-20T09:00:00.000Z';
    const events = given(opened(), ...negative)
      .when(
        { type: 'RecordIdentification', outcome: 'reasonable-grounds', decidedBy: 'police' },
        later,
      )
      .events();
    expect(events.map((e) => e.type)).toEqual(['IdentificationDecided', 'ReflectionPeriodStarted']);
  });

  it('a positive decision is not decided again (R1)', () => {
    const first = given(opened())
      .when(
        { type: 'RecordIdentification', outcome: 'reasonable-grounds', decidedBy: 'police' },
        now,
      )
      .events();
    given(opened(), ...first)
      .when({ type: 'RecordIdentification', outcome: 'no-reasonable-grounds', decidedBy: 'police' })
      .thenRejectedBy('R1', 'conflict');
  });

  it('uses the country policy: Norway gives six months', () => {
    const no = { ...SE, country: 'NO' as const, reflection: { ...SE.reflection, period: 'P6M' } };
    const [, started] = given(opened(no))
      .when(
        { type: 'RecordIdentification', outcome: 'reasonable-grounds', decidedBy: 'police' },
        '2026-08-31T10:00:00.000Z',
      )
      .events();
    expect(started).toMatchObject({ data: { endsAt: '2027-02-28T10:00:00.000Z' } });
  });

  it('the period ends when its time has come, not before (R7, R8)', () => {
    const started = given(opened())
      .when(
        { type: 'RecordIdentification', outcome: 'reasonable-grounds', decidedBy: 'police' },
        now,
      )
      .events();
    given(opened(), ...started)
      .when({ type: 'EndReflectionPeriod' }, '2026-02-09T08:59:59.999Z')
      .thenRejectedBy('R8');
    given(opened(), ...started)
      .when({ type: 'EndReflectionPeriod' }, '2026-02-09T09:00:00.000Z')
      .then([
        {
          type: 'ReflectionPeriodEnded',
          data: { endedAt: '2026-02-09T09:00:00.000Z', reason: 'elapsed' },
        },
      ]);
  });

  it('a case that is not open takes no commands', () => {
    given()
      .when({ type: 'RecordIdentification', outcome: 'reasonable-grounds', decidedBy: 'police' })
      .thenRejectedBy('R22');
  });

  it('a case is opened once', () => {
    given(opened())
      .when({
        type: 'OpenCase',
        referralSource: 'police',
        policy: SE,
        organisationId: 'se-ngo-1',
        assigneeId: 'cw-1',
      })
      .thenRejectedBy('R22');
  });

  it('refuses to open a case under a policy shorter than 30 days (R7)', () => {
    given()
      .when({
        type: 'OpenCase',
        referralSource: 'police',
        policy: { ...SE, reflection: { ...SE.reflection, period: 'P29D' } },
        organisationId: 'se-ngo-1',
        assigneeId: 'cw-1',
      })
      .thenRejectedBy('R19', 'invalid');
  });
});
