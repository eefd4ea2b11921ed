import { addDuration, isAtLeastDays, parseDuration } from './duration';
import { DEFAULT_POLICIES } from './countries';
import { COUNTRIES, MIN_REFLECTION_DAYS, policyProblems } from './policy';
import { PolicyRegistry } from './registry';

describe('country policies', () => {
  it.each(COUNTRIES)(
    '%s has a valid policy with a reflection period of at least 30 days (R7)',
    (c) => {
      const p = DEFAULT_POLICIES[c];
      expect(p.country).toBe(c);
      expect(policyProblems(p)).toEqual([]);
      expect(isAtLeastDays(p.reflection.period, MIN_REFLECTION_DAYS)).toBe(true);
      expect(p.reflection.source.citation.length).toBeGreaterThan(0);
    },
  );

  it('the EU directive binds EE, FI, LV, LT, SE and not DK, NO, IS', () => {
    const bound = COUNTRIES.filter((c) => DEFAULT_POLICIES[c].appliesIn.euDirective);
    expect(bound.sort()).toEqual(['EE', 'FI', 'LT', 'LV', 'SE']);
  });

  it('refuses an override under 30 days, and a test policy outside tests', () => {
    const short = {
      ...DEFAULT_POLICIES.SE,
      reflection: { ...DEFAULT_POLICIES.SE.reflection, period: 'P20D' },
    };
    expect(() => new PolicyRegistry([short])).toThrow(/reflection.period: R7/);
    const test = {
      ...DEFAULT_POLICIES.SE,
      country: 'ZZ' as const,
      testOnly: true,
      reflection: { ...short.reflection, period: 'PT2S' },
    };
    expect(() => new PolicyRegistry([test])).toThrow(/test policies are not allowed/);
    expect(
      new PolicyRegistry([test], { allowTestPolicies: true }).get('ZZ')?.reflection.period,
    ).toBe('PT2S');
  });

  it('an override replaces the default for its country only', () => {
    const fi = {
      ...DEFAULT_POLICIES.FI,
      version: 'local-1',
      reflection: { ...DEFAULT_POLICIES.FI.reflection, period: 'P3M' },
    };
    const r = new PolicyRegistry([fi]);
    expect(r.get('FI')?.version).toBe('local-1');
    expect(r.get('SE')).toBe(DEFAULT_POLICIES.SE);
  });
});

describe('durations', () => {
  it('parses the ISO 8601 subset and refuses anything else', () => {
    expect(parseDuration('P1Y2M3W4DT5H6M7S')).toEqual({
      years: 1,
      months: 2,
      weeks: 3,
      days: 4,
      hours: 5,
      minutes: 6,
      seconds: 7,
    });
    for (const bad of ['', 'P', 'PT', '30D', 'P-1D', 'P1.5D'])
      expect(() => parseDuration(bad)).toThrow();
  });

  it('adds calendar months with month-end clamping, in UTC', () => {
    expect(addDuration('2026-01-31T12:00:00.000Z', 'P1M')).toBe('2026-02-28T12:00:00.000Z');
    expect(addDuration('2027-08-31T00:00:00.000Z', 'P6M')).toBe('2028-02-29T00:00:00.000Z');
    expect(addDuration('2026-03-28T00:30:00.000Z', 'P30D')).toBe('2026-04-27T00:30:00.000Z');
    expect(addDuration('2026-01-01T00:00:00.000Z', 'P9M')).toBe('2026-10-01T00:00:00.000Z');
  });

  it('knows which durations always span 30 days', () => {
    expect(isAtLeastDays('P30D', 30)).toBe(true);
    expect(isAtLeastDays('P1M', 30)).toBe(false);
    expect(isAtLeastDays('P2M', 30)).toBe(true);
    expect(isAtLeastDays('P29DT23H', 30)).toBe(false);
  });
});
