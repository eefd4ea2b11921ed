import { ConfigError, loadConfig } from '@ariadne/config';
import { createDataSource, rebuildReadModels } from '@ariadne/persistence';
import {
  localCaseKeyStore,
  openIdentityOnly,
  SecurityConfigError,
  securityConfigFromEnv,
} from '@ariadne/security';

const USAGE = `Usage: npm run rebuild [-- --verify] [-- --batch-size=N]
  Folds every read model (case summaries, inbox rows, the boards' counts) again from case_events
  into new tables and swaps them in while the API keeps serving (docs/adr/0016).
  --verify        compare the rebuilt tables with the live ones instead of swapping; exit 1 if
                  any row differs (the differing rows' opaque keys are printed)
  --batch-size=N  events per read of the log (1,000 to 200,000; default 20,000)`;

/** Parses the arguments, validates the configuration, runs the rebuild; returns the exit code. */
export async function main(args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  let verify = false;
  let batchSize = 20_000;
  for (const a of args) {
    if (a === '--verify') verify = true;
    else if (/^--batch-size=\d+$/.test(a)) batchSize = Number(a.slice('--batch-size='.length));
    else {
      process.stderr.write(`${a === '--help' ? '' : `Unknown argument.\n`}${USAGE}\n`);
      return a === '--help' ? 0 : 2;
    }
  }
  if (batchSize < 1_000 || batchSize > 200_000) {
    process.stderr.write(`--batch-size must be between 1000 and 200000\n${USAGE}\n`);
    return 2;
  }
  let databaseUrl: string;
  try {
    databaseUrl = loadConfig(env).DATABASE_URL;
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
  // ADR 0017: the counts of sex, age band and citizenship are derived from her identity, which
  // only the case's key opens: the master key is needed, as the worker needs it.
  let masterKeys: ReturnType<typeof securityConfigFromEnv>['masterKeys'];
  try {
    masterKeys = securityConfigFromEnv(env).masterKeys;
  } catch (e) {
    if (e instanceof SecurityConfigError) {
      process.stderr.write(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const ds = await createDataSource(databaseUrl).initialize();
  const keys = localCaseKeyStore(ds, masterKeys);
  let report: Awaited<ReturnType<typeof rebuildReadModels>>;
  try {
    report = await rebuildReadModels({
      databaseUrl,
      batchSize,
      swap: !verify,
      log: (line) => process.stderr.write(`[rebuild] ${line}\n`),
      openIdentity: (caseId, data) => openIdentityOnly(keys, caseId, data),
    });
  } catch (e) {
    // The live read models are untouched: the rebuilt tables are dropped, nothing was swapped.
    process.stderr.write(`[rebuild] failed, nothing swapped: ${(e as Error).message}\n`);
    return 1;
  } finally {
    await ds.destroy();
  }
  const { differences, ...figures } = report;
  process.stdout.write(`${JSON.stringify({ ...figures, differences: differences.length })}\n`);
  for (const d of differences) {
    process.stdout.write(
      `${d.table}: ${d.onlyLive.length} live rows differ from the log, ` +
        `${d.onlyRebuilt.length} rebuilt rows are not live\n` +
        `  live only: ${d.onlyLive.slice(0, 20).join(' ')}\n` +
        `  rebuilt only: ${d.onlyRebuilt.slice(0, 20).join(' ')}\n`,
    );
  }
  return differences.length > 0 ? 1 : 0;
}
