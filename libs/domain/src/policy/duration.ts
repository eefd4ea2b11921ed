/**
 * Calendar durations in the ISO 8601 subset that policies use: `P6M`, `P30D`, `P1Y2M10D`,
 * and (for test policies only) time parts such as `PT2S`. Months and years are calendar
 * arithmetic in UTC, so "6 months from 31 August" is 28/29 February, never 2 March.
 */
export interface Duration {
  readonly years: number;
  readonly months: number;
  readonly weeks: number;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
}

const PATTERN =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

export function parseDuration(text: string): Duration {
  const m = PATTERN.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) {
    throw new Error(`Not an ISO 8601 duration: ${text}`);
  }
  const n = (i: number): number => (m[i] ? Number(m[i]) : 0);
  return {
    years: n(1),
    months: n(2),
    weeks: n(3),
    days: n(4),
    hours: n(5),
    minutes: n(6),
    seconds: n(7),
  };
}

export function isDuration(text: string): boolean {
  try {
    parseDuration(text);
    return true;
  } catch {
    return false;
  }
}

/** `from` + `duration`, as an ISO timestamp. Month ends clamp (31 Jan + P1M = 28/29 Feb). */
export function addDuration(fromIso: string, duration: string | Duration): string {
  const d = typeof duration === 'string' ? parseDuration(duration) : duration;
  const from = new Date(fromIso);
  if (Number.isNaN(from.getTime())) throw new Error(`Not a timestamp: ${fromIso}`);
  const totalMonths = d.years * 12 + d.months;
  const targetMonthIndex = from.getUTCMonth() + totalMonths;
  const year = from.getUTCFullYear() + Math.floor(targetMonthIndex / 12);
  const month = ((targetMonthIndex % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(from.getUTCDate(), lastDay);
  const base = Date.UTC(
    year,
    month,
    day,
    from.getUTCHours(),
    from.getUTCMinutes(),
    from.getUTCSeconds(),
    from.getUTCMilliseconds(),
  );
  const ms =
    base +
    ((d.weeks * 7 + d.days) * 24 * 3600 + d.hours * 3600 + d.minutes * 60 + d.seconds) * 1000;
  return new Date(ms).toISOString();
}

/** Whole days between two instants (rounded down). */
export function daysBetween(fromIso: string, toIso: string): number {
  return Math.floor((Date.parse(toIso) - Date.parse(fromIso)) / 86_400_000);
}

/** True when `duration` added to any start date always spans at least `days` days. */
export function isAtLeastDays(duration: string, days: number): boolean {
  const d = parseDuration(duration);
  // The shortest month is 28 days; the shortest year 365.
  const minimumDays =
    d.years * 365 +
    d.months * 28 +
    d.weeks * 7 +
    d.days +
    (d.hours * 3600 + d.minutes * 60 + d.seconds) / 86400;
  return minimumDays >= days;
}
