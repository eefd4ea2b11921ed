import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { coverageTable } from './coverage-table';

/** A markdown table row as its trimmed cells (Prettier pads them). */
const cells = (line: string): string =>
  line
    .split('|')
    .map((c) => c.trim())
    .join('|');

/**
 * docs/htcds.md's field table is the code's table (HTCDS_COVERAGE against the .ods): print it
 * with ARIADNE_WRITE_HTCDS_TABLE=1 and paste it when the mapping changes.
 */
it('docs/htcds.md holds the current coverage table and counts', () => {
  const { table, counts } = coverageTable();
  const text = readFileSync(join(__dirname, '..', '..', 'docs', 'htcds.md'), 'utf8');
  if (process.env['ARIADNE_WRITE_HTCDS_TABLE'] === '1') {
    process.stdout.write(`${JSON.stringify(counts)}\n${table}\n`);
  }
  const doc = new Set(
    text
      .split('\n')
      .filter((l) => l.startsWith('| `'))
      .map(cells),
  );
  const rows = table
    .split('\n')
    .filter((l) => l.startsWith('| `'))
    .map(cells);
  expect(rows).toHaveLength(83);
  expect(rows.filter((r) => !doc.has(r))).toEqual([]);
  const line = (group: 'core' | 'non-core'): string => {
    const c = counts[group] ?? {};
    const n = (k: string): number => c[k] ?? 0;
    const total = n('exported') + n('generalised') + n('identifier') + n('not-held');
    return cells(
      `| ${group} | ${n('exported')} | ${n('generalised')} | ${n('identifier')} | ${n('not-held')} | ${total} |`,
    );
  };
  const docLines = new Set(text.split('\n').map(cells));
  expect(docLines.has(line('core'))).toBe(true);
  expect(docLines.has(line('non-core'))).toBe(true);
});
