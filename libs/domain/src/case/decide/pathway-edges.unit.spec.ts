import { DEFAULT_POLICIES } from '@ariadne/domain';
import { given, history } from '../../../../../test/support/decider-spec';
import {
  COMM,
  day,
  departureSteps,
  END_REFLECTION,
  opened,
} from '../../../../../test/support/fixtures';

/**
 * R11, R12, R13, R17 at their edges (decide/pathway.ts): what each refusal says, and what the
 * recorded facts keep.
 */
const FI = DEFAULT_POLICIES.FI;
const EE = DEFAULT_POLICIES.EE;
const apply = { type: 'ApplyForResidencePermit', ground: 'cooperation' } as const;
const grant = (expiresAt: string) =>
  ({ type: 'RecordResidencePermitDecision', outcome: 'granted', expiresAt }) as const;

describe('R17 after her departure', () => {
  it('her pathway choice is no longer recorded here: the case is in follow-up', () => {
    const departed = history([opened()], ...departureSteps('return'), END_REFLECTION, [
      { type: 'ExecuteReturn' },
      day(32),
    ]);
    const e = given(...departed)
      .when({ type: 'RecordPathwayChoice', pathway: 'integration', communication: COMM }, day(40))
      .thenRejectedBy('R17', 'conflict');
    expect(e.message).toBe('She has departed; the case is in follow-up after return.');
  });
});

describe('R12, R13 her choice and the integration plan', () => {
  const staying = () =>
    history(
      [opened()],
      [{ type: 'RecordPathwayChoice', pathway: 'integration', communication: COMM }, day(2)],
    );

  it('the same choice twice says which choice is already recorded', () => {
    const e = given(...staying())
      .when({ type: 'RecordPathwayChoice', pathway: 'integration', communication: COMM }, day(3))
      .thenRejectedBy('R12', 'conflict');
    expect(e.message).toBe('Her recorded pathway is already integration.');
  });

  it('a plan needs at least one milestone, each a known one', () => {
    for (const milestones of [[], ['housing', 'a-car']]) {
      given(...staying())
        .when({ type: 'AgreeIntegrationPlan', milestones } as never, day(3))
        .thenRejectedBy('R13', 'invalid');
    }
  });

  it('a plan only when she stays; a milestone only of the plan, once', () => {
    expect(
      given(opened())
        .when({ type: 'AgreeIntegrationPlan', milestones: ['housing'] }, day(3))
        .thenRejectedBy('R13', 'conflict').message,
    ).toBe('An integration plan follows her choice to stay.');
    const planned = history(staying(), [
      { type: 'AgreeIntegrationPlan', milestones: ['housing'] },
      day(3),
    ]);
    expect(
      given(...planned)
        .when({ type: 'RecordMilestoneReached', milestone: 'work' }, day(4))
        .thenRejectedBy('R13', 'conflict').message,
    ).toBe('The integration plan has no work milestone.');
    const reached = history(planned, [
      { type: 'RecordMilestoneReached', milestone: 'housing' },
      day(4),
    ]);
    expect(
      given(...reached)
        .when({ type: 'RecordMilestoneReached', milestone: 'housing' }, day(5))
        .thenRejectedBy('R13', 'conflict').message,
    ).toBe('The housing milestone is already reached.');
    // Without any plan, a milestone is refused too.
    given(...staying())
      .when({ type: 'RecordMilestoneReached', milestone: 'housing' }, day(4))
      .thenRejectedBy('R13', 'conflict');
  });
});

describe('R11 residence permit', () => {
  it('only on a ground the country’s law offers, naming the ground', () => {
    const e = given(opened(EE))
      .when({ type: 'ApplyForResidencePermit', ground: 'personal-situation' }, day(2))
      .thenRejectedBy('R11', 'invalid');
    expect(e.message).toBe(
      'The country policy offers no trafficking-specific permit on the personal-situation ground.',
    );
    given(opened(EE)).when(apply, day(2)).thenTypes(['ResidencePermitApplied']);
  });

  it('one application at a time: a first one, and a renewal, each await their decision', () => {
    const applied = history([opened(FI)], [apply, day(2)]);
    expect(
      given(...applied)
        .when(apply, day(3))
        .thenRejectedBy('R11', 'conflict').message,
    ).toBe('An application is already awaiting a decision.');
    const renewing = history(applied, [grant(day(200)), day(5)], [apply, day(100)]);
    given(...renewing)
      .when(apply, day(101))
      .thenRejectedBy('R11', 'conflict');
    // A refused application may be followed by a new one, which is no renewal.
    const refused = history(applied, [
      { type: 'RecordResidencePermitDecision', outcome: 'refused' },
      day(5),
    ]);
    expect(
      given(...refused)
        .when(apply, day(6))
        .events(),
    ).toEqual([
      {
        type: 'ResidencePermitApplied',
        data: { ground: 'cooperation', renewal: false, appliedAt: day(6) },
      },
    ]);
  });

  it('a decision needs an application awaiting it; a granted permit without a renewal takes none', () => {
    const none = given(opened(FI))
      .when({ type: 'RecordResidencePermitDecision', outcome: 'refused' }, day(3))
      .thenRejectedBy('R11', 'conflict');
    expect(none.message).toBe('No permit application awaits a decision.');
    const granted = history([opened(FI)], [apply, day(2)], [grant(day(200)), day(5)]);
    given(...granted)
      .when(grant(day(400)), day(6))
      .thenRejectedBy('R11', 'conflict');
  });

  it('a granted permit’s expiry is a timestamp not before the decision, kept in UTC', () => {
    const applied = history([opened(FI)], [apply, day(2)]);
    for (const expiresAt of ['next year', day(4)]) {
      const e = given(...applied)
        .when(grant(expiresAt), day(5))
        .thenRejectedBy('R11', 'invalid');
      expect(e.message).toBe(
        'A granted permit needs expiresAt, an ISO timestamp after the decision.',
      );
    }
    expect(
      given(...applied)
        .when(grant('2027-01-01T00:00:00+02:00'), day(5))
        .events(),
    ).toEqual([
      {
        type: 'ResidencePermitDecided',
        data: { outcome: 'granted', decidedAt: day(5), expiresAt: '2026-12-31T22:00:00.000Z' },
      },
    ]);
    // An expiry at the moment of the decision is not before it: accepted.
    given(...applied)
      .when(grant(day(5)), day(5))
      .thenTypes(['ResidencePermitDecided']);
  });

  it('a refusal keeps no expiry, and personal details only when given', () => {
    const applied = history([opened(FI)], [apply, day(2)]);
    const [refused] = given(...applied)
      .when(
        { type: 'RecordResidencePermitDecision', outcome: 'refused', expiresAt: day(300) },
        day(5),
      )
      .events();
    expect(refused).toStrictEqual({
      type: 'ResidencePermitDecided',
      data: { outcome: 'refused', decidedAt: day(5) },
    });
    const [claim] = given(opened(FI))
      .when({ type: 'RecordAsylumClaim', status: 'lodged' }, day(3))
      .events();
    expect(claim).toStrictEqual({
      type: 'AsylumClaimRecorded',
      data: { status: 'lodged', recordedAt: day(3) },
    });
    const [applied2] = given(opened(FI)).when(apply, day(3)).events();
    expect(applied2?.data).not.toHaveProperty('personal');
  });
});
