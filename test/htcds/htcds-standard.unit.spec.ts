import {
  CLOSURE_REASONS,
  HTCDS_COVERAGE,
  HTCDS_EXPORT_COLUMNS,
  HTCDS_TYPES_OF_EXPLOITATION,
  PICKLISTS,
  REFERRAL_PURPOSES,
  REFERRAL_REASON,
  SERVICE_KINDS,
  SUPPORT_PLAN_TYPE_OF,
  caseStatus,
  toHtcdsRow,
  traffickingStatus,
  type HtcdsCaseFacts,
} from '@ariadne/domain';
import { ORGANISATION_TYPES } from '../../libs/persistence/src/identity/identity.constants';
import { readStandard, type StandardField } from './standard';

/**
 * The CI check against the standard itself: `HTCDS Field Standards 2.0.ods` (IOM, CC BY 4.0) is
 * read as it is published, and every column and picklist value the HTCDS export can write must
 * be in it; every core field the case holds must be exported.
 */
const standard = readStandard();
const byName = new Map<string, StandardField>(standard.map((f) => [f.name, f]));
const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

const base: HtcdsCaseFacts = {
  organisationType: 'NGO',
  country: 'SE',
  openedAt: '2026-03-04T10:00:00.000Z',
  referralSource: 'police',
  status: 'open',
  followUp: false,
  servicesProvided: [],
  victim: {},
  person: {},
};

/** Every fact combination that changes a picklist cell of the export. */
function everyVariant(): HtcdsCaseFacts[] {
  const out: HtcdsCaseFacts[] = [];
  for (const identification of [undefined, 'reasonable-grounds', 'no-reasonable-grounds'] as const)
    for (const conclusive of [undefined, 'positive', 'negative'] as const)
      for (const identificationDecider of [
        undefined,
        'police',
        'migration-authority',
        'ngo',
        'other',
      ] as const)
        out.push({
          ...base,
          ...(identification && { identification }),
          ...(conclusive && { conclusive }),
          ...(identificationDecider && { identificationDecider }),
        });
  for (const closureReason of CLOSURE_REASONS)
    out.push({ ...base, status: 'closed', closureReason });
  out.push({ ...base, followUp: true });
  for (const purpose of REFERRAL_PURPOSES)
    out.push({ ...base, outgoingReferral: { purpose, sentAt: '2026-04-01T00:00:00.000Z' } });
  out.push({ ...base, servicesProvided: SERVICE_KINDS });
  for (const organisationType of ORGANISATION_TYPES) out.push({ ...base, organisationType });
  out.push({
    ...base,
    victim: {
      typeOfExploitation: HTCDS_TYPES_OF_EXPLOITATION,
      typeOfSexExploitation: Object.keys(PICKLISTS['vic_TypeOfSexExploitation'] ?? {}) as never,
      methodOfRecruitment: Object.keys(PICKLISTS['vic_MethodOfRecruitment'] ?? {}) as never,
      methodsOfControl: Object.keys(PICKLISTS['vic_MethodsOfControl'] ?? {}) as never,
    },
    person: { gender: 'TransgenderFeminine', birthDate: '1990-02-03', citizenship: ['RO', 'MD'] },
  });
  return out;
}

