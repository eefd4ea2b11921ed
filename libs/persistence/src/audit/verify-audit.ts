/**
 * Verifies the audit trail's hash chain: `node dist/libs/persistence/src/audit/verify-audit.js
 * [anchor-file]`. Prints OK with the number of entries and the head, or the first broken link
 * and exits with 1 (2 when it could not verify at all). Reads DATABASE_URL through the validated
 * configuration, the keys from ARIADNE_AUDIT_KEYS, and checks the latest anchor of the file
 * given, else of ARIADNE_AUDIT_ANCHOR_FILE when set.
 */
import { ConfigError, loadConfig } from '@ariadne/config';
import { AuditKeyError } from './audit-keys';
import { verifyAuditCommand } from './verify-command';

async function main(): Promise<number> {
  const config = loadConfig();
  return verifyAuditCommand(
    config.DATABASE_URL,
    {
      out: (line) => process.stdout.write(`${line}\n`),
      err: (line) => process.stderr.write(`${line}\n`),
    },
    { anchorFile: process.argv[2] ?? config.ARIADNE_AUDIT_ANCHOR_FILE },
  );
}

/**
 * A configuration error names the bad variables; anything else is told by type and code only
 * (such as ECONNREFUSED or a SQLSTATE), as a driver's message may quote connection details.
 */
function describeFailure(e: unknown): string {
  if (e instanceof ConfigError || e instanceof AuditKeyError) return e.message;
  const code = (e as { code?: unknown } | null)?.code;
  const safeCode = typeof code === 'string' && /^[A-Z0-9_]{1,32}$/.test(code) ? ` (${code})` : '';
  return `${e instanceof Error ? e.name : 'error'}${safeCode}`;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`Audit verification failed: ${describeFailure(e)}\n`);
    process.exit(2);
  },
);
