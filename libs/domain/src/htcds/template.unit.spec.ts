/**
 * The HTCDS 2.0 template's rows read as cases (import, issue 10): every field the parser takes,
 * each refusal with its column and rule, and what counts as empty. The e2e test imports the
 * template file itself; these hold the parser's own rules.
 */
import { parseTemplateRow, templateColumns, type ParsedRow } from '@ariadne/domain';

const FIELDS = [
  'prs_FirstName',
  'prs_SecondName',
  'prs_Birthdate',
  'prs_Gender',
  'prs_Citizenship',
  'prs_Email',
  'prs_MobilePhone',
  'prs_HomePhone',
  'prs_MailingStreet',
  'prs_MailingPostalCode',
  'prs_MailingCity',
  'prs_MailingState',
  'prs_MailingCountry',
  'vic_TraffickingStatus',
  'vic_TraffickingStatusDecisionMakingOrg',
  'vic_TypeOfExploitation',
  'vic_TypeOfSexExploitation',
  'vic_MethodOfRecruitment',
  'vic_MethodsOfControl',
  'cas_Status',
  'cas_ReasonForCaseClosure',
  'cas_IncomingReferralDate',
  'con_Consent',
] as const;
type Field = (typeof FIELDS)[number];

/** Column 1 is the source id; the fields follow from column 2. */
const COLUMNS = new Map<number, string>(FIELDS.map((f, i) => [i + 2, f]));
const TODAY = '2026-12-07';

function row(source: unknown, values: Partial<Record<Field, unknown>>, n = 3) {
  const cells: unknown[] = [undefined, source];
  for (const [f, v] of Object.entries(values)) cells[FIELDS.indexOf(f as Field) + 2] = v;
  return parseTemplateRow(n, cells, COLUMNS, TODAY);
}

function value(parsed: ParsedRow | undefined) {
  if (!parsed?.ok) throw new Error(`refused: ${JSON.stringify(parsed)}`);
  return parsed.value;
}

function refusals(parsed: ParsedRow | undefined): string[] {
  if (!parsed || parsed.ok) throw new Error(`accepted: ${JSON.stringify(parsed)}`);
  return parsed.refusals.map((r) => `${r.row} ${r.column} ${r.rule}`);
}

describe('templateColumns', () => {
  it('names each column from row 1, its label standing in only for the known gaps', () => {
    const names = ['ignored', 'Case', 'prs_FirstName', 'vic_TraffickinStatusDecisionMakingOrg', ''];
    const labels = [
      undefined,
      'Number',
      'First name',
      'Decision',
      'Reason for Outgoing Referral',
      'Some label',
    ];
    expect([...templateColumns(names, labels)]).toEqual([
      [1, 'Case'],
      [2, 'prs_FirstName'],
      [3, 'vic_TraffickingStatusDecisionMakingOrg'],
      [4, 'cas_ReasonForOutgoingReferral'],
    ]);
  });

  it('reads as far as the longer of the two rows, never column 0', () => {
    expect([
      ...templateColumns(['x', 'a'], [undefined, 'l', 'Reason for Outgoing Referral']),
    ]).toEqual([
      [1, 'a'],
      [2, 'cas_ReasonForOutgoingReferral'],
    ]);
    expect([...templateColumns(['prs_Gender'], [])]).toEqual([]);
  });
});

