import {
  HTCDS_EXPORT_COLUMNS,
  exportMetadata,
  kAnonymise,
  type HtcdsExportRow,
} from '@ariadne/domain';
import { htcdsCsv } from './htcds.service';

describe('the HTCDS CSV', () => {
  const meta = exportMetadata(kAnonymise([], { k: 5 }), 'SE', 5, '2026-12-07T00:00:00.000Z');

  it('starts with the standard, its version and the attribution, then the header row', () => {
    const lines = htcdsCsv({ metadata: meta, rows: [] }).split('\r\n');
    expect(lines[0]).toBe('# HTCDS 2.0 de-identified case-level export');
    expect(lines[1]).toContain('Human Trafficking Case Data Standard (HTCDS) 2.0 by IOM');
    expect(lines[1]).toContain('CC BY 4.0');
    expect(lines[2]).toContain('k=5');
    expect(lines[3]).toBe(HTCDS_EXPORT_COLUMNS.join(','));
  });

  it('sends every cell through the formula-injection guard', () => {
    const row = Object.fromEntries(HTCDS_EXPORT_COLUMNS.map((c) => [c, ''])) as Record<
      string,
      string
    >;
    row['cas_ReasonForCaseClosure'] = '=HYPERLINK("x")';
    row['prs_Citizenship'] = '+RO';
    const csv = htcdsCsv({ metadata: meta, rows: [row as HtcdsExportRow] });
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain("'+RO");
    expect(csv).not.toMatch(/,=|,\+RO/);
  });
});
