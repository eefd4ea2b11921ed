import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { XMLParser } from 'fast-xml-parser';

/** The reference copies of HTCDS 2.0 (CC BY 4.0, IOM; see SOURCE.md next to them). */
export const HTCDS_FIXTURES = join(__dirname, '..', 'fixtures', 'htcds');
export const HTCDS_ODS = join(HTCDS_FIXTURES, 'HTCDS Field Standards 2.0.ods');
export const HTCDS_TEMPLATE = join(
  HTCDS_FIXTURES,
  'HTCDS Excel Spreadsheet single select with validation v2.0.xlsx',
);

/** One field of the standard, as `HTCDS Field Standards 2.0.ods` lists it. */
export interface StandardField {
  readonly status: string;
  readonly core: boolean;
  readonly prefix: string;
  /** Field name including prefix, e.g. "vic_TypeOfExploitation". */
  readonly name: string;
  readonly type: string;
  /** Picklist value names → labels (empty for other types). */
  readonly values: ReadonlyMap<string, string>;
}

type Node = Record<string, unknown>;
const asArray = (v: unknown): Node[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]) as Node[];

/** The text of an ODS cell: its paragraphs joined by newlines (spans and spaces flattened). */
function cellText(cell: Node): string {
  const text = (n: unknown): string => {
    if (n === null || n === undefined) return '';
    if (typeof n === 'string' || typeof n === 'number') return String(n);
    if (Array.isArray(n)) return n.map(text).join('');
    const o = n as Node;
    let s = '';
    for (const [k, v] of Object.entries(o)) {
      if (k === '#text' || k === 'text:span' || k === 'text:a') s += text(v);
      else if (k === 'text:s') s += ' ';
    }
    return s;
  };
  return asArray(cell['text:p'])
    .map((p) => text(p))
    .join('\n');
}

/** Reads the standard's single sheet ("Field_Standards"): one row per field, header first. */
export function readStandard(path = HTCDS_ODS): StandardField[] {
  const zip = unzipSync(readFileSync(path));
  const content = zip['content.xml'];
  if (!content) throw new Error('not an OpenDocument spreadsheet: no content.xml');
  const xml = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    preserveOrder: false,
    trimValues: false,
    isArray: (name) => ['table:table-row', 'table:table-cell', 'text:p'].includes(name),
  }).parse(strFromU8(content)) as Node;
  const body = (xml['office:document-content'] as Node)['office:body'] as Node;
  const table = asArray((body['office:spreadsheet'] as Node)['table:table'])[0];
  if (!table) throw new Error('no table');
  const rows: string[][] = [];
  for (const row of asArray(table['table:table-row'])) {
    const cells: string[] = [];
    for (const cell of asArray(row['table:table-cell'])) {
      const repeat = Math.min(Number(cell['@table:number-columns-repeated'] ?? 1), 32);
      const t = cellText(cell);
      for (let i = 0; i < repeat; i++) cells.push(t);
    }
    rows.push(cells);
  }
  const header = rows[0] ?? [];
  const col = (label: string): number => {
    const i = header.indexOf(label);
    if (i < 0) throw new Error(`the standard has no column "${label}"`);
    return i;
  };
  const [cStatus, cCore, cPrefix, cName, cType, cValues, cLabels] = [
    col('Status'),
    col('Core'),
    col('Field Name Prefix'),
    col('Field Name including Prefix'),
    col('Field Type'),
    col('Value Names (if picklist)'),
    col('Value Labels (if picklist)'),
  ];
  const fields: StandardField[] = [];
  for (const r of rows.slice(1)) {
    const name = (r[cName] ?? '').trim();
    if (!/^[a-z]{3}_[A-Za-z]+$/.test(name)) continue;
    const type = (r[cType] ?? '').trim();
    const names = (r[cValues] ?? '').split('\n').map((s) => s.trim());
    const labels = (r[cLabels] ?? '').split('\n').map((s) => s.replace(/\u00a0/g, ' ').trim());
    const values = new Map<string, string>();
    if (/^(Picklist|Multiselect)/.test(type)) {
      names.forEach((n, i) => {
        if (/^[A-Za-z0-9_]+$/.test(n)) values.set(n, labels[i] ?? '');
      });
    }
    fields.push({
      status: (r[cStatus] ?? '').trim(),
      core: (r[cCore] ?? '').trim() === 'Core',
      prefix: (r[cPrefix] ?? '').trim(),
      name,
      type,
      values,
    });
  }
  return fields;
}