describe('parseTemplateRow', () => {
  it('skips an empty row, and reads a row with only a source id as refused of nothing', () => {
    expect(parseTemplateRow(9, [undefined, ' ', '', null], COLUMNS, TODAY)).toBeUndefined();
    expect(value(row('17', { prs_FirstName: 'Ana' }))).toEqual({
      row: 3,
      sourceId: '17',
      identity: { givenName: 'Ana' },
      contact: {},
      victim: {},
    });
  });

  it('reads a whole row: names and labels of picklists alike, dates, contact, consent', () => {
    expect(
      value(
        row(
          'case-1.a',
          {
            prs_FirstName: 'Ana',
            prs_SecondName: 'K.',
            prs_Birthdate: '1999-04-02',
            prs_Gender: 'feminine',
            prs_Citizenship: 'ro; md, ro',
            prs_Email: 'Ana@Example.org',
            prs_MobilePhone: '+40 (721) 000-111',
            prs_MailingStreet: 'Str. 1',
            prs_MailingCity: 'Iasi',
            prs_MailingCountry: 'ro',
            vic_TraffickingStatus: 'Possible victim of trafficking',
            vic_TraffickingStatusDecisionMakingOrg: 'CourtOrProsecution',
            vic_TypeOfExploitation: 'Forced labour;SexualExploitation\nforced labour',
            vic_MethodOfRecruitment: 'At work',
            cas_Status: 'Closed',
            cas_ReasonForCaseClosure: 'support-completed',
            cas_IncomingReferralDate: '2026-03-01',
            con_Consent: 'Yes',
          },
          12,
        ),
      ),
    ).toEqual({
      row: 12,
      sourceId: 'case-1.a',
      identity: {
        givenName: 'Ana',
        familyName: 'K.',
        dateOfBirth: '1999-04-02',
        sex: 'Feminine',
        citizenship: 'RO;MD',
      },
      contact: { email: 'ana@example.org', phone: '+40721000111', address: 'Str. 1, Iasi, ro' },
      traffickingStatus: 'PossibleVictimOfTrafficking',
      decisionMakingOrg: 'CourtOrProsecution',
      status: 'Closed',
      closureReason: 'support-completed',
      referralDate: '2026-03-01',
      consent: true,
      victim: {
        typeOfExploitation: ['ForcedLabour', 'SexualExploitation'],
        methodOfRecruitment: ['AtWork'],
      },
    });
  });

  it('refuses a missing or malformed source id in column A', () => {
    expect(refusals(row(undefined, { prs_FirstName: 'Ana' }))).toEqual(['3 A htcds.source-id']);
    expect(refusals(row('no spaces', { prs_FirstName: 'Ana' }))).toEqual(['3 A htcds.source-id']);
    expect(refusals(row('x'.repeat(65), { prs_FirstName: 'Ana' }))).toEqual([
      '3 A htcds.source-id',
    ]);
    expect(value(row('x'.repeat(64), { prs_FirstName: 'Ana' })).sourceId).toHaveLength(64);
  });

  it('reports every problem of a row, by column and rule, never the value', () => {
    const parsed = row(
      '5',
      {
        prs_Gender: 'unknown-sex',
        prs_Citizenship: 'Romania',
        prs_Email: 'not-an-address',
        prs_MobilePhone: '0721 000',
        prs_MailingCountry: 'ROU',
        vic_TypeOfExploitation: 'Forced labour; nothing known',
        cas_IncomingReferralDate: '2027-01-01',
        prs_Birthdate: '02/04/1999',
        con_Consent: 'maybe',
      },
      4,
    );
    expect(refusals(parsed).sort()).toEqual(
      [
        '4 prs_Citizenship htcds.country',
        '4 prs_Email htcds.email',
        '4 prs_MobilePhone htcds.phone',
        '4 prs_MailingCountry htcds.country',
        '4 con_Consent htcds.checkbox',
        '4 vic_TypeOfExploitation htcds.picklist',
        '4 prs_Birthdate htcds.date',
        '4 prs_Gender htcds.picklist',
        '4 cas_IncomingReferralDate htcds.date-in-future',
      ].sort(),
    );
    expect(JSON.stringify(parsed)).not.toMatch(/Romania|not-an-address|0721|maybe/);
  });

  it('checks the home phone when there is no mobile phone, and names that column', () => {
    expect(refusals(row('1', { prs_HomePhone: '12' }))).toEqual(['3 prs_HomePhone htcds.phone']);
    expect(value(row('1', { prs_HomePhone: '+4721000111' })).contact).toEqual({
      phone: '+4721000111',
    });
    // The mobile phone wins when both are given.
    expect(
      value(row('1', { prs_MobilePhone: '+40721000111', prs_HomePhone: 'x' })).contact,
    ).toEqual({ phone: '+40721000111' });
  });

  it('reads a citizenship list of codes only, each once', () => {
    expect(value(row('1', { prs_Citizenship: 'se' })).identity).toEqual({ citizenship: 'SE' });
    expect(refusals(row('1', { prs_Citizenship: ';' }))).toEqual([
      '3 prs_Citizenship htcds.country',
    ]);
    expect(refusals(row('1', { prs_Citizenship: 'SE; SWE' }))).toEqual([
      '3 prs_Citizenship htcds.country',
    ]);
  });

  it('reads dates as ISO text, Excel serial days or Date cells, not after today', () => {
    const dob = (v: unknown) => value(row('1', { prs_Birthdate: v })).identity.dateOfBirth;
    expect(dob('2001-02-03T00:00:00.000Z')).toBe('2001-02-03');
    expect(dob(36925)).toBe('2001-02-03'); // Excel's serial day of 3 February 2001
    expect(dob('36925.5')).toBe('2001-02-03');
    expect(dob(new Date('2001-02-03T00:00:00Z'))).toBe('2001-02-03');
    expect(dob(TODAY)).toBe(TODAY);
    expect(refusals(row('1', { prs_Birthdate: '2026-12-08' }))).toEqual([
      '3 prs_Birthdate htcds.date-in-future',
    ]);
    expect(refusals(row('1', { prs_Birthdate: '2026-02-30x' }))).toEqual([
      '3 prs_Birthdate htcds.date',
    ]);
    expect(refusals(row('1', { prs_Birthdate: '2026-13-01' }))).toEqual([
      '3 prs_Birthdate htcds.date',
    ]);
    expect(dob('36925.25')).toBe('2001-02-03');
    expect(dob('61')).toBe('1900-03-01');
    // Out of Excel's range, or before 1 March 1900 (Excel counts a 29 February 1900): read as
    // text, which is no date.
    expect(refusals(row('1', { prs_Birthdate: '0' }))).toEqual(['3 prs_Birthdate htcds.date']);
    expect(refusals(row('1', { prs_Birthdate: '60' }))).toEqual(['3 prs_Birthdate htcds.date']);
    expect(refusals(row('1', { prs_Birthdate: '2958466' }))).toEqual([
      '3 prs_Birthdate htcds.date',
    ]);
  });

  it('keeps names to 200 characters and the address to 500', () => {
    expect(refusals(row('1', { prs_FirstName: 'a'.repeat(201) }))).toEqual([
      '3 prs_FirstName htcds.too-long',
    ]);
    expect(refusals(row('1', { prs_SecondName: 'b'.repeat(201) }))).toEqual([
      '3 prs_SecondName htcds.too-long',
    ]);
    expect(value(row('1', { prs_FirstName: 'a'.repeat(200) })).identity.givenName).toHaveLength(
      200,
    );
    const address = value(
      row('1', {
        prs_MailingStreet: 's'.repeat(300),
        prs_MailingPostalCode: '123',
        prs_MailingCity: 'c'.repeat(300),
        prs_MailingState: 'st',
      }),
    ).contact.address;
    expect(address).toBe(`${'s'.repeat(300)}, 123, ${'c'.repeat(300)}, st`.slice(0, 500));
  });

  it('needs a closure reason for a closed case; a case closed as referred was transferred', () => {
    expect(refusals(row('1', { cas_Status: 'Closed' }))).toEqual([
      '3 cas_ReasonForCaseClosure htcds.closure-reason',
    ]);
    expect(
      refusals(row('1', { cas_Status: 'Closed', cas_ReasonForCaseClosure: 'tired of it' })),
    ).toEqual(['3 cas_ReasonForCaseClosure htcds.closure-reason']);
    expect(value(row('1', { cas_Status: 'Closed Referred' }))).toMatchObject({
      status: 'ClosedReferred',
      closureReason: 'transferred',
    });
    // An open case keeps no closure reason, whatever the column says.
    const active = value(row('1', { cas_Status: 'Active', cas_ReasonForCaseClosure: 'x' }));
    expect(active.status).toBe('Active');
    expect(active).not.toHaveProperty('closureReason');
  });

  it('reads consent as a checkbox', () => {
    const consent = (v: unknown) => value(row('1', { con_Consent: v })).consent;
    for (const yes of ['TRUE', 'yes', '1', 'x', true, 1])
      expect([yes, consent(yes)]).toEqual([yes, true]);
    for (const no of ['false', 'No', '0', false, 0]) expect([no, consent(no)]).toEqual([no, false]);
  });

  it('reads a picklist value by its name or its label, case, spaces and punctuation aside', () => {
    const sex = (v: string) => value(row('1', { prs_Gender: v })).identity.sex;
    expect(sex('NonSpecifiedUnknown')).toBe('NonSpecifiedUnknown');
    expect(sex('not specified / unknown')).toBe('NonSpecifiedUnknown');
    expect(sex('Non-Conforming')).toBe('NonConforming');
    expect(refusals(row('1', { prs_Gender: 'Not Specified' }))).toEqual([
      '3 prs_Gender htcds.picklist',
    ]);
    const control = (v: string) =>
      value(row('1', { vic_MethodsOfControl: v })).victim.methodsOfControl;
    expect(control(' Threats of law enforcement ;  Debt bondage ')).toEqual([
      'ThreatsLawEnforcement',
      'DebtBondage',
    ]);
  });

  it('reads a citizenship list separated by semicolons, commas or spaces', () => {
    expect(value(row('1', { prs_Citizenship: 'ro md,ua;;se' })).identity.citizenship).toBe(
      'RO;MD;UA;SE',
    );
  });

  it('joins the postal address in order, leaving out the empty parts', () => {
    const contact = value(
      row('1', {
        prs_MailingStreet: 'Brivibas iela 1',
        prs_MailingPostalCode: 'LV-1010',
        prs_MailingCity: 'Riga',
        prs_MailingState: 'Vidzeme',
        prs_MailingCountry: 'LV',
      }),
    ).contact;
    expect(contact).toEqual({ address: 'Brivibas iela 1, LV-1010, Riga, Vidzeme, LV' });
  });

  it('reads each victim-context list, and leaves out one that names nothing', () => {
    expect(
      value(
        row('1', {
          vic_TypeOfSexExploitation: ';',
          vic_MethodsOfControl: 'Debt bondage',
          vic_MethodOfRecruitment: 'ThroughOnlineSocialNetworks',
        }),
      ).victim,
    ).toEqual({
      methodsOfControl: ['DebtBondage'],
      methodOfRecruitment: ['ThroughOnlineSocialNetworks'],
    });
    expect(
      value(row('1', { vic_TypeOfSexExploitation: 'remote interactive services' })).victim,
    ).toEqual({ typeOfSexExploitation: ['RemoteInteractiveServices'] });
  });
});
