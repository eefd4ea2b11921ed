/**
 * Verifies the audit trail's hash chain: `node dist/libs/persistence/src/audit/verify-audit.js`.
 * Prints OK with the number of entries and the head, or the first broken link and exits with 1
 * (2 when it could not verify at all). Reads DATABASE_URL through the validated configuration.
 */
import { ConfigError, loadConfig } from '@ariadne/config';
import { verifyAuditCommand } from './verify-command';

async function main(): Promise<number> {
  return verifyAuditCommand(loadConfig().DATABASE_URL, {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    // A configuration error names the bad variables; anything else by type only, as a driver's
    // message may quote connection details.
    const what = e instanceof ConfigError ? e.message : e instanceof Error ? e.name : 'error';
    process.stderr.write(`Audit verification failed: ${what}\n`);
    process.exit(2);
  },
);
