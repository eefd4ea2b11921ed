const DAY = 86_400_000;

/** Whole days from one instant to another (a period's length, days left). */
export function daysBetween(from: string | number, to: string): number {
  const start = typeof from === 'number' ? from : Date.parse(from);
  return Math.round((Date.parse(to) - start) / DAY);
}

/** Days left until an instant, counted up (part of a day left is a day left); never negative. */
export function daysLeft(to: string, now = Date.now()): number {
  return Math.max(0, Math.ceil((Date.parse(to) - now) / DAY));
}
