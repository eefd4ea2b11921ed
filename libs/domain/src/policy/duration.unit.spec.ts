import {
  addDuration,
  daysBetween,
  earlier,
  isAtLeastDays,
  isAtOrAfter,
  isDuration,
  isNeverShorter,
  isPositive,
  later,
  midpoint,
  parseDuration,
  subtractDuration,
} from './duration';

/** The calendar arithmetic every deadline, reminder and retention date rests on (R19, R20, R23). */
describe('durations: calendar arithmetic in UTC', () => {
  it('reads each part on its own and treats an absent part as zero', () => {
    expect(parseDuration('P2W')).toEqual({
      years: 0,
      months: 0,
      weeks: 2,
      days: 0,
      hours: 0,
      minutes: 0,
      seconds: 0,
    });
    expect(parseDuration('PT90M')).toMatchObject({ hours: 0, minutes: 90, seconds: 0 });
    expect(parseDuration('P1Y')).toMatchObject({ years: 1, months: 0, days: 0 });
    for (const bad of ['P1DT', 'p1D', 'P1D ', ' P1D', 'P1S', 'PT1D', 'P1M1Y', 'P1D1W', 'xP1D'])
      expect(isDuration(bad)).toBe(false);
    for (const good of ['P1D', 'PT1S', 'P1Y2M', 'P0D', 'PT1H1M1S'])
      expect(isDuration(good)).toBe(true);
  });

  it('adds years, weeks and time parts, and keeps the time of day across months', () => {
    expect(addDuration('2026-02-28T10:00:00.000Z', 'P1Y')).toBe('2027-02-28T10:00:00.000Z');
    expect(addDuration('2028-02-29T10:00:00.000Z', 'P1Y')).toBe('2029-02-28T10:00:00.000Z');
    expect(addDuration('2026-12-15T10:20:30.400Z', 'P1M')).toBe('2027-01-15T10:20:30.400Z');
    expect(addDuration('2026-11-30T00:00:00.000Z', 'P14M')).toBe('2028-01-30T00:00:00.000Z');
    expect(addDuration('2026-01-01T00:00:00.000Z', 'P2W')).toBe('2026-01-15T00:00:00.000Z');
    expect(addDuration('2026-01-01T00:00:00.000Z', 'PT1H2M3S')).toBe('2026-01-01T01:02:03.000Z');
    expect(addDuration('2026-01-31T23:00:00.000Z', 'PT2H')).toBe('2026-02-01T01:00:00.000Z');
    expect(addDuration('2026-01-01T00:00:00.000Z', parseDuration('P1D'))).toBe(
      '2026-01-02T00:00:00.000Z',
    );
  });

  it('subtracts across a year boundary and by weeks and hours', () => {
    expect(subtractDuration('2026-01-15T08:00:00.000Z', 'P2M')).toBe('2025-11-15T08:00:00.000Z');
    expect(subtractDuration('2026-02-01T00:00:00.000Z', 'P13M')).toBe('2025-01-01T00:00:00.000Z');
    expect(subtractDuration('2026-01-15T00:00:00.000Z', 'P1W')).toBe('2026-01-08T00:00:00.000Z');
    expect(subtractDuration('2026-01-01T01:00:00.000Z', 'PT2H')).toBe('2025-12-31T23:00:00.000Z');
    expect(subtractDuration('2026-03-31T00:00:00.000Z', 'P1Y1M')).toBe('2025-02-28T00:00:00.000Z');
  });

  it('refuses a start that is not a timestamp', () => {
    expect(() => addDuration('not a date', 'P1D')).toThrow(/timestamp/);
    expect(() => subtractDuration('2026-13-45', 'P1D')).toThrow(/timestamp/);
  });

  it('compares durations whatever the start, including February and leap years', () => {
    expect(isNeverShorter('P30D', 'P30D')).toBe(true);
    expect(isNeverShorter('P28D', 'P1M')).toBe(false);
    expect(isNeverShorter('P1Y', 'P365D')).toBe(true);
    expect(isNeverShorter('P365D', 'P1Y')).toBe(false);
    expect(isNeverShorter('P29D', 'P1M')).toBe(false);
  });

  it('knows a positive duration from a zero one', () => {
    expect(isPositive('PT1S')).toBe(true);
    expect(isPositive('P1M')).toBe(true);
    expect(isPositive('P0D')).toBe(false);
    expect(isPositive('PT0S')).toBe(false);
  });

  it('orders instants, ties included, and finds the midpoint', () => {
    const a = '2026-01-01T00:00:00.000Z';
    const b = '2026-01-03T00:00:00.000Z';
    expect(earlier(a, b)).toBe(a);
    expect(earlier(b, a)).toBe(a);
    expect(later(a, b)).toBe(b);
    expect(later(b, a)).toBe(b);
    // At equal instants the first is kept (equal instants may be written differently).
    expect(earlier('2026-01-01T00:00:00Z', a)).toBe('2026-01-01T00:00:00Z');
    expect(later('2026-01-01T00:00:00Z', a)).toBe('2026-01-01T00:00:00Z');
    expect(midpoint(a, b)).toBe('2026-01-02T00:00:00.000Z');
    expect(midpoint(b, a)).toBe('2026-01-02T00:00:00.000Z');
    expect(midpoint(a, '2026-01-01T00:00:00.003Z')).toBe('2026-01-01T00:00:00.001Z');
    expect(isAtOrAfter(a, a)).toBe(true);
    expect(isAtOrAfter(b, a)).toBe(true);
    expect(isAtOrAfter(a, b)).toBe(false);
  });

  it('counts whole days, rounding down', () => {
    expect(daysBetween('2026-01-01T00:00:00.000Z', '2026-01-31T00:00:00.000Z')).toBe(30);
    expect(daysBetween('2026-01-01T00:00:00.000Z', '2026-01-31T23:59:59.999Z')).toBe(30);
    expect(daysBetween('2026-01-01T12:00:00.000Z', '2026-01-02T11:59:59.999Z')).toBe(0);
    expect(daysBetween('2026-01-02T00:00:00.000Z', '2026-01-01T00:00:00.000Z')).toBe(-1);
  });

  it('counts the shortest span of each part: a year 365 days, a month 28, a week 7', () => {
    expect(isAtLeastDays('P1Y', 365)).toBe(true);
    expect(isAtLeastDays('P1Y', 366)).toBe(false);
    expect(isAtLeastDays('P1M', 28)).toBe(true);
    expect(isAtLeastDays('P1M', 29)).toBe(false);
    expect(isAtLeastDays('P4W', 28)).toBe(true);
    expect(isAtLeastDays('P4W', 29)).toBe(false);
    expect(isAtLeastDays('PT24H', 1)).toBe(true);
    expect(isAtLeastDays('PT1440M', 1)).toBe(true);
    expect(isAtLeastDays('PT86400S', 1)).toBe(true);
    expect(isAtLeastDays('PT86399S', 1)).toBe(false);
    expect(isAtLeastDays('P29DT24H', 30)).toBe(true);
  });
});
