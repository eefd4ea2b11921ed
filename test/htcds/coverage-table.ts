/** Prints docs/htcds.md's field table from the standard and HTCDS_COVERAGE (npx ts-node-free: jest). */
import { HTCDS_COVERAGE } from '@ariadne/domain';
import { readStandard } from './standard';

export function coverageTable(): { table: string; counts: Record<string, Record<string, number>> } {
  const counts: Record<string, Record<string, number>> = { core: {}, 'non-core': {} };
  const lines = ['| Field | Core | Status | Ariadne | Where / why |', '|---|---|---|---|---|'];
  for (const f of readStandard()) {
    const c = HTCDS_COVERAGE[f.name];
    const kind = c?.coverage ?? 'missing';
    const group = f.core ? 'core' : 'non-core';
    counts[group]![kind] = (counts[group]![kind] ?? 0) + 1;
    lines.push(
      `| \`${f.name}\` | ${f.core ? 'core' : ''} | ${f.status} | ${kind} | ${c?.source ?? ''} |`,
    );
  }
  return { table: lines.join('\n'), counts };
}
