/**
 * Benchmark (not a timed test): throughput of audited requests through the whole API on the
 * harness (scratch database, Temporal dev server), with scripts/bench-audit.mjs (autocannon,
 * 8 connections × 10 s on loopback). Run:
 * `npm run bench:audit`. Prints the script's JSON lines and
 * checks afterwards that the trail is still one gapless, verifiable chain.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { AuditTrail } from '@ariadne/persistence';
import { type ApiStack, startApiStack } from '../support/stack';
import { loginWithSecondFactor } from '../support/second-factor';

jest.setTimeout(10 * 60_000);

describe('audited request throughput', () => {
  let stack: ApiStack;
  beforeAll(async () => {
    stack = await startApiStack();
  });
  afterAll(() => stack?.close());

  it('measures audited and unaudited requests, and the chain stays whole', async () => {
    const login = await loginWithSecondFactor(
      stack.baseUrl,
      'se-auditor',
      (await import('../support/stack')).DEMO_PASSWORD,
    );
    const { stdout } = await promisify(execFile)('node', ['scripts/bench-audit.mjs'], {
      env: { ...process.env, ARIADNE_URL: stack.baseUrl, BENCH_TOKEN: login.body.accessToken },
      timeout: 5 * 60_000,
    });
    const lines = stdout.trim().split('\n');
    for (const l of lines) process.stdout.write(`${l}\n`);
    const results = lines.map((l) => JSON.parse(l) as { non2xx: number; requests: number });
    for (const r of results) {
      expect(r.non2xx).toBe(0);
      expect(r.requests).toBeGreaterThan(0);
    }
    const verified = await stack.api.get(AuditTrail).verify();
    process.stdout.write(`verify: ${JSON.stringify(verified)}\n`);
    expect(verified.ok).toBe(true);
  });
});
