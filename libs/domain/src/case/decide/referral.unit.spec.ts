import {
  type Actor,
  type CaseEvent,
  decide,
  DEFAULT_POLICIES,
  returnReadiness,
} from '@ariadne/domain';
import { given, history, stateOf } from '../../../../../test/support/decider-spec';
import { COMM, day, opened } from '../../../../../test/support/fixtures';

const consentToShare = {
  type: 'GiveConsent',
  scope: {
    kind: 'data-sharing',
    recipientOrganisationId: 'fi-ngo-3',
    purpose: 'services',
    categories: ['identity', 'health'],
  },
  communication: COMM,
} as const;

const referral = {
  type: 'SendCrossBorderReferral',
  recipientOrganisationId: 'fi-ngo-3',
  recipientCountry: 'FI',
  purpose: 'services',
  categories: ['identity', 'health'],
  personal: { identity: { givenName: 'A.' }, health: { notes: 'needs follow-up care' } },
} as const;

describe('R18 cross-border referral', () => {
  const consented = () => history([opened()], [consentToShare, day(1)]);

  it('carries the categories she consented to share with that recipient, and names the consent', () => {
    given(...consented())
      .when(referral, day(2))
      .then([
        {
          type: 'CrossBorderReferralSent',
          data: {
            referralId: 'referral-1',
            recipientOrganisationId: 'fi-ngo-3',
            recipientCountry: 'FI',
            purpose: 'services',
            categories: ['identity', 'health'],
            consentId: 'consent-1',
            sentAt: day(2),
            personal: referral.personal,
          },
        },
      ]);
  });

  it('refuses a category she did not consent to share', () => {
    const error = given(...consented())
      .when({ ...referral, categories: ['identity', 'health', 'immigration'] }, day(2))
      .thenRejectedBy('R18');
    expect(error.message).not.toContain('A.');
  });

  it('refuses personal data outside the declared categories', () => {
    given(...consented())
      .when(
        {
          ...referral,
          categories: ['identity'],
          personal: { identity: { givenName: 'A.' }, health: { notes: 'x' } },
        },
        day(2),
      )
      .thenRejectedBy('R18', 'invalid');
  });

  it('refuses another recipient, another purpose, or no consent at all', () => {
    given(...consented())
      .when({ ...referral, recipientOrganisationId: 'ee-ngo-1', recipientCountry: 'EE' }, day(2))
      .thenRejectedBy('R18');
    const forReturn = history(consented(), [
      { type: 'RecordPathwayChoice', pathway: 'return', communication: COMM },
      day(2),
    ]);
    given(...forReturn)
      .when({ ...referral, purpose: 'return-reception' }, day(3))
      .thenRejectedBy('R18');
    given(opened()).when(referral, day(2)).thenRejectedBy('R18');
  });

  it('refuses once she has withdrawn the consent (P4)', () => {
    const withdrawn = history(consented(), [
      { type: 'WithdrawConsent', consentId: 'consent-1', communication: COMM },
      day(2),
    ]);
    given(...withdrawn)
      .when(referral, day(3))
      .thenRejectedBy('R18');
  });

  it('is a referral abroad: not to the case’s own country', () => {
    given(...consented())
      .when({ ...referral, recipientCountry: 'SE' }, day(2))
      .thenRejectedBy('R18', 'invalid');
  });

  const RECEIVER: Actor = { userId: 'fi-cw-1', organisationId: 'fi-ngo-3', role: 'caseworker' };
  const RECEIVER_SUP: Actor = {
    userId: 'fi-sup-1',
    organisationId: 'fi-ngo-3',
    role: 'supervisor',
  };
  const SENDER: Actor = { userId: 'cw-1', organisationId: 'se-ngo-1', role: 'caseworker' };
  const accept = {
    type: 'RecordCrossBorderReferralResponse',
    referralId: 'referral-1',
    response: 'accepted',
    linkedCaseId: '0b9c6c2e-7a51-4b4f-9d7e-3f1c2a4b5c6d',
    linkedCaseReference: 'FI-2026-ABCD-EF',
  } as const;
  const decline = {
    type: 'RecordCrossBorderReferralResponse',
    referralId: 'referral-1',
    response: 'declined',
  } as const;

  it('the receiving organisation accepts (naming its linked case) or declines, once', () => {
    const sent = history(consented(), [referral, day(2)]);
    given(...sent)
      .when({ ...decline, reasonCode: 'no-capacity' }, day(3), RECEIVER_SUP)
      .then([
        {
          type: 'CrossBorderReferralDeclined',
          data: { referralId: 'referral-1', respondedAt: day(3), reasonCode: 'no-capacity' },
        },
      ]);
    const accepted = history(sent, [accept, day(3), RECEIVER]);
    expect(stateOf(accepted).referrals[0]).toMatchObject({
      status: 'accepted',
      linkedCaseId: accept.linkedCaseId,
    });
    expect(accepted[accepted.length - 1]).toEqual({
      type: 'CrossBorderReferralAccepted',
      data: {
        referralId: 'referral-1',
        respondedAt: day(3),
        linkedCaseId: accept.linkedCaseId,
        linkedCaseReference: accept.linkedCaseReference,
      },
    });
    given(...accepted)
      .when(decline, day(4), RECEIVER)
      .thenRejectedBy('R18');
  });

  it('only the receiver answers: never the sender, another organisation, a coordinator or nobody', () => {
    const sent = history(consented(), [referral, day(2)]);
    for (const actor of [
      SENDER,
      { ...SENDER, role: 'supervisor' } as Actor,
      { userId: 'ee-1', organisationId: 'ee-ngo-1', role: 'supervisor' } as Actor,
      { userId: 'fi-co', organisationId: 'fi-ngo-3', role: 'coordinator' } as Actor,
      { userId: 'system', organisationId: 'fi-ngo-3', role: 'system' } as Actor,
    ]) {
      given(...sent)
        .when(accept, day(3), actor)
        .thenRejectedBy('R18', 'forbidden');
      given(...sent)
        .when(decline, day(3), actor)
        .thenRejectedBy('R18', 'forbidden');
    }
    given(...sent)
      .when(accept, day(3))
      .thenRejectedBy('R18', 'forbidden');
  });

  it('an acceptance names its linked case; a decline names none; reason codes are codes', () => {
    const sent = history(consented(), [referral, day(2)]);
    const noLink = { ...accept, linkedCaseId: undefined };
    given(...sent)
      .when(noLink, day(3), RECEIVER)
      .thenRejectedBy('R18', 'invalid');
    given(...sent)
      .when({ ...decline, linkedCaseId: accept.linkedCaseId }, day(3), RECEIVER)
      .thenRejectedBy('R18', 'invalid');
    given(...sent)
      .when({ ...decline, reasonCode: 'she lives at X' as never }, day(3), RECEIVER)
      .thenRejectedBy('R18', 'invalid');
    given(...sent)
      .when({ ...accept, reasonCode: 'other' }, day(3), RECEIVER)
      .thenRejectedBy('R18', 'invalid');
  });

  it('runs from before the change keep the sender’s answer (legacy rules, ADR 0005)', () => {
    const sent = history(consented(), [referral, day(2)]);
    const state = stateOf(sent);
    const legacy = { referralsAnsweredBySender: true };
    expect(
      decide(state, decline, { now: day(3), actor: SENDER, legacy }).map((e) => e.type),
    ).toEqual(['CrossBorderReferralDeclined']);
    const withdraw = {
      type: 'WithdrawConsent',
      consentId: 'consent-1',
      communication: COMM,
    } as const;
    expect(
      decide(state, withdraw, { now: day(3), actor: SENDER, legacy }).map((e) => e.type),
    ).toEqual(['ConsentWithdrawn']);
    // Answered once: a second answer is refused, naming the referral's status.
    const answer = decide(state, decline, { now: day(3), actor: SENDER, legacy });
    const declined = stateOf([...sent, ...answer]);
    let second: unknown;
    try {
      decide(declined, decline, { now: day(4), actor: SENDER, legacy });
    } catch (e) {
      second = e;
    }
    expect(second).toMatchObject({ rule: 'R18', message: 'The referral is already declined.' });
  });

  it('withdrawing her consent before an answer withdraws the referral; it can no longer be answered', () => {
    const sent = history(consented(), [referral, day(2)]);
    const withdrawn = history(sent, [
      { type: 'WithdrawConsent', consentId: 'consent-1', communication: COMM },
      day(3),
      SENDER,
    ]);
    expect(withdrawn.slice(-2)).toEqual([
      expect.objectContaining({ type: 'ConsentWithdrawn' }),
      {
        type: 'CrossBorderReferralWithdrawn',
        data: { referralId: 'referral-1', consentId: 'consent-1', withdrawnAt: day(3) },
      },
    ]);
    expect(stateOf(withdrawn).referrals[0]?.status).toBe('withdrawn');
    given(...withdrawn)
      .when(accept, day(4), RECEIVER)
      .thenRejectedBy('R18');
  });

  it('withdrawing it after acceptance stops further sharing, recorded with the linked case', () => {
    const accepted = history(consented(), [referral, day(2)], [accept, day(3), RECEIVER]);
    const withdrawn = history(accepted, [
      { type: 'WithdrawConsent', consentId: 'consent-1', communication: COMM },
      day(4),
      SENDER,
    ]);
    expect(withdrawn[withdrawn.length - 1]).toEqual({
      type: 'CrossBorderReferralSharingStopped',
      data: {
        referralId: 'referral-1',
        consentId: 'consent-1',
        linkedCaseId: accept.linkedCaseId,
        stoppedAt: day(4),
      },
    });
    expect(stateOf(withdrawn).referrals[0]).toMatchObject({
      status: 'accepted',
      sharingStoppedAt: day(4),
    });
  });

  /** The receiver's linked case, opened from referral-1. */
  const linkedReferral = {
    sourceCaseId: 'a1b2c3d4-0000-4000-8000-000000000001',
    sourceReference: 'SE-2026-ABCD-EF',
    sourceOrganisationId: 'se-ngo-1',
    referralId: 'referral-1',
    purpose: 'services',
    categories: ['identity', 'health'],
    personal: referral.personal,
  } as const;
  const open = {
    type: 'OpenCase',
    referralSource: 'ngo-outreach',
    policy: DEFAULT_POLICIES.FI,
    organisationId: 'fi-ngo-3',
    assigneeId: 'fi-cw-1',
    linkedReferral,
  } as const;

  it('the linked case opens with only the referral’s categories, and records when sharing stopped', () => {
    const events = history([], [open, day(3), RECEIVER]);
    expect(events.map((e) => e.type)).toEqual(['CaseOpened', 'ReferralReceived']);
    expect(events[1]?.data).toMatchObject({
      sourceCaseId: linkedReferral.sourceCaseId,
      categories: ['identity', 'health'],
      personal: referral.personal,
    });
    given()
      .when(
        { ...open, linkedReferral: { ...linkedReferral, categories: ['identity'] } },
        day(3),
        RECEIVER,
      )
      .thenRejectedBy('R18', 'invalid');
    const stop = {
      type: 'RecordLinkedSharingStopped',
      sourceCaseId: linkedReferral.sourceCaseId,
      referralId: 'referral-1',
    } as const;
    const stopped = history(events, [stop, day(4), SENDER]);
    expect(stateOf(stopped).linkedFrom?.sharingStoppedAt).toBe(day(4));
    given(...stopped)
      .when(stop, day(5), SENDER)
      .thenRejectedBy('R18');
    given(...history([opened()]))
      .when(stop, day(4), SENDER)
      .thenRejectedBy('R18', 'invalid');
    // Recorded by the system for the sender's staff, never by a coordinator.
    const byCoordinator = given(...events)
      .when(stop, day(4), { ...SENDER, role: 'coordinator' })
      .thenRejectedBy('R18', 'forbidden');
    expect(byCoordinator.message).toBe('Recorded for the sending organisation only.');
  });

  it('each refusal names its rule, its kind and the field at fault', () => {
    const sent = history(consented(), [referral, day(2)]);
    const refusal = (past: CaseEvent[], command: object, actor?: Actor): string => {
      try {
        decide(stateOf(past), command as never, { now: day(3), ...(actor && { actor }) });
      } catch (e) {
        const v = e as { rule: string; kind: string; message: string };
        return `${v.rule}:${v.kind} ${v.message.replace(/: .*$/, ':')}`;
      }
      return 'accepted';
    };
    expect([
      refusal(consented(), { ...referral, recipientOrganisationId: 'not an id!' }),
      refusal(consented(), { ...referral, purpose: 'tourism' }),
      refusal(consented(), { ...referral, categories: ['identity', 'bank'] }),
      refusal(consented(), { ...referral, recipientCountry: 46 }),
      refusal(consented(), { ...referral, categories: ['identity'] }),
      refusal(sent, { ...decline, response: 'maybe' }, RECEIVER),
      refusal(sent, { ...decline, referralId: 'referral-9' }, RECEIVER),
      refusal(sent, decline, SENDER),
      refusal(sent, { ...decline, linkedCaseReference: 'FI-2026-ABCD-EF' }, RECEIVER),
      refusal(sent, { ...decline, reasonCode: 'busy' }, RECEIVER),
      refusal(sent, { ...accept, reasonCode: 'other' }, RECEIVER),
      refusal(sent, { ...accept, linkedCaseId: 'not an id!' }, RECEIVER),
      refusal(history(sent, [decline, day(3), RECEIVER]), decline, RECEIVER),
    ]).toEqual([
      'R18:invalid recipientOrganisationId must be an opaque id.',
      'R18:invalid purpose must be one of:',
      'R18:invalid categories must be a list of:',
      'R18:invalid recipientCountry must be an ISO 3166-1 alpha-2 code.',
      'R18:invalid personal carries categories not listed in categories:',
      'R18:invalid response must be one of:',
      'R18:invalid referralId names no referral.',
      'R18:forbidden The receiving organisation answers a referral itself (its caseworker or supervisor).',
      'R18:invalid A declined referral opens no linked case.',
      'R18:invalid reasonCode must be one of:',
      'R18:invalid reasonCode is for a declined referral only.',
      'R18:invalid linkedCaseId must be an opaque id.',
      'R18:conflict The referral is already declined.',
    ]);
  });

  it('an answer records a reason code or a linked case reference only when given', () => {
    const sent = history(consented(), [referral, day(2)]);
    expect(
      given(...sent)
        .when(decline, day(3), RECEIVER)
        .events()[0]?.data,
    ).not.toHaveProperty('reasonCode');
    const acceptWithoutReference = { ...accept, linkedCaseReference: undefined };
    expect(
      given(...sent)
        .when(acceptWithoutReference, day(3), RECEIVER)
        .events()[0]?.data,
    ).not.toHaveProperty('linkedCaseReference');
    // Runs from before the change: the sender recorded either answer.
    const legacy = { referralsAnsweredBySender: true };
    expect(
      decide(stateOf(sent), accept, { now: day(3), actor: SENDER, legacy }).map((e) => e.type),
    ).toEqual(['CrossBorderReferralAccepted']);
  });

  it('withdrawing a consent touches only the referrals sent under it, and only while they count', () => {
    const otherConsent = {
      ...consentToShare,
      scope: { ...consentToShare.scope, recipientOrganisationId: 'ee-ngo-1' },
    };
    const sent = history(consented(), [otherConsent, day(1)], [referral, day(2)]);
    const withdrawOther = {
      type: 'WithdrawConsent',
      consentId: 'consent-2',
      communication: COMM,
    } as const;
    given(...sent)
      .when(withdrawOther, day(3), SENDER)
      .thenTypes(['ConsentWithdrawn']);
    // A declined referral is over: withdrawing its consent adds nothing to it.
    const declined = history(sent, [decline, day(3), RECEIVER]);
    given(...declined)
      .when({ ...withdrawOther, consentId: 'consent-1' }, day(4), SENDER)
      .thenTypes(['ConsentWithdrawn']);
  });

  it('a linked case stops sharing only for the referral it was opened from', () => {
    const linked = history([], [open, day(3), RECEIVER]);
    const stop = {
      type: 'RecordLinkedSharingStopped',
      sourceCaseId: open.linkedReferral.sourceCaseId,
      referralId: 'referral-1',
    } as const;
    for (const wrong of [
      { ...stop, sourceCaseId: '1b9c6c2e-7a51-4b4f-9d7e-3f1c2a4b5c6d' },
      { ...stop, referralId: 'referral-2' },
    ]) {
      const e = given(...linked)
        .when(wrong, day(4), SENDER)
        .thenRejectedBy('R18', 'invalid');
      expect(e.message).toBe('This case was not opened from that referral.');
    }
    const e = given(...history(linked, [stop, day(4), SENDER]))
      .when(stop, day(5), SENDER)
      .thenRejectedBy('R18', 'conflict');
    expect(e.message).toBe('Sharing has already stopped.');
  });

  it('the readiness item "receiving organisation accepted" turns on the receiver’s acceptance only', () => {
    const toReceiver = (a: Actor): Actor => ({ ...a, organisationId: 'ro-ngo-1' });
    const sent = history(
      [opened()],
      [{ type: 'RecordPathwayChoice', pathway: 'return', communication: COMM }, day(1)],
      [
        {
          ...consentToShare,
          scope: {
            ...consentToShare.scope,
            recipientOrganisationId: 'ro-ngo-1',
            purpose: 'return-reception',
          },
        },
        day(1),
      ],
      [
        {
          ...referral,
          recipientOrganisationId: 'ro-ngo-1',
          recipientCountry: 'RO',
          purpose: 'return-reception',
        },
        day(2),
      ],
    );
    const item = (events: CaseEvent[]) =>
      returnReadiness(stateOf(events), day(4)).items.find(
        (i) => i.item === 'receiving-organisation',
      )?.met;
    expect(item(sent)).toBe(false);
    given(...sent)
      .when(accept, day(3), SENDER)
      .thenRejectedBy('R18', 'forbidden');
    expect(item(history(sent, [decline, day(3), toReceiver(RECEIVER)]))).toBe(false);
    const accepted = history(sent, [accept, day(3), toReceiver(RECEIVER)]);
    expect(item(accepted)).toBe(true);
    const withdrawn = history(accepted, [
      { type: 'WithdrawConsent', consentId: 'consent-1', communication: COMM },
      day(3),
      SENDER,
    ]);
    expect(item(withdrawn)).toBe(false);
  });

  it('a referral with no categories shares no personal data, and still needs her consent', () => {
    const none = history(
      [opened()],
      [{ ...consentToShare, scope: { ...consentToShare.scope, categories: [] } }, day(1)],
    );
    given(...none)
      .when({ ...referral, categories: [], personal: {} }, day(2))
      .thenTypes(['CrossBorderReferralSent']);
  });
});
