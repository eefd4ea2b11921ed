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
  return shift(fromIso, duration, 1);
}

/** `from` − `duration`: the same calendar arithmetic backwards (31 Mar − P1M = 28/29 Feb). */
export function subtractDuration(fromIso: string, duration: string | Duration): string {
  return shift(fromIso, duration, -1);
}

function shift(fromIso: string, duration: string | Duration, sign: 1 | -1): string {
  const d = typeof duration === 'string' ? parseDuration(duration) : duration;
  const from = new Date(fromIso);
  if (Number.isNaN(from.getTime())) throw new Error(`Not a timestamp: ${fromIso}`);
  const totalMonths = sign * (d.years * 12 + d.months);
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
  const seconds = (d.weeks * 7 + d.days) * 24 * 3600 + d.hours * 3600 + d.minutes * 60 + d.seconds;
  return new Date(base + sign * seconds * 1000).toISOString();
}

/** Reference dates that cover every month length, so comparisons hold from any start date. */
const REFERENCE_STARTS: readonly string[] = [
  ...Array.from({ length: 12 }, (_, m) => Date.UTC(2027, m, 1)),
  ...Array.from({ length: 12 }, (_, m) => Date.UTC(2027, m + 1, 0)),
  Date.UTC(2028, 1, 29),
].map((ms) => new Date(ms).toISOString());

/** True when `a` is never shorter than `b`, whatever the start date. */
export function isNeverShorter(a: string, b: string): boolean {
  return REFERENCE_STARTS.every(
    (start) => Date.parse(addDuration(start, a)) >= Date.parse(addDuration(start, b)),
  );
}

/** True when the duration is longer than zero. */
export function isPositive(duration: string): boolean {
  const start = REFERENCE_STARTS[0] as string;
  return Date.parse(addDuration(start, duration)) > Date.parse(start);
}

/** The earlier / later of two ISO instants. */
export function earlier(a: string, b: string): string {
  return Date.parse(a) <= Date.parse(b) ? a : b;
}
export function later(a: string, b: string): string {
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/** The instant halfway between two instants (rounded down to the millisecond). */
export function midpoint(a: string, b: string): string {
  return new Date(Math.floor((Date.parse(a) + Date.parse(b)) / 2)).toISOString();
}

/** `a` is at or after `b`. */
export function isAtOrAfter(a: string, b: string): boolean {
  return Date.parse(a) >= Date.parse(b);
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
