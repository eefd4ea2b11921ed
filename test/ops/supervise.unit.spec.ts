/**
 * scripts/supervise.sh, which `npm run up` runs every process under: a crashed process (kill -9)
 * is started again and counted; stopping the supervisor stops the process for good.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

jest.setTimeout(30_000);

const SCRIPT = join(__dirname, '../../scripts/supervise.sh');
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
async function until<T>(what: string, get: () => T | undefined): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const v = get();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('scripts/supervise.sh', () => {
  let sup: ChildProcess | undefined;
  afterEach(() => {
    if (sup?.pid && alive(sup.pid)) process.kill(sup.pid, 'SIGKILL');
  });

  it('starts a killed process again, counts it, and stops it when stopped itself', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'supervise-'));
    const log = join(dir, 'x.log');
    sup = spawn('bash', [SCRIPT, 'x', dir, log, 'sleep', '60'], { stdio: 'ignore' });
    const read = (f: string): string | undefined =>
      existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8').trim() || undefined : undefined;

    const first = Number(await until('the first child', () => read('x.child')));
    expect(alive(first)).toBe(true);
    expect(read('x.restarts') ?? '0').toBe('0');

    process.kill(first, 'SIGKILL');
    const second = Number(
      await until('a restarted child', () => {
        const c = read('x.child');
        return c && Number(c) !== first ? c : undefined;
      }),
    );
    expect(alive(second)).toBe(true);
    expect(read('x.restarts')).toBe('1');
    expect(readFileSync(log, 'utf8')).toMatch(
      /\[supervise\] .* x exited \(status 137\); restart 1/,
    );

    const exited = new Promise<void>((r) => sup!.once('exit', () => r()));
    process.kill(sup.pid!, 'SIGTERM');
    await exited;
    await until('the child to stop', () => (alive(second) ? undefined : true));
    expect(read('x.restarts')).toBe('1');
    expect(read('x.child')).toBeUndefined();
  });
});
