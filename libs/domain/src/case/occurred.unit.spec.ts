import fc from 'fast-check';
import {
  addDuration,
  type CountryPolicy,
  type CaseEvent,
  deadlines,
  decide,
  type ExistingCaseState,
  nextDueAction,
  type RecordIdentification,
  subtractDuration,
} from '@ariadne/domain';
import { given, history, stateOf, type Step } from '../../../../test/support/decider-spec';
import {
  COMM,
  day,
  END_REFLECTION,
  OPENED_AT,
  opened,
  SE,
} from '../../../../test/support/fixtures';

const IDENTIFY: RecordIdentification = {
  type: 'RecordIdentification',
  outcome: 'reasonable-grounds',
  decidedBy: 'police',
};

/** Issue 10: facts dated when they happened (R24–R26), who decided (R27), conclusive (R28), R29. */

const NOW = day(20);
const identifyAt = (occurredAt?: string): Step => [
  { ...IDENTIFY, ...(occurredAt !== undefined && { occurredAt }) },
  NOW,
];

describe('R24–R26 occurredAt: when a recorded fact happened', () => {
  it('a reasonable-grounds decision dated 10 days back ends reflection 10 days earlier; the event keeps both times', () => {
    const late = history([opened()], identifyAt(day(10)));
    const onTheDay = history([opened()], identifyAt());
    const endsLate = stateOf(late).reflection?.endsAt;
    const endsOnTheDay = stateOf(onTheDay).reflection?.endsAt;
    expect(endsOnTheDay).toBe(addDuration(NOW, SE.reflection.period));
    expect(endsLate).toBe(subtractDuration(endsOnTheDay as string, 'P10D'));
    // Both times are stored: recorded now, happened on day 10.
    expect(late[1]).toEqual({
      type: 'IdentificationDecided',
      data: {
        outcome: 'reasonable-grounds',
        decidedBy: 'police',
        decidedAt: NOW,
        occurredAt: day(10),
      },
    });
    expect(late[2]?.data).toMatchObject({ startedAt: NOW, occurredAt: day(10) });
  });

  it('deadlines and reminders run from occurredAt; recording time stays the case time', () => {
    const s = stateOf(history([opened()], identifyAt(day(10))));
    const d = deadlines(s, NOW);
    // R1 met when decided (day 10, within the P14D deadline), not when typed (day 20).
    expect(d.find((x) => x.deadline === 'identification-decision')).toMatchObject({
      status: 'met',
      metAt: day(10),
    });
    expect(d.find((x) => x.deadline === 'needs-assessment')?.from).toBe(day(10));
    expect(s.updatedAt).toBe(NOW);
    expect(s.lastProgressAt).toBe(NOW);
  });

  it('every recorded fact of the state takes the time it happened, when given', () => {
    const s = stateOf(
      history(
        [opened()],
        [{ type: 'RecordHealthCheckOffered', occurredAt: day(1) }, day(3)],
        [
          { type: 'RecordRightsInformation', topics: ['victim-rights'], communication: COMM },
          day(3),
        ],
      ),
    );
    expect(s.healthCheckOfferedAt).toBe(day(1));
    expect(s.rightsInformedAt).toBe(day(3));
  });

  it('R24: never in the future, beyond five minutes of clock skew', () => {
    const g = given(opened());
    g.when({ ...IDENTIFY, occurredAt: addDuration(NOW, 'PT6M') }, NOW).thenRejectedBy(
      'R24',
      'invalid',
    );
    // Within the tolerance it counts as now.
    const events = g.when({ ...IDENTIFY, occurredAt: addDuration(NOW, 'PT4M') }, NOW).events();
    expect(events[0]?.data).toMatchObject({ occurredAt: NOW });
  });

  it('R24: a date-time with a time zone, and only on commands that record what happened', () => {
    const g = given(opened());
    g.when({ ...IDENTIFY, occurredAt: '2026-01-10' }, NOW).thenRejectedBy('R24', 'invalid');
    g.when({ ...IDENTIFY, occurredAt: 'yesterday' }, NOW).thenRejectedBy('R24', 'invalid');
    g.when(
      {
        type: 'RequestService',
        kind: 'legal-counselling',
        basis: 'immediate',
        occurredAt: day(1),
      } as never,
      NOW,
    ).thenRejectedBy('R24', 'invalid');
  });

  it('R25: never before the case was opened (the referral)', () => {
    given(opened())
      .when({ ...IDENTIFY, occurredAt: subtractDuration(OPENED_AT, 'PT1M') }, NOW)
      .thenRejectedBy('R25', 'invalid');
    given(opened())
      .when({ ...IDENTIFY, occurredAt: OPENED_AT }, NOW)
      .thenTypes(['IdentificationDecided', 'ReflectionPeriodStarted']);
  });

  it('a case opened for an earlier referral: its deadlines run from the referral, and R25 from it too', () => {
    const open = (occurredAt?: string) =>
      given().when(
        {
          type: 'OpenCase',
          referralSource: 'police',
          policy: SE,
          organisationId: 'se-ngo-1',
          assigneeId: 'cw-1',
          ...(occurredAt !== undefined && { occurredAt }),
        },
        OPENED_AT,
      );
    const referred = subtractDuration(OPENED_AT, 'P3D');
    const events = open(referred).events();
    expect(events[0]?.data).toMatchObject({ openedAt: OPENED_AT, occurredAt: referred });
    const s = stateOf(events);
    expect(s.openedAt).toBe(OPENED_AT);
    expect(deadlines(s).find((d) => d.deadline === 'identification-decision')).toMatchObject({
      from: referred,
      dueAt: addDuration(referred, SE.deadlines.identificationDecision),
    });
    given(...events)
      .when({ ...IDENTIFY, occurredAt: subtractDuration(OPENED_AT, 'P2D') }, NOW)
      .thenTypes(['IdentificationDecided', 'ReflectionPeriodStarted']);
    given(...events)
      .when({ ...IDENTIFY, occurredAt: subtractDuration(referred, 'PT1M') }, NOW)
      .thenRejectedBy('R25', 'invalid');
    open(addDuration(OPENED_AT, 'PT10M')).thenRejectedBy('R24', 'invalid');
    open(subtractDuration(OPENED_AT, 'P91D')).thenRejectedBy('R26', 'invalid');
  });

  it("R26: never older than the country policy's maximum recording lag", () => {
    const policy = { ...SE, recording: { ...SE.recording!, maxLag: 'P5D' } };
    const g = given(opened(policy));
    g.when({ ...IDENTIFY, occurredAt: day(14) }, NOW).thenRejectedBy('R26', 'invalid');
    g.when({ ...IDENTIFY, occurredAt: day(15) }, NOW).thenTypes([
      'IdentificationDecided',
      'ReflectionPeriodStarted',
    ]);
    // A policy captured before `recording` existed gets the default, P90D.
    const older: CountryPolicy = { ...SE };
    delete (older as { recording?: unknown }).recording;
    const long = '2026-06-01T08:00:00.000Z';
    given(opened(older))
      .when({ ...IDENTIFY, occurredAt: subtractDuration(long, 'P91D') }, long)
      .thenRejectedBy('R26', 'invalid');
  });

  it('property: a late record never ends reflection later than one made on the day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 15 * 24 * 60 }), (minutesBack) => {
        const at = subtractDuration(NOW, `PT${minutesBack}M`);
        const late = stateOf(history([opened()], identifyAt(at)));
        const onTheDay = stateOf(history([opened()], [IDENTIFY, at]));
        expect(late.reflection?.endsAt).toBe(onTheDay.reflection?.endsAt);
        expect(nextDueAction(late)).toEqual(nextDueAction({ ...onTheDay, updatedAt: NOW }));
      }),
      { numRuns: 50 },
    );
  });
});

