import ExcelJS from 'exceljs';
import {
  GENDER,
  METHOD_OF_RECRUITMENT,
  METHODS_OF_CONTROL,
  TRAFFICKING_STATUS,
  TYPE_OF_EXPLOITATION,
  TYPE_OF_SEX_EXPLOITATION,
  CASE_STATUS,
  DECISION_MAKING_ORG,
} from '@ariadne/domain';
import { seededRandom } from '../support/seeded';
import { HTCDS_TEMPLATE } from './standard';

/** One synthetic case, as the template's columns (field name → cell value, labels for picklists). */
export type SyntheticRow = Record<string, string | Date>;

const FIRST = ['Ana', 'Maria', 'Ioana', 'Elena', 'Olena', 'Iryna', 'Grace', 'Joy', 'Lina', 'Mei'];
const LAST = ['Popa', 'Ionescu', 'Kovalenko', 'Okafor', 'Nguyen', 'Santos', 'Horvat', 'Berzina'];
const CITIZENSHIP = ['RO', 'UA', 'NG', 'VN', 'BG', 'MD', 'RO;MD', 'PH'];

export function syntheticCases(n = 50, seed = 10): SyntheticRow[] {
  const r = seededRandom(seed);
  const any = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const labels = <V extends string>(p: Readonly<Record<V, string>>, k: number): string =>
    [...new Set(Array.from({ length: k }, () => any(Object.values(p) as string[])))].join(';');
  const rows: SyntheticRow[] = [];
  for (let i = 0; i < n; i++) {
    const year = 1975 + Math.floor(r() * 30);
    const birth = new Date(Date.UTC(year, Math.floor(r() * 12), 1 + Math.floor(r() * 28)));
    const referral = new Date(
      Date.UTC(2024 + Math.floor(r() * 2), Math.floor(r() * 12), 1 + Math.floor(r() * 28)),
    );
    const status = i % 10 === 9 ? CASE_STATUS.Closed : CASE_STATUS.Active;
    const exploitation = labels(TYPE_OF_EXPLOITATION, 1 + Math.floor(r() * 2));
    const row: SyntheticRow = {
      prs_FirstName: any(FIRST),
      prs_SecondName: any(LAST),
      con_Consent: 'Yes',
      prs_Birthdate: birth,
      prs_Gender: i % 7 === 0 ? GENDER.NonSpecifiedUnknown : GENDER.Feminine,
      prs_Citizenship: any(CITIZENSHIP),
      prs_Email: `case${i + 1}@example.org`,
      prs_MobilePhone: `+4670000${String(1000 + i)}`,
      prs_MailingCity: 'Malmö',
      prs_MailingCountry: 'SE',
      vic_TraffickingStatus:
        i % 5 === 4
          ? TRAFFICKING_STATUS.NotAVictimOfTrafficking
          : TRAFFICKING_STATUS.PossibleVictimOfTrafficking,
      vic_TraffickinStatusDecisionMakingOrg: any([
        DECISION_MAKING_ORG.Police,
        DECISION_MAKING_ORG.NGO,
      ]),
      vic_MethodOfRecruitment: labels(METHOD_OF_RECRUITMENT, 1 + Math.floor(r() * 2)),
      vic_MethodsOfControl: labels(METHODS_OF_CONTROL, 1 + Math.floor(r() * 3)),
      vic_TypeOfExploitation: exploitation,
      cas_Status: status,
      cas_IncomingReferralDate: referral,
    };
    if (exploitation.includes(TYPE_OF_EXPLOITATION.SexualExploitation)) {
      row['vic_TypeOfSexExploitation'] = labels(TYPE_OF_SEX_EXPLOITATION, 1);
    }
    if (status === CASE_STATUS.Closed) row['cas_ReasonForCaseClosure'] = 'support-completed';
    rows.push(row);
  }
  return rows;
}

/**
 * The real HTCDS 2.0 Excel template with `rows` filled in from row 3 (column A numbers each
 * case), everything else of the template (labels, validation sheet, "about") left as it is.
 */
export async function templateWith(rows: readonly SyntheticRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(HTCDS_TEMPLATE);
  const ws = wb.getWorksheet('Case Sheet');
  if (!ws) throw new Error('the template has no "Case Sheet"');
  const column = new Map<string, number>();
  ws.getRow(1).eachCell((cell, n) => column.set(String(cell.value).trim(), n));
  rows.forEach((row, i) => {
    const excelRow = ws.getRow(3 + i);
    excelRow.getCell(1).value = i + 1;
    for (const [field, value] of Object.entries(row)) {
      const n = column.get(field);
      if (n === undefined) throw new Error(`the template has no column ${field}`);
      excelRow.getCell(n).value = value;
    }
    excelRow.commit();
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
