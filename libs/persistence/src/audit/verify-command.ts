import { createDataSource } from '../data-source';
import { AuditTrail } from './audit-trail';

export interface CommandOutput {
  out(line: string): void;
  err(line: string): void;
}

/**
 * Verifies the audit trail of the database: prints OK with the count and the head (to record
 * elsewhere as an anchor) and returns 0, or prints the first broken link and returns 1.
 */
export async function verifyAuditCommand(databaseUrl: string, io: CommandOutput): Promise<number> {
  const ds = await createDataSource(databaseUrl).initialize();
  try {
    const trail = new AuditTrail(ds);
    const result = await trail.verify();
    if (!result.ok) {
      io.err(`BROKEN at audit entry ${result.firstBrokenSeq}: ${result.reason}`);
      return 1;
    }
    const head = await trail.head();
    const anchor = head ? `; head ${head.seq} sha256:${head.hash.toString('hex')}` : '';
    io.out(`OK: ${result.count} audit entries verified${anchor}`);
    return 0;
  } finally {
    await ds.destroy();
  }
}
