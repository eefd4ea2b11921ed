import {
  caseDimensionKey,
  type CaseDimensionKey,
  MULTIPLE_CITIZENSHIPS,
  sameDimensionKey,
  UNKNOWN_DIMENSION,
} from './dimensions';
import type { HtcdsEventView } from './facts';

/** ADR 0017: the codes a case contributes to case_dimension_counts, derived from its events. */
const OPENED_AT = '2026-03-15T09:30:00.000Z';
const opened = (extra: Record<string, unknown> = {}): HtcdsEventView => ({
  type: 'CaseOpened',
  data: {
    referralSource: 'police',
    country: 'SE',
    organisationId: 'se-ngo-1',
    assigneeId: 'se-ngo-1-cw-1',
    openedAt: OPENED_AT,
    ...extra,
  },
});
const details = (identity: Record<string, unknown>): HtcdsEventView => ({
  type: 'PersonDetailsRecorded',
  data: { personal: { identity } },
});
const erased: HtcdsEventView = { type: 'PersonalDataErased', data: { erasedAt: OPENED_AT } };

const key = (identity: Record<string, unknown>, ...more: HtcdsEventView[]) =>
  caseDimensionKey([opened(), details(identity), ...more]);

describe('sex, age band and citizenship of a case (ADR 0017)', () => {
  it('derives the three codes with the month of opening, never the day', () => {
    expect(key({ sex: 'Feminine', dateOfBirth: '2000-01-01', citizenship: 'RO' })).toEqual({
      organisationId: 'se-ngo-1',
      country: 'SE',
      openedMonth: '2026-03',
      sex: 'Feminine',
      ageBand: '25-29',
      citizenship: 'RO',
    });
  });

  it.each([
    // [birth date, band at 2026-03-15]: the day before and the day of each boundary birthday.
    ['2008-03-16', '0-17'],
    ['2008-03-15', '18-24'],
    ['2001-03-16', '18-24'],
    ['2001-03-15', '25-29'],
    ['1996-03-15', '30-34'],
    ['1976-03-16', '45-49'],
    ['1976-03-15', '50-59'],
    ['1966-03-16', '50-59'],
    ['1966-03-15', '60+'],
    ['1926-01-01', '60+'],
  ])('born %s: age band %s at her referral', (dateOfBirth, band) => {
    expect(key({ dateOfBirth })?.ageBand).toBe(band);
  });

  it('counts the age at her referral (CaseOpened.occurredAt) when earlier than the opening', () => {
    const k = caseDimensionKey([
      opened({ occurredAt: '2025-12-01T00:00:00.000Z' }),
      details({ dateOfBirth: '2008-01-01' }),
    ]);
    expect(k?.ageBand).toBe('0-17');
    // The month stays that of the opening (the window of the statistics).
    expect(k?.openedMonth).toBe('2026-03');
  });

  it('reads several citizenships as "multiple", and none as "unknown"', () => {
    expect(key({ citizenship: 'RO;MD' })?.citizenship).toBe(MULTIPLE_CITIZENSHIPS);
    expect(key({ citizenship: 'RO', nationality: 'MD' })?.citizenship).toBe(MULTIPLE_CITIZENSHIPS);
    expect(key({ citizenship: 'RO;RO' })?.citizenship).toBe('RO');
    expect(key({ givenName: 'A.' })?.citizenship).toBe(UNKNOWN_DIMENSION);
    expect(key({ citizenship: 'Romanian' })?.citizenship).toBe(UNKNOWN_DIMENSION);
  });

  it('reads a sex outside prs_Gender, and a missing or impossible birth date, as "unknown"', () => {
    const k = key({ sex: 'whatever', dateOfBirth: 'not a date' });
    expect(k?.sex).toBe(UNKNOWN_DIMENSION);
    expect(k?.ageBand).toBe(UNKNOWN_DIMENSION);
    expect(key({ dateOfBirth: '2030-01-01' })?.ageBand).toBe(UNKNOWN_DIMENSION);
    expect(key({})?.sex).toBe(UNKNOWN_DIMENSION);
  });

  it('follows changed details: the latest sex and birth date, citizenships accumulated', () => {
    const k = key(
      { sex: 'Feminine', dateOfBirth: '2000-01-01', citizenship: 'RO' },
      details({ sex: 'Masculine', dateOfBirth: '1990-06-01' }),
    );
    expect(k).toMatchObject({ sex: 'Masculine', ageBand: '35-39', citizenship: 'RO' });
  });

  it('does not count a case before her details, nor once her data is erased', () => {
    expect(caseDimensionKey([opened()])).toBeNull();
    expect(caseDimensionKey([opened(), { type: 'NeedsAssessed', data: {} }])).toBeNull();
    expect(key({ sex: 'Feminine' }, erased)).toBeNull();
    // Nothing recorded after the erasure brings her back.
    expect(key({ sex: 'Feminine' }, erased, details({ sex: 'Feminine' }))).toBeNull();
    expect(caseDimensionKey([details({ sex: 'Feminine' })])).toBeNull();
    // Details without her identity (only where to reach her) do not make her counted.
    const contactOnly: HtcdsEventView = {
      type: 'PersonDetailsRecorded',
      data: { personal: { 'contact-location': { city: 'Tartu' } } },
    };
    expect(caseDimensionKey([opened(), contactOnly])).toBeNull();
    expect(
      caseDimensionKey([
        opened(),
        { type: 'PersonDetailsRecorded', data: { personal: { identity: 'x' } } },
      ]),
    ).toBeNull();
  });

  it('moves with an accepted transfer (R31)', () => {
    const k = key(
      { sex: 'Feminine' },
      {
        type: 'TransferAccepted',
        data: { toOrganisationId: 'se-shelter-1', assigneeId: 'x' },
      },
    );
    expect(k?.organisationId).toBe('se-shelter-1');
  });

  it('compares combinations (nothing to write when they are the same)', () => {
    const a = key({ sex: 'Feminine' }) as CaseDimensionKey;
    expect(sameDimensionKey(a, { ...a })).toBe(true);
    expect(sameDimensionKey(a, { ...a, citizenship: 'RO' })).toBe(false);
    expect(sameDimensionKey(a, { ...a, organisationId: 'x' })).toBe(false);
    for (const field of ['country', 'openedMonth', 'sex', 'ageBand'] as const) {
      expect([field, sameDimensionKey(a, { ...a, [field]: 'x' })]).toEqual([field, false]);
    }
    expect(sameDimensionKey(null, null)).toBe(true);
    expect(sameDimensionKey(a, null)).toBe(false);
    expect(sameDimensionKey(null, a)).toBe(false);
  });
});
