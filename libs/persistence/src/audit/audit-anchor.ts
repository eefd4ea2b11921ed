import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * An anchor: the chain's head (seq and hash) at a time, kept outside the database (a file an
 * operator ships elsewhere, and the log). A chain that no longer contains the anchored entry
 * with the anchored hash was truncated or rewritten, however consistent it is in itself.
 */
export interface AuditAnchor {
  readonly at: Date;
  readonly seq: number;
  readonly hash: Buffer;
}

const HEX64 = /^[0-9a-f]{64}$/;

/** One JSON line: `{"at":"…","seq":N,"hash":"<hex>"}`. */
export function formatAnchor(a: AuditAnchor): string {
  return JSON.stringify({ at: a.at.toISOString(), seq: a.seq, hash: a.hash.toString('hex') });
}

export function parseAnchor(line: string): AuditAnchor | null {
  try {
    const v = JSON.parse(line) as { at?: unknown; seq?: unknown; hash?: unknown };
    const at = typeof v.at === 'string' ? new Date(v.at) : null;
    if (
      !at ||
      Number.isNaN(at.getTime()) ||
      typeof v.seq !== 'number' ||
      !Number.isSafeInteger(v.seq) ||
      v.seq < 1 ||
      typeof v.hash !== 'string' ||
      !HEX64.test(v.hash)
    ) {
      return null;
    }
    return { at, seq: v.seq, hash: Buffer.from(v.hash, 'hex') };
  } catch {
    return null;
  }
}

/** Appends one anchor line to the file (created with its directory, readable by its owner). */
export async function appendAnchor(file: string, anchor: AuditAnchor): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await appendFile(file, `${formatAnchor(anchor)}\n`, { encoding: 'utf8', mode: 0o600 });
}

/** The anchor with the highest seq in the file; null when there is no file or no anchor yet. */
export async function readLatestAnchor(file: string): Promise<AuditAnchor | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as { code?: unknown }).code === 'ENOENT') return null;
    throw e;
  }
  let latest: AuditAnchor | null = null;
  for (const line of text.split('\n')) {
    const a = line.trim() ? parseAnchor(line.trim()) : null;
    if (a && (!latest || a.seq >= latest.seq)) latest = a;
  }
  return latest;
}