describe('R27 who decided', () => {
  it('is required for a new identification decision', () => {
    given(opened())
      .when({ type: 'RecordIdentification', outcome: 'reasonable-grounds' })
      .thenRejectedBy('R27', 'invalid');
    given(opened())
      .when({ ...IDENTIFY, decidedBy: 'judge' as never })
      .thenRejectedBy('R27', 'invalid');
  });

  it('a run from before it was required replays without it, and older events fold fine', () => {
    const state = stateOf([opened()]);
    const events = decide(
      state,
      { type: 'RecordIdentification', outcome: 'reasonable-grounds' },
      { now: NOW, legacy: { decidedByOptional: true } },
    );
    expect(events[0]).toEqual({
      type: 'IdentificationDecided',
      data: { outcome: 'reasonable-grounds', decidedAt: NOW },
    });
    const folded = stateOf([opened(), ...events]);
    expect(folded.identification).toEqual({
      outcome: 'reasonable-grounds',
      decidedAt: NOW,
      firstDecidedAt: NOW,
    });
  });
});

describe('R28 conclusive identification', () => {
  const identified = (): CaseEvent[] => history([opened()], [IDENTIFY, day(1)]);
  const conclusive = (outcome: 'positive' | 'negative', occurredAt?: string) => ({
    type: 'RecordConclusiveIdentification' as const,
    outcome,
    decidedBy: 'migration-authority' as const,
    ...(occurredAt !== undefined && { occurredAt }),
  });

  it('only after a positive reasonable-grounds decision', () => {
    given(opened()).when(conclusive('positive'), NOW).thenRejectedBy('R28');
    const negative = history(
      [opened()],
      [
        { type: 'RecordIdentification', outcome: 'no-reasonable-grounds', decidedBy: 'ngo' },
        day(1),
      ],
    );
    given(...negative)
      .when(conclusive('positive'), NOW)
      .thenRejectedBy('R28');
    given(...identified())
      .when(conclusive('positive'), NOW)
      .then([
        {
          type: 'ConclusiveIdentificationDecided',
          data: { outcome: 'positive', decidedBy: 'migration-authority', decidedAt: NOW },
        },
      ]);
  });

  it('needs who decided, and cannot precede reasonable grounds', () => {
    given(...identified())
      .when({ type: 'RecordConclusiveIdentification', outcome: 'positive' } as never, NOW)
      .thenRejectedBy('R27', 'invalid');
    given(...identified())
      .when(conclusive('positive', OPENED_AT), NOW)
      .thenRejectedBy('R28', 'invalid');
  });

  it('a positive one is final; a negative one may be reconsidered', () => {
    const positive = history(identified(), [conclusive('positive'), NOW]);
    given(...positive)
      .when(conclusive('negative'), day(21))
      .thenRejectedBy('R28');
    const negative = history(identified(), [conclusive('negative'), NOW]);
    given(...negative)
      .when(conclusive('positive'), day(21))
      .thenTypes(['ConclusiveIdentificationDecided']);
  });

  it('has its own deadline from reasonable grounds, with reminder and escalation (R19, R20)', () => {
    const s = stateOf(identified());
    const d = deadlines(s).find((x) => x.deadline === 'conclusive-identification');
    expect(d).toMatchObject({
      rule: 'R28',
      from: day(1),
      dueAt: addDuration(day(1), SE.deadlines.conclusiveIdentification!),
      status: 'pending',
    });
    expect(d?.reminderAt).toBeDefined();
    expect(d?.escalateAt).toBeDefined();
    const met = stateOf(history(identified(), [conclusive('negative', day(15)), NOW]));
    expect(deadlines(met).find((x) => x.deadline === 'conclusive-identification')).toMatchObject({
      status: 'met',
      metAt: day(15),
    });
    // A case opened under a policy without it has no such deadline (its timers never change).
    const older = { ...SE.deadlines };
    delete (older as { conclusiveIdentification?: string }).conclusiveIdentification;
    const old = stateOf(history([opened({ ...SE, deadlines: older })], [IDENTIFY, day(1)]));
    expect(deadlines(old).map((x) => x.deadline)).not.toContain('conclusive-identification');
  });

  it('a negative one ends no support: reflection runs on, services and her choice stay', () => {
    const before = stateOf(identified());
    const after = stateOf(history(identified(), [conclusive('negative'), day(5)]));
    expect(after.reflection).toEqual(before.reflection);
    expect(after.phase).toBe('reflection');
    expect(after.status).toBe('open');
    given(...history(identified(), [conclusive('negative'), day(5)]))
      .when({ type: 'RequestService', kind: 'psychosocial', basis: 'immediate' }, day(6))
      .thenTypes(['ServiceRequested']);
  });
});

