import type { CaseCommand } from '@ariadne/domain';
import { given, history } from '../../../../../test/support/decider-spec';
import { COMM, day, opened } from '../../../../../test/support/fixtures';

/**
 * R18, R12, P4: what a refused cross-border referral says (decide/referral.ts). The API answers
 * 409/422 with these messages: they name the field, the rule and the categories involved,
 * never her data.
 */
const consentToShare = (categories: string[], purpose = 'services') =>
  ({
    type: 'GiveConsent',
    scope: { kind: 'data-sharing', recipientOrganisationId: 'fi-ngo-3', purpose, categories },
    communication: COMM,
  }) as CaseCommand;

const referral = {
  type: 'SendCrossBorderReferral',
  recipientOrganisationId: 'fi-ngo-3',
  recipientCountry: 'FI',
  purpose: 'services',
  categories: ['identity', 'health'],
  personal: { identity: { givenName: 'A.' }, health: { notes: 'needs follow-up care' } },
} as const;

const consented = () => history([opened()], [consentToShare(['identity', 'health']), day(1)]);

describe('R18 a referral names a country by its ISO 3166-1 alpha-2 code', () => {
  it.each([['fi'], ['FIN'], ['F1'], ['Finland'], [''], [46], [undefined], [' FI'], ['FI ']])(
    'refuses %p',
    (country) => {
      const e = given(...consented())
        .when({ ...referral, recipientCountry: country as string }, day(2))
        .thenRejectedBy('R18', 'invalid');
      expect(e.message).toBe('recipientCountry must be an ISO 3166-1 alpha-2 code.');
    },
  );

  it('refuses the case’s own country: a referral goes abroad', () => {
    const e = given(...consented())
      .when({ ...referral, recipientCountry: 'SE' }, day(2))
      .thenRejectedBy('R18', 'invalid');
    expect(e.message).toBe('recipientCountry is the case’s own country.');
  });
});

describe('R18, P4 only the categories declared and consented', () => {
  it('names the categories carried in personal but not declared', () => {
    const e = given(...consented())
      .when(
        {
          ...referral,
          categories: [],
          personal: { identity: { givenName: 'A.' }, health: { notes: 'x' } },
        },
        day(2),
      )
      .thenRejectedBy('R18', 'invalid');
    expect(e.message).toBe(
      'personal carries categories not listed in categories: identity, health.',
    );
  });

  it('with no consent for this recipient and purpose, says so', () => {
    const e = given(opened()).when(referral, day(2)).thenRejectedBy('R18', 'conflict');
    expect(e.message).toBe(
      'No current consent of hers to share with this recipient for this purpose.',
    );
  });

  it('with a consent that covers only some categories, names the categories asked for', () => {
    const partial = history([opened()], [consentToShare(['identity']), day(1)]);
    const e = given(...partial)
      .when(referral, day(2))
      .thenRejectedBy('R18', 'conflict');
    expect(e.message).toBe('Her consent does not cover every category: identity, health.');
  });

  it('two consents that each cover a part do not add up: one consent covers the referral', () => {
    const split = history(
      [opened()],
      [consentToShare(['identity']), day(1)],
      [consentToShare(['health']), day(1)],
    );
    given(...split)
      .when(referral, day(2))
      .thenRejectedBy('R18', 'conflict');
    const covering = history(split, [consentToShare(['health', 'identity']), day(1)]);
    expect(
      given(...covering)
        .when(referral, day(2))
        .events(),
    ).toMatchObject([{ type: 'CrossBorderReferralSent', data: { consentId: 'consent-3' } }]);
  });
});

describe('R12 a reception referral follows her choice of pathway', () => {
  it.each([
    ['return-reception', 'return', undefined],
    ['return-reception', 'return', 'third-country'],
    ['third-country-reception', 'third-country', undefined],
    ['third-country-reception', 'third-country', 'return'],
  ] as const)('a %s referral without her choice of %s (chosen: %s)', (purpose, needed, chosen) => {
    const past = history(
      [opened()],
      ...(chosen
        ? [[{ type: 'RecordPathwayChoice', pathway: chosen, communication: COMM }, day(1)] as const]
        : []),
      [consentToShare(['identity', 'health'], purpose), day(1)],
    );
    const e = given(...past)
      .when({ ...referral, purpose }, day(2))
      .thenRejectedBy('R12', 'conflict');
    expect(e.message).toBe(`A ${purpose} referral follows her choice of ${needed}.`);
  });

  it('is sent once she has chosen that pathway', () => {
    for (const [purpose, pathway] of [
      ['return-reception', 'return'],
      ['third-country-reception', 'third-country'],
    ] as const) {
      const past = history(
        [opened()],
        [{ type: 'RecordPathwayChoice', pathway, communication: COMM }, day(1)],
        [consentToShare(['identity', 'health'], purpose), day(1)],
      );
      given(...past)
        .when({ ...referral, purpose }, day(2))
        .thenTypes(['CrossBorderReferralSent']);
    }
  });

  it('a services referral needs no pathway', () => {
    given(...consented())
      .when(referral, day(2))
      .thenTypes(['CrossBorderReferralSent']);
  });
});
