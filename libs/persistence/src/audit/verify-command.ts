import { createDataSource } from '../data-source';
import { readLatestAnchor } from './audit-anchor';
import type { AuditKeyring } from './audit-keys';
import { AuditTrail } from './audit-trail';

export interface CommandOutput {
  out(line: string): void;
  err(line: string): void;
}

export interface VerifyCommandOptions {
  /** The audit keys (ARIADNE_AUDIT_KEYS); read from the environment when absent. */
  readonly keys?: AuditKeyring;
  /** A file of anchors (ARIADNE_AUDIT_ANCHOR_FILE): the chain must still hold the latest. */
  readonly anchorFile?: string;
}

/**
 * Verifies the audit trail of the database: prints OK with the count and the head (to record
 * elsewhere as an anchor) and returns 0, or prints the first broken link and returns 1. With an
 * anchor file, also that the chain still holds its latest anchor (not truncated nor rewritten).
 */
export async function verifyAuditCommand(
  databaseUrl: string,
  io: CommandOutput,
  options: VerifyCommandOptions = {},
): Promise<number> {
  const ds = await createDataSource(databaseUrl).initialize();
  try {
    const trail = new AuditTrail(ds, options.keys);
    const anchor = options.anchorFile ? await readLatestAnchor(options.anchorFile) : null;
    const result = await trail.verify({ anchor });
    if (!result.ok) {
      io.err(`BROKEN at audit entry ${result.firstBrokenSeq}: ${result.reason}`);
      return 1;
    }
    const head = await trail.head();
    const headText = head ? `; head ${head.seq} ${head.hash.toString('hex')}` : '';
    const anchorText = anchor ? `; anchor ${anchor.seq} holds` : '';
    io.out(`OK: ${result.count} audit entries verified${headText}${anchorText}`);
    return 0;
  } finally {
    await ds.destroy();
  }
}
