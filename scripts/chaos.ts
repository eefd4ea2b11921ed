/**
 * `npm run chaos`: the fault harness on a stack of its own (test/chaos/harness.ts). Prints the
 * report table; exits 1 when anything acknowledged was lost or duplicated, a case's versions
 * have a gap, a 5xx other than 503 with Retry-After was answered, a retried key answered
 * differently, or a case summary differs from a fold of its events.
 *
 *   npm run chaos                                  1,000 cases, each fault twice
 *   npm run chaos -- --short                       50 cases, each fault once (as in CI)
 *   npm run chaos -- --cases 200 --rounds 1 --faults worker-kill,postgres-restart
 *   npm run chaos -- --temporal-address 127.0.0.1:7233   a running Temporal; its restart is then left out
 *   npm run chaos -- --cluster                     the Temporal cluster of `npm run up -- --cluster`
 *                                                  (127.0.0.1:7233 unless --temporal-address): its
 *                                                  restart kills -9 one service at a time
 */
import { join } from 'node:path';
import {
  type ChaosOptions,
  FAULT_KINDS,
  type FaultKind,
  formatReport,
  LONG,
  runChaos,
  SHORT,
} from '../test/chaos/harness';

function parse(argv: string[]): ChaosOptions {
  let o: ChaosOptions = { ...LONG };
  const numeric: Record<string, keyof ChaosOptions> = {
    '--cases': 'cases',
    '--rounds': 'rounds',
    '--callers': 'callers',
    '--rate': 'rate',
    '--before': 'beforeSeconds',
    '--after': 'afterSeconds',
    '--give-up': 'giveUpSeconds',
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const [name, inline] = a.includes('=') ? a.split('=', 2) : [a, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${name} needs a value`);
      return v;
    };
    if (name === '--short') o = { ...SHORT, ...pick(o, ['temporalAddress', 'clusterRunDir']) };
    else if (name === '--cluster') {
      const data = process.env.ARIADNE_DATA_DIR ?? join(__dirname, '..', '.data');
      o = {
        ...o,
        temporalAddress: o.temporalAddress ?? '127.0.0.1:7233',
        clusterRunDir: join(data, 'run'),
      };
    } else if (name === '--temporal-address') {
      const v = value();
      if (!/^(127\.\d+\.\d+\.\d+|localhost|\[::1\]):\d+$/.test(v)) {
        throw new Error('--temporal-address must be on loopback (host:port)');
      }
      o = { ...o, temporalAddress: v };
    } else if (name === '--faults') {
      const faults = value().split(',') as FaultKind[];
      const bad = faults.filter((f) => !FAULT_KINDS.includes(f));
      if (bad.length)
        throw new Error(`unknown fault ${bad.join(', ')}; known: ${FAULT_KINDS.join(', ')}`);
      o = { ...o, faults };
    } else if (name !== undefined && name in numeric) {
      const n = Number(value());
      if (!Number.isFinite(n) || n <= 0 || n > 100_000)
        throw new Error(`${name} must be a positive number`);
      o = { ...o, [numeric[name] as string]: n };
    } else throw new Error(`unknown option ${a}`);
  }
  return o;
}

function pick<T extends object>(o: T, keys: Array<keyof T>): Partial<T> {
  return Object.fromEntries(
    keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]),
  ) as Partial<T>;
}

async function main(): Promise<void> {
  const options = parse(process.argv.slice(2));
  const started = Date.now();
  const report = await runChaos({
    ...options,
    log: (line) => process.stderr.write(`[chaos] ${line}\n`),
  });
  process.stdout.write(formatReport(report) + '\n');
  process.stdout.write(`took ${Math.round((Date.now() - started) / 1000)} s\n`);
  // Exit now: nothing of the run is left to wait for (its stack is stopped).
  process.exit(report.ok ? 0 : 1);
}

main().catch((e: unknown) => {
  process.stderr.write(`chaos: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
});
