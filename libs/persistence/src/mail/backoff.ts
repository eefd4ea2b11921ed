/**
 * When to try a failed delivery again: exponential backoff (base × 2^(attempt−1)), capped, with
 * "full jitter" on the upper half so that many messages failing together (the server was down)
 * do not all come back at the same instant. `random` is injectable for tests.
 */
export function backoffDelayMs(
  attempt: number,
  options: { readonly baseMs: number; readonly capMs: number },
  random: () => number = Math.random,
): number {
  const n = Math.max(1, Math.floor(attempt));
  const exp = Math.min(options.capMs, options.baseMs * 2 ** Math.min(n - 1, 30));
  return Math.round(exp / 2 + (exp / 2) * random());
}
