import fc from 'fast-check';
import {
  addDuration,
  isAtLeastDays,
  isNeverShorter,
  parseDuration,
  subtractDuration,
} from './duration';
import { DEFAULT_POLICIES } from './countries';
import { COUNTRIES, isCountryCode, MIN_REFLECTION_DAYS, policyProblems } from './policy';
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

  it.each(COUNTRIES)('%s keeps a source and a confidence flag for every value', (c) => {
    const p = DEFAULT_POLICIES[c];
    for (const source of [
      p.reflection.source,
      p.residencePermit.source,
      p.caseManagementSource,
      p.retentionSource,
    ]) {
      expect(source.citation.length).toBeGreaterThan(0);
      expect(['confirmed', 'uncertain']).toContain(source.confidence);
    }
  });

  it('R7: an extension maximum is never shorter than the period', () => {
    const p = DEFAULT_POLICIES.FI;
    expect(
      policyProblems({ ...p, reflection: { ...p.reflection, maxExtendedTo: 'P20D' } }),
    ).toEqual(['reflection.maxExtendedTo: R7 extensions never shorten the period']);
  });

  it('a policy from JSON that lacks a field or a source is refused (R19, R20)', () => {
    const partial = { ...DEFAULT_POLICIES.SE, permitExpiryReminderBefore: undefined };
    expect(policyProblems(partial as unknown as typeof DEFAULT_POLICIES.SE)).toContain(
      'permitExpiryReminderBefore: missing',
    );
    expect(policyProblems({ ...DEFAULT_POLICIES.SE, reminderBefore: 'PT0S' })).toContain(
      'reminderBefore: R20 requires reminders before due dates',
    );
    expect(
      policyProblems({
        ...DEFAULT_POLICIES.SE,
        caseManagementSource: { citation: '', confidence: 'uncertain' },
      }),
    ).toContain('caseManagementSource: every value needs a source');
  });

  it('R7 property: every accepted policy gives at least 30 days from any start (numRuns 500)', () => {
    const period = fc
      .record({
        months: fc.integer({ min: 0, max: 12 }),
        weeks: fc.integer({ min: 0, max: 6 }),
        days: fc.integer({ min: 0, max: 400 }),
      })
      .filter((d) => d.months + d.weeks + d.days > 0)
      .map(
        (d) =>
          `P${d.months ? `${d.months}M` : ''}${d.weeks ? `${d.weeks}W` : ''}${d.days ? `${d.days}D` : ''}`,
      );
    const start = fc
      .integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2035, 0, 1) })
      .map((ms) => new Date(ms).toISOString());
    fc.assert(
      fc.property(fc.constantFrom(...COUNTRIES), period, start, (c, reflection, from) => {
        const base = DEFAULT_POLICIES[c];
        const policy = {
          ...base,
          reflection: { ...base.reflection, period: reflection, maxExtendedTo: undefined },
        };
        if (policyProblems(policy).length > 0) return;
        const days = (Date.parse(addDuration(from, reflection)) - Date.parse(from)) / 86_400_000;
        expect(days).toBeGreaterThanOrEqual(MIN_REFLECTION_DAYS);
      }),
      { numRuns: 500 },
    );
    // And the refusal is not vacuous: 29 days is refused, 30 accepted.
    const se = DEFAULT_POLICIES.SE;
    expect(policyProblems({ ...se, reflection: { ...se.reflection, period: 'P29D' } })).not.toEqual(
      [],
    );
    expect(policyProblems({ ...se, reflection: { ...se.reflection, period: 'P30D' } })).toEqual([]);
  });

  it('the EU directive binds EE, FI, LV, LT, SE (and RO, a country of return) and not DK, NO, IS', () => {
    const bound = COUNTRIES.filter((c) => DEFAULT_POLICIES[c].appliesIn.euDirective);
    expect(bound.sort()).toEqual(['EE', 'FI', 'LT', 'LV', 'RO', 'SE']);
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

  it('names every field that is not an ISO 8601 duration, and each rule a policy breaks', () => {
    const se = DEFAULT_POLICIES.SE;
    expect(
      policyProblems({
        ...se,
        reminderBefore: 'three days',
        followUpsAfterReturn: ['P1M', 'soon'],
      }),
    ).toEqual([
      'reminderBefore: not an ISO 8601 duration',
      'followUpsAfterReturn[1]: not an ISO 8601 duration',
    ]);
    expect(
      policyProblems({ ...se, recording: { ...se.recording!, source: undefined as never } }),
    ).toEqual(['recording.source: every value needs a source']);
    expect(policyProblems({ ...se, followUpsAfterReturn: [] })).toEqual([
      'followUpsAfterReturn: R17 requires at least one follow-up',
    ]);
    expect(policyProblems({ ...se, country: 'ZZ' })).toEqual([
      'country: ZZ is reserved for test policies',
    ]);
    // A test policy (short timers, no follow-ups) is valid as such: only tests may load it.
    expect(
      policyProblems({
        ...se,
        country: 'ZZ',
        testOnly: true,
        followUpsAfterReturn: [],
        reflection: { ...se.reflection, period: 'PT2S' },
      }),
    ).toEqual([]);
    expect(() => new PolicyRegistry([{ ...se, reminderBefore: 'x', escalateAfter: 'y' }])).toThrow(
      'Policy SE: reminderBefore: not an ISO 8601 duration; escalateAfter: not an ISO 8601 duration',
    );
  });

  it('names each duration field that is missing or malformed, and stops there', () => {
    const se = DEFAULT_POLICIES.SE;
    const malformed: ReadonlyArray<readonly [string, object]> = [
      ['reflection.period', { reflection: { ...se.reflection, period: 'x' } }],
      ['reminderBefore', { reminderBefore: 'x' }],
      ['permitExpiryReminderBefore', { permitExpiryReminderBefore: 'x' }],
      ['escalateAfter', { escalateAfter: 'x' }],
      ['stalledAfter', { stalledAfter: 'x' }],
      ['returnRiskAssessmentValidFor', { returnRiskAssessmentValidFor: 'x' }],
      ['retentionAfterClosure', { retentionAfterClosure: 'x' }],
      ['deadlines.riskAssessment', { deadlines: { ...se.deadlines, riskAssessment: 'x' } }],
      ['followUpsAfterReturn[0]', { followUpsAfterReturn: ['x'] }],
      ['reflection.maxExtendedTo', { reflection: { ...se.reflection, maxExtendedTo: 'x' } }],
      [
        'residencePermit.typicalValidity',
        { residencePermit: { ...se.residencePermit, typicalValidity: 'x' } },
      ],
      [
        'deadlines.conclusiveIdentification',
        { deadlines: { ...se.deadlines, conclusiveIdentification: 'x' } },
      ],
      ['recording.maxLag', { recording: { ...se.recording!, maxLag: 'x' } }],
    ];
    for (const [field, change] of malformed) {
      expect(policyProblems({ ...se, ...change } as typeof se)).toEqual([
        `${field}: not an ISO 8601 duration`,
      ]);
    }
    // JSON without the objects at all: each required field named once, nothing thrown.
    const bare = { ...se, reflection: undefined, deadlines: undefined, residencePermit: undefined };
    expect(policyProblems(bare as unknown as typeof se)).toEqual([
      'reflection.period: missing',
      'deadlines.identificationDecision: missing',
      'deadlines.rightsInformation: missing',
      'deadlines.healthCheckOffered: missing',
      'deadlines.riskAssessment: missing',
      'deadlines.needsAssessment: missing',
    ]);
    expect(
      policyProblems({ ...se, retentionSource: { ...se.retentionSource, citation: '' } }),
    ).toEqual(['retentionSource: every value needs a source']);
    expect(policyProblems({ ...se, retentionSource: undefined as never })).toEqual([
      'retentionSource: every value needs a source',
    ]);
  });

  it('knows the network’s countries by their ISO code', () => {
    expect(COUNTRIES.filter(isCountryCode)).toEqual([...COUNTRIES]);
    for (const other of ['se', 'ZZ', 'GB', 46, undefined]) expect(isCountryCode(other)).toBe(false);
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

  it('subtracts calendar months with the same clamping', () => {
    expect(subtractDuration('2026-03-31T12:00:00.000Z', 'P1M')).toBe('2026-02-28T12:00:00.000Z');
    expect(subtractDuration('2026-07-15T08:00:00.000Z', 'P2M')).toBe('2026-05-15T08:00:00.000Z');
    expect(subtractDuration('2026-01-14T08:00:00.000Z', 'P3D')).toBe('2026-01-11T08:00:00.000Z');
  });

  it('compares durations from every start date', () => {
    expect(isNeverShorter('P1M', 'P28D')).toBe(true);
    expect(isNeverShorter('P1M', 'P30D')).toBe(false);
    expect(isNeverShorter('P120D', 'P30D')).toBe(true);
  });

  it('knows which durations always span 30 days', () => {
    expect(isAtLeastDays('P30D', 30)).toBe(true);
    expect(isAtLeastDays('P1M', 30)).toBe(false);
    expect(isAtLeastDays('P2M', 30)).toBe(true);
    expect(isAtLeastDays('P29DT23H', 30)).toBe(false);
  });
});