describe('R29 the phase once her return consent is withdrawn', () => {
  const toWithdrawal = (identification: Step[]): ExistingCaseState =>
    stateOf(
      history(
        [opened()],
        ...identification,
        [{ type: 'RecordPathwayChoice', pathway: 'return', communication: COMM }, day(40)],
        [{ type: 'GiveConsent', scope: { kind: 'return' }, communication: COMM }, day(41)],
        [{ type: 'WithdrawConsent', consentId: 'consent-1', communication: COMM }, day(42)],
      ),
    );

  it('is the pathway choice whether identification was positive or negative', () => {
    const positive = toWithdrawal([[IDENTIFY, day(1)], END_REFLECTION]);
    const negative = toWithdrawal([
      [
        { type: 'RecordIdentification', outcome: 'no-reasonable-grounds', decidedBy: 'ngo' },
        day(1),
      ],
    ]);
    const none = toWithdrawal([]);
    expect(positive.pathway).toBe('undecided');
    expect([positive.phase, negative.phase, none.phase]).toEqual(['pathway', 'pathway', 'pathway']);
  });

  it('a running reflection period still comes first (R7)', () => {
    const s = stateOf(
      history(
        [opened()],
        [IDENTIFY, day(1)],
        [{ type: 'RecordPathwayChoice', pathway: 'return', communication: COMM }, day(2)],
        [{ type: 'GiveConsent', scope: { kind: 'return' }, communication: COMM }, day(3)],
        [{ type: 'WithdrawConsent', consentId: 'consent-1', communication: COMM }, day(4)],
      ),
    );
    expect(s.phase).toBe('reflection');
  });
});
