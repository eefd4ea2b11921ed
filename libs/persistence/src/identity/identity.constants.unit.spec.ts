import { defaultLocale, isLocale, LOCALES } from './identity.constants';

describe('locales', () => {
  it('are English and the eight languages of the network', () => {
    expect([...LOCALES].sort()).toEqual(['da', 'en', 'et', 'fi', 'is', 'lt', 'lv', 'nb', 'sv']);
    expect(isLocale('nb')).toBe(true);
    for (const v of ['no', 'NB', 'sv-SE', '', null, 3]) expect(isLocale(v)).toBe(false);
  });

  it('default to the language of the organisation’s country, else English', () => {
    const byCountry = Object.fromEntries(
      ['DK', 'EE', 'FI', 'IS', 'LV', 'LT', 'NO', 'SE', 'RO', 'DE'].map((c) => [
        c,
        defaultLocale(c),
      ]),
    );
    expect(byCountry).toEqual({
      DK: 'da',
      EE: 'et',
      FI: 'fi',
      IS: 'is',
      LV: 'lv',
      LT: 'lt',
      NO: 'nb',
      SE: 'sv',
      RO: 'en',
      DE: 'en',
    });
  });
});
