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

  it('the receiver accepts or declines, once', () => {
    const sent = history(consented(), [referral, day(2)]);
    given(...sent)
      .when(
        {
          type: 'RecordCrossBorderReferralResponse',
          referralId: 'referral-1',
          response: 'declined',
        },
        day(3),
      )
      .thenTypes(['CrossBorderReferralDeclined']);
    const accepted = history(sent, [
      { type: 'RecordCrossBorderReferralResponse', referralId: 'referral-1', response: 'accepted' },
      day(3),
    ]);
    expect(stateOf(accepted).referrals[0]?.status).toBe('accepted');
    given(...accepted)
      .when(
        {
          type: 'RecordCrossBorderReferralResponse',
          referralId: 'referral-1',
          response: 'declined',
        },
        day(4),
      )
      .thenRejectedBy('R18');
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
