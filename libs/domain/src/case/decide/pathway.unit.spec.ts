import { DEFAULT_POLICIES, deadlines } from '@ariadne/domain';
import { given, history, stateOf, SYSTEM } from '../../../../../test/support/decider-spec';
import {
  CASEWORKER,
  COMM,
  COORDINATOR,
  day,
  END_REFLECTION,
  IDENTIFY,
  opened,
  SUPERVISOR,
} from '../../../../../test/support/fixtures';

const FI = DEFAULT_POLICIES.FI;
const choose = (pathway: 'undecided' | 'integration' | 'return' | 'third-country') =>
  ({ type: 'RecordPathwayChoice', pathway, communication: COMM }) as const;

describe('R12 her decision', () => {
  it('is recorded as her decision: interpreter noted, her language kept personal', () => {
    given(opened())
      .when(choose('integration'), day(3), CASEWORKER)
      .then([
        {
          type: 'PathwayChosen',
          data: {
            pathway: 'integration',
            previous: 'undecided',
            chosenAt: day(3),
            interpreterUsed: true,
            personal: { identity: { language: 'ro' } },
          },
        },
      ]);
  });

  it('only as hers: never without the language and interpreter noted', () => {
    given(opened())
      .when({ type: 'RecordPathwayChoice', pathway: 'return' } as never, day(3))
      .thenRejectedBy('R12', 'invalid');
  });

  it('only as hers: recorded by her caseworker or a supervisor, not by the system or a coordinator', () => {
    given(opened()).when(choose('return'), day(3), SYSTEM).thenRejectedBy('R12', 'forbidden');
    given(opened()).when(choose('return'), day(3), COORDINATOR).thenRejectedBy('R12', 'forbidden');
    given(opened()).when(choose('return'), day(3), SUPERVISOR).thenTypes(['PathwayChosen']);
  });

  it('she may change her mind at any time, and back again', () => {
    const events = history(
      [opened()],
      [IDENTIFY, day(1)],
      END_REFLECTION,
      [choose('return'), day(40)],
      [choose('integration'), day(50)],
      [choose('undecided'), day(60)],
      [choose('third-country'), day(70)],
    );
    expect(events.filter((e) => e.type === 'PathwayChosen').map((e) => e.data)).toMatchObject([
      { pathway: 'return', previous: 'undecided' },
      { pathway: 'integration', previous: 'return' },
      { pathway: 'undecided', previous: 'integration' },
      { pathway: 'third-country', previous: 'undecided' },
    ]);
    expect(stateOf(events).phase).toBe('return');
  });

  it('the same choice is not recorded twice', () => {
    given(...history([opened()], choose('return')))
      .when(choose('return'))
      .thenRejectedBy('R12');
  });
});

describe('R13 integration', () => {
  const staying = () => history([opened()], choose('integration'));

  it('if she stays, an integration plan with milestones is tracked', () => {
    const events = history(
      staying(),
      [
        { type: 'AgreeIntegrationPlan', milestones: ['residence-permit', 'language', 'housing'] },
        day(5),
      ],
      [{ type: 'RecordMilestoneReached', milestone: 'language' }, day(90)],
    );
    const s = stateOf(events);
    expect(s.integrationPlan?.milestones).toEqual(['residence-permit', 'language', 'housing']);
    expect(s.milestonesReached).toEqual({ language: day(90) });
    given(...events)
      .when({ type: 'RecordMilestoneReached', milestone: 'work' }, day(91))
      .thenRejectedBy('R13');
    given(...events)
      .when({ type: 'RecordMilestoneReached', milestone: 'language' }, day(91))
      .thenRejectedBy('R13');
  });

  it('an integration plan follows her choice to stay', () => {
    given(opened())
      .when({ type: 'AgreeIntegrationPlan', milestones: ['housing'] })
      .thenRejectedBy('R13');
  });
});

describe('R11 residence permit', () => {
  const fiCase = () => [opened(FI)];

  it('application, ground, decision and expiry; a reminder before expiry', () => {
    const events = history(
      fiCase(),
      [{ type: 'ApplyForResidencePermit', ground: 'personal-situation' }, day(10)],
      [
        {
          type: 'RecordResidencePermitDecision',
          outcome: 'granted',
          expiresAt: '2026-07-15T08:00:00.000Z',
        },
        day(15),
      ],
    );
    const s = stateOf(events);
    expect(s.permit).toMatchObject({ status: 'granted', ground: 'personal-situation' });
    const expiry = deadlines(s, day(16)).find((d) => d.kind === 'permit-expiry');
    // Reminder two months ahead (permitExpiryReminderBefore), escalation a day after expiry.
    expect(expiry).toMatchObject({
      dueAt: '2026-07-15T08:00:00.000Z',
      reminderAt: '2026-05-15T08:00:00.000Z',
      escalateAt: '2026-07-16T08:00:00.000Z',
      status: 'pending',
    });
    // A renewal application meets it; its decision starts a new expiry.
    const renewed = history(events, [
      { type: 'ApplyForResidencePermit', ground: 'personal-situation' },
      '2026-06-01T08:00:00.000Z',
    ]);
    expect(renewed.at(-1)).toMatchObject({ data: { renewal: true } });
    expect(deadlines(stateOf(renewed)).find((d) => d.kind === 'permit-expiry')?.status).toBe('met');
  });

  it('only on a ground the country offers', () => {
    given(opened())
      .when({ type: 'ApplyForResidencePermit', ground: 'personal-situation' })
      .thenRejectedBy('R11', 'invalid');
    given(opened(DEFAULT_POLICIES.DK))
      .when({ type: 'ApplyForResidencePermit', ground: 'cooperation' })
      .thenRejectedBy('R11', 'invalid');
  });

  it('a granted permit needs its expiry', () => {
    const applied = history(fiCase(), { type: 'ApplyForResidencePermit', ground: 'cooperation' });
    given(...applied)
      .when({ type: 'RecordResidencePermitDecision', outcome: 'granted' })
      .thenRejectedBy('R11', 'invalid');
    given(opened())
      .when({ type: 'RecordResidencePermitDecision', outcome: 'refused' })
      .thenRejectedBy('R11');
  });

  it('never prejudices asylum: an asylum claim is recorded whatever the permit, and the reverse', () => {
    const refused = history(
      fiCase(),
      { type: 'ApplyForResidencePermit', ground: 'cooperation' },
      { type: 'RecordResidencePermitDecision', outcome: 'refused' },
    );
    given(...refused)
      .when({ type: 'RecordAsylumClaim', status: 'lodged' })
      .thenTypes(['AsylumClaimRecorded']);
    const asylum = history(fiCase(), { type: 'RecordAsylumClaim', status: 'lodged' });
    given(...asylum)
      .when({ type: 'ApplyForResidencePermit', ground: 'cooperation' })
      .thenTypes(['ResidencePermitApplied']);
    // An asylum claim leaves the journey's state untouched: nothing can depend on it.
    const withClaim = { ...stateOf(asylum), version: 0 };
    const without = { ...stateOf(fiCase()), version: 0 };
    expect(withClaim).toEqual(without);
  });
});
