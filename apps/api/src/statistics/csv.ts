/**
 * RFC 4180 CSV. A field that a spreadsheet would run as a formula (leading =, +, -, @, tab or
 * carriage return) is prefixed with an apostrophe; fields with a comma, quote or line break
 * are quoted.
 */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(
  header: readonly string[],
  rows: ReadonlyArray<Readonly<Record<string, string | number | boolean | null | undefined>>>,
): string {
  const line = (values: ReadonlyArray<string | number | boolean | null | undefined>): string =>
    values.map(csvField).join(',') + '\r\n';
  return line(header) + rows.map((r) => line(header.map((h) => r[h]))).join('');
}
