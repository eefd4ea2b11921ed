import {
  type CaseCommand,
  type Deadline,
  deadlines,
  dueActions,
  returnReadiness,
} from '@ariadne/domain';
import {
  given,
  history,
  type Step,
  stateOf,
  SYSTEM,
} from '../../../../../test/support/decider-spec';
import {
  COMM,
  day,
  departureSteps,
  END_REFLECTION,
  opened,
} from '../../../../../test/support/fixtures';

/** The departure fixtures with an expiry on the consent of the given scope kind. */
function withExpiry(steps: Step[], kind: 'return' | 'data-sharing', expiresAt: string): Step[] {
  return steps.map((step) => {
    const [command, ...rest] = step as readonly [CaseCommand, string?];
    return command.type === 'GiveConsent' && command.scope.kind === kind
      ? ([{ ...command, expiresAt }, ...rest] as Step)
      : step;
  });
}

const consentToShelter = (expiresAt?: string): CaseCommand => ({
  type: 'GiveConsent',
  scope: { kind: 'service', service: 'shelter' },
  communication: COMM,
  ...(expiresAt !== undefined && { expiresAt }),
});

describe('P4 consent expiry', () => {
  it('a consent may carry an expiry in the future, recorded with it', () => {
    given(opened())
      .when(consentToShelter('2026-03-01T00:00:00+01:00'), day(1))
      .then([
        {
          type: 'ConsentGiven',
          data: {
            consentId: 'consent-1',
            scope: { kind: 'service', service: 'shelter' },
            givenAt: day(1),
            expiresAt: '2026-02-28T23:00:00.000Z',
            interpreterUsed: true,
            personal: { identity: { language: 'ro' } },
          },
        },
      ]);
  });

  it('an expiry now, in the past or not a timestamp is refused (422, P4)', () => {
    for (const expiresAt of [day(1), day(0), 'next month', '']) {
      given(opened()).when(consentToShelter(expiresAt), day(1)).thenRejectedBy('P4', 'invalid');
    }
  });

  it('R5: a service is not provided under an expired consent', () => {
    const events = history(
      [opened()],
      [{ type: 'RequestService', kind: 'shelter', basis: 'immediate' }, day(1)],
      [consentToShelter(day(5)), day(1)],
    );
    given(...events)
      .when({ type: 'RecordServiceProvided', serviceId: 'service-1' }, day(4))
      .thenTypes(['ServiceProvided']);
    given(...events)
      .when({ type: 'RecordServiceProvided', serviceId: 'service-1' }, day(5))
      .thenRejectedBy('R5');
  });

  it('R18: no referral under an expired data-sharing consent', () => {
    const share: CaseCommand = {
      type: 'GiveConsent',
      scope: {
        kind: 'data-sharing',
        recipientOrganisationId: 'fi-ngo-3',
        purpose: 'services',
        categories: ['identity'],
      },
      communication: COMM,
      expiresAt: day(10),
    };
    const referral: CaseCommand = {
      type: 'SendCrossBorderReferral',
      recipientOrganisationId: 'fi-ngo-3',
      recipientCountry: 'FI',
      purpose: 'services',
      categories: ['identity'],
      personal: { identity: { givenName: 'A.' } },
    };
    const events = history([opened()], [share, day(1)]);
    given(...events)
      .when(referral, day(9))
      .thenTypes(['CrossBorderReferralSent']);
    given(...events)
      .when(referral, day(10))
      .thenRejectedBy('R18');
  });

  it('R14: the return gate fails once her return consent has expired', () => {
    const events = history(
      [opened()],
      ...withExpiry(departureSteps('return'), 'return', day(33)),
      END_REFLECTION,
    );
    given(...events)
      .when({ type: 'ExecuteReturn' }, day(32))
      .thenTypes(['ReturnExecuted']);
    given(...events)
      .when({ type: 'ExecuteReturn' }, day(33))
      .thenRejectedBy('R14');
    const consent = returnReadiness(stateOf(events), day(33)).items.find(
      (i) => i.item === 'consent',
    );
    expect(consent?.met).toBe(false);
  });

  it('R14, R18: the return gate fails once the consent to share with the receiver has expired', () => {
    const events = history(
      [opened()],
      ...withExpiry(departureSteps('return'), 'data-sharing', day(33)),
      END_REFLECTION,
    );
    given(...events)
      .when({ type: 'ExecuteReturn' }, day(32))
      .thenTypes(['ReturnExecuted']);
    given(...events)
      .when({ type: 'ExecuteReturn' }, day(33))
      .thenRejectedBy('R14');
    const receiver = returnReadiness(stateOf(events), day(33)).items.find(
      (i) => i.item === 'receiving-organisation',
    );
    expect(receiver?.met).toBe(false);
  });

  it('R20: the assignee is reminded reminderBefore the expiry; nothing escalates', () => {
    const events = history([opened()], [consentToShelter(day(30)), day(1)]);
    const expiry = deadlines(stateOf(events), day(1)).find(
      (d: Deadline) => d.deadline === 'consent-expiry-1',
    );
    expect(expiry).toEqual({
      deadline: 'consent-expiry-1',
      kind: 'consent-expiry',
      rule: 'P4',
      from: day(1),
      dueAt: day(30),
      status: 'pending',
      reminderAt: day(27),
    });
    expect(dueActions(stateOf(events))).toContainEqual({
      at: day(27),
      command: { type: 'SendDeadlineReminder', deadline: 'consent-expiry-1' },
    });
    const reminded = history(events, [
      { type: 'SendDeadlineReminder', deadline: 'consent-expiry-1' },
      day(27),
      SYSTEM,
    ]);
    expect(reminded.at(-1)).toEqual({
      type: 'DeadlineReminderSent',
      data: {
        deadline: 'consent-expiry-1',
        kind: 'consent-expiry',
        dueAt: day(30),
        to: { role: 'assignee', userId: 'cw-1' },
        sentAt: day(27),
      },
    });
    expect(
      dueActions(stateOf(reminded)).filter(
        (a) => 'deadline' in a.command && a.command.deadline === 'consent-expiry-1',
      ),
    ).toEqual([]);
  });

  it('no expiry, or a withdrawn consent: no expiry deadline', () => {
    const keys = (events: ReturnType<typeof history>) =>
      deadlines(stateOf(events), day(1)).map((d) => d.deadline);
    expect(keys(history([opened()], [consentToShelter(), day(1)]))).not.toContain(
      'consent-expiry-1',
    );
    const withdrawn = history(
      [opened()],
      [consentToShelter(day(30)), day(1)],
      [{ type: 'WithdrawConsent', consentId: 'consent-1', communication: COMM }, day(2)],
    );
    expect(keys(withdrawn)).not.toContain('consent-expiry-1');
  });
});
