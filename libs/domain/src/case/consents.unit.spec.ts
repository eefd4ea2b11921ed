import { categoriesIn, communicationRecord, isLanguage } from './personal';
import { isConsentCurrent } from './consents';
import type { ConsentRecord } from './state';

describe('P4 a current consent', () => {
  const given: ConsentRecord = {
    consentId: 'consent-1',
    scope: { kind: 'return' },
    givenAt: '2026-01-10T09:00:00.000Z',
    seq: 3,
  };

  it('is current from the moment it is given, with no expiry for as long as it stands', () => {
    expect(isConsentCurrent(given, '2026-01-10T09:00:00.000Z')).toBe(true);
    expect(isConsentCurrent(given, '2036-01-10T09:00:00.000Z')).toBe(true);
  });

  it('is current until the expiry she agreed to, not at it', () => {
    const expiring = { ...given, expiresAt: '2026-03-01T00:00:00.000Z' };
    expect(isConsentCurrent(expiring, '2026-02-28T23:59:59.999Z')).toBe(true);
    expect(isConsentCurrent(expiring, '2026-03-01T00:00:00.000Z')).toBe(false);
    expect(isConsentCurrent(expiring, '2026-03-02T00:00:00.000Z')).toBe(false);
  });

  it('is no longer current once withdrawn, expiry or not', () => {
    expect(
      isConsentCurrent(
        { ...given, withdrawnAt: '2026-01-11T09:00:00.000Z' },
        '2026-01-10T10:00:00.000Z',
      ),
    ).toBe(false);
    expect(
      isConsentCurrent(
        {
          ...given,
          expiresAt: '2027-01-01T00:00:00.000Z',
          withdrawnAt: '2026-01-11T09:00:00.000Z',
        },
        '2026-01-12T00:00:00.000Z',
      ),
    ).toBe(false);
  });
});

describe('her language and the personal categories', () => {
  it('a language is a BCP 47 tag, loosely: lower-case primary subtag, optional subtags', () => {
    for (const ok of ['en', 'ro', 'fil', 'pt-BR', 'sr-Latn', 'zh-Hant-TW'])
      expect(isLanguage(ok)).toBe(true);
    for (const bad of [
      '',
      'e',
      'english',
      'EN',
      'pt_BR',
      'pt-',
      '-pt',
      'en-a',
      ' en',
      'en ',
      'ro-123456789',
      42,
      null,
      undefined,
    ])
      expect(isLanguage(bad)).toBe(false);
  });

  it('an event keeps that an interpreter was used, and her language only as personal identity data', () => {
    expect(communicationRecord({ language: 'ro', interpreterUsed: true })).toEqual({
      interpreterUsed: true,
      personal: { identity: { language: 'ro' } },
    });
    expect(communicationRecord({ language: 'uk', interpreterUsed: false })).toEqual({
      interpreterUsed: false,
      personal: { identity: { language: 'uk' } },
    });
  });

  it('names the categories actually present, in the catalogue order', () => {
    expect(categoriesIn(undefined)).toEqual([]);
    expect(categoriesIn({})).toEqual([]);
    expect(
      categoriesIn({ health: { notes: 'x' }, identity: { givenName: 'A.' } } as never),
    ).toEqual(['identity', 'health']);
  });
});