describe('HTCDS 2.0: the export against HTCDS Field Standards 2.0.ods', () => {
  it('reads the standard: 83 fields, 40 of them core', () => {
    expect(standard).toHaveLength(83);
    expect(standard.filter((f) => f.core)).toHaveLength(40);
    expect(byName.get('vic_TypeOfExploitation')?.values.get('SexualExploitation')).toBe(
      'Sexual exploitation',
    );
  });

  it('every column of the export is a field of the standard, none retired', () => {
    for (const c of HTCDS_EXPORT_COLUMNS) {
      expect({ column: c, found: byName.has(c) }).toEqual({ column: c, found: true });
      expect(byName.get(c)?.status).not.toMatch(/RETIRED|DEPRECATED/);
    }
  });

  it('every picklist value name (and label) Ariadne uses is in the standard', () => {
    for (const [field, list] of Object.entries(PICKLISTS)) {
      const std = byName.get(field);
      expect({ field, picklist: !!std && std.values.size > 0 }).toEqual({ field, picklist: true });
      for (const [name, label] of Object.entries(list)) {
        expect({ field, name, inStandard: std?.values.has(name) }).toEqual({
          field,
          name,
          inStandard: true,
        });
        expect(norm(std?.values.get(name) ?? '')).toBe(norm(label));
      }
    }
  });

  it('every picklist value the export can write is a value name of its column', () => {
    const rows = everyVariant().map((f) => toHtcdsRow(f));
    let checked = 0;
    for (const row of rows) {
      for (const c of HTCDS_EXPORT_COLUMNS) {
        const std = byName.get(c);
        if (!std || std.values.size === 0 || row[c] === '') continue;
        for (const v of row[c].split(';')) {
          expect({ column: c, value: v, inStandard: std.values.has(v) }).toEqual({
            column: c,
            value: v,
            inStandard: true,
          });
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(200);
    // The mapping tables themselves, whatever the facts.
    for (const v of Object.values(REFERRAL_REASON))
      expect(byName.get('cas_ReasonForOutgoingReferral')?.values.has(v)).toBe(true);
    for (const v of Object.values(SUPPORT_PLAN_TYPE_OF))
      if (v) expect(byName.get('spl_Type')?.values.has(v)).toBe(true);
    for (const f of everyVariant()) {
      const t = traffickingStatus(f);
      if (t) expect(byName.get('vic_TraffickingStatus')?.values.has(t)).toBe(true);
      expect(byName.get('cas_Status')?.values.has(caseStatus(f))).toBe(true);
    }
  });

  it('the organisation types are exactly the org_Type value names', () => {
    expect([...ORGANISATION_TYPES].sort()).toEqual(
      [...(byName.get('org_Type')?.values.keys() ?? [])].sort(),
    );
  });

  it('the coverage table names every field of the standard, and only those', () => {
    expect(Object.keys(HTCDS_COVERAGE).sort()).toEqual(standard.map((f) => f.name).sort());
  });

  it('every core field the case holds is exported (directly or generalised), unless it identifies her', () => {
    for (const f of standard.filter((s) => s.core)) {
      const cov = HTCDS_COVERAGE[f.name];
      if (!cov || cov.coverage === 'not-held' || cov.coverage === 'identifier') continue;
      if (cov.coverage === 'exported') {
        expect({
          field: f.name,
          exported: (HTCDS_EXPORT_COLUMNS as readonly string[]).includes(f.name),
        }).toEqual({
          field: f.name,
          exported: true,
        });
      } else {
        expect(f.name).toBe('prs_Birthdate'); // → age band in vic_AgeWhenTrafficked
        expect(HTCDS_EXPORT_COLUMNS).toContain('vic_AgeWhenTrafficked');
      }
    }
    // And the other way round: what is declared exported is a column.
    const exported = Object.entries(HTCDS_COVERAGE)
      .filter(([, c]) => c.coverage === 'exported')
      .map(([n]) => n)
      .sort();
    expect(exported).toEqual([...HTCDS_EXPORT_COLUMNS].sort());
  });

  it('a row of facts fills every held core column', () => {
    const row = toHtcdsRow({
      ...base,
      identification: 'reasonable-grounds',
      identificationDecider: 'police',
      status: 'closed',
      closureReason: 'support-completed',
      victim: { typeOfExploitation: ['SexualExploitation'], methodOfRecruitment: ['AtWork'] },
      person: { gender: 'Feminine', birthDate: '2000-03-05', citizenship: ['RO'] },
    });
    expect(row).toMatchObject({
      org_Type: 'NGO',
      prs_Gender: 'Feminine',
      prs_Citizenship: 'RO',
      vic_AgeWhenTrafficked: '25-29',
      vic_TraffickingStatus: 'PossibleVictimOfTrafficking',
      vic_TraffickingStatusDecisionMakingOrg: 'Police',
      cas_Status: 'Closed',
      cas_ReasonForCaseClosure: 'support-completed',
      cas_IncomingReferralDate: '2026-03',
    });
  });
});
