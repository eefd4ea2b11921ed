import { given, history } from '../../../../test/support/decider-spec';
import { day, opened } from '../../../../test/support/fixtures';
import { citizenshipCodes, foldHtcdsFacts, type HtcdsCaseFacts } from './facts';
import { ageAt, ageBand, kAnonymise, toHtcdsRow } from './export';
import { parseTemplateRow, templateColumns } from './template';

describe('HTCDS victim context on the needs assessment (optional, P6)', () => {
  it('is recorded as value names, duplicates dropped, empty lists left out', () => {
    given(opened())
      .when({
        type: 'RecordNeedsAssessment',
        needs: ['shelter'],
        victimContext: {
          typeOfExploitation: ['SexualExploitation', 'SexualExploitation'],
          methodsOfControl: [],
        },
      })
      .then([
        {
          type: 'NeedsAssessed',
          data: {
            assessedAt: expect.any(String) as string,
            needs: ['shelter'],
            victimContext: { typeOfExploitation: ['SexualExploitation'] },
          },
        },
      ]);
  });

  it('refuses a value that is not in the standard (R6, naming the field)', () => {
    const e = given(opened())
      .when({
        type: 'RecordNeedsAssessment',
        needs: [],
        victimContext: { methodOfRecruitment: ['Kidnapping' as never] },
      })
      .thenRejectedBy('R6', 'invalid');
    expect(e.message).toContain('victimContext.methodOfRecruitment');
  });

  it('is never needed: an assessment without it records no victim context', () => {
    const [event] = given(opened()).when({ type: 'RecordNeedsAssessment', needs: [] }).events();
    expect(event?.data).not.toHaveProperty('victimContext');
  });
});

describe('foldHtcdsFacts', () => {
  it('folds identification, person, victim context, services and closure', () => {
    const events = [
      ...history([opened()]),
      {
        type: 'IdentificationDecided',
        data: { outcome: 'reasonable-grounds', decidedBy: 'police', decidedAt: day(1) },
      },
      {
        type: 'ConclusiveIdentificationDecided',
        data: { outcome: 'positive', decidedBy: 'migration-authority', decidedAt: day(5) },
      },
      {
        type: 'NeedsAssessed',
        data: {
          assessedAt: day(2),
          needs: ['shelter'],
          victimContext: { typeOfExploitation: ['ForcedLabour', 'Bogus'] },
        },
      },
      { type: 'ServiceProvided', data: { serviceId: 's1', kind: 'shelter', providedAt: day(3) } },
      {
        type: 'CaseClosed',
        data: { reason: 'support-completed', closedAt: day(9), erasureDueAt: day(99) },
      },
    ];
    const person = {
      type: 'PersonDetailsRecorded',
      data: {
        recordedAt: day(1),
        personal: {
          identity: {
            sex: 'Feminine',
            dateOfBirth: '1990-01-02',
            nationality: 'RO',
            citizenship: 'MD;RO',
          },
        },
      },
    };
    const facts = foldHtcdsFacts([...events, person, { type: 'Unknown', data: {} }], {
      type: 'NGO',
      country: 'SE',
    });
    expect(facts).toMatchObject({
      organisationType: 'NGO',
      identification: 'reasonable-grounds',
      identificationDecider: 'police',
      conclusive: 'positive',
      servicesProvided: ['shelter'],
      closureReason: 'support-completed',
      victim: { typeOfExploitation: ['ForcedLabour'] },
      person: { gender: 'Feminine', birthDate: '1990-01-02', citizenship: ['RO', 'MD'] },
      status: 'closed',
    });
    expect(toHtcdsRow(facts!)).toMatchObject({
      vic_TraffickingStatus: 'ActualVictimOfTrafficking',
      spl_Type: 'SocialCare',
      cas_Status: 'Closed',
    });
    const erased = foldHtcdsFacts([...events, person, { type: 'PersonalDataErased', data: {} }], {
      country: 'SE',
    });
    expect(erased?.person).toEqual({});
    expect(foldHtcdsFacts([], { country: 'SE' })).toBeUndefined();
  });
});

describe('foldHtcdsFacts, event by event', () => {
  const fold = (...more: Array<{ type: string; data: Record<string, unknown> }>) =>
    foldHtcdsFacts([...history([opened()]), ...more], { country: 'SE' });

  it('the identification decisions: known outcomes and deciders only, older logs’ key too', () => {
    const decided = (data: Record<string, unknown>) =>
      fold({ type: 'IdentificationDecided', data });
    expect(decided({ outcome: 'no-reasonable-grounds', decidedBy: 'ngo' })).toMatchObject({
      identification: 'no-reasonable-grounds',
      identificationDecider: 'ngo',
    });
    for (const by of ['migration-authority', 'other'] as const) {
      expect(decided({ outcome: 'reasonable-grounds', decider: by })?.identificationDecider).toBe(
        by,
      );
    }
    const unknown = decided({ outcome: 'maybe', decidedBy: 'court' });
    expect(unknown?.identification).toBeUndefined();
    expect(unknown?.identificationDecider).toBeUndefined();
    expect(
      fold({ type: 'ConclusiveIdentificationDecided', data: { outcome: 'negative' } })?.conclusive,
    ).toBe('negative');
    expect(
      fold({ type: 'ConclusiveIdentificationDecided', data: { outcome: 'pending' } })?.conclusive,
    ).toBeUndefined();
  });

  it('services under either key, the outgoing referral, the return and a reopening', () => {
    expect(
      fold({ type: 'ServiceProvided', data: { service: 'health-care' } })?.servicesProvided,
    ).toEqual(['health-care']);
    expect(
      fold({ type: 'CrossBorderReferralSent', data: { purpose: 'services', sentAt: day(4) } })
        ?.outgoingReferral,
    ).toEqual({ purpose: 'services', sentAt: day(4) });
    expect(
      fold({ type: 'CrossBorderReferralSent', data: { purpose: 'services' } })?.outgoingReferral,
    ).toBeUndefined();
    expect(fold({ type: 'ReturnExecuted', data: {} })?.followUp).toBe(true);
    expect(fold()?.followUp).toBe(false);
    const reopened = fold(
      { type: 'CaseClosed', data: { reason: 'contact-lost' } },
      { type: 'CaseReopened', data: { reason: 'she-asked-for-support' } },
    );
    expect(reopened?.status).toBe('open');
    expect(reopened).not.toHaveProperty('closureReason');
  });

  it('an opening without its time reads as no time, not as a made-up one', () => {
    const facts = foldHtcdsFacts([{ type: 'CaseOpened', data: { country: 'LV' } }], {
      country: 'SE',
    });
    expect(facts).toMatchObject({ openedAt: '', country: 'LV', referralSource: 'other' });
  });
});

describe('foldHtcdsFacts, her details and the victim context', () => {
  const fold = (...more: Array<{ type: string; data: Record<string, unknown> }>) =>
    foldHtcdsFacts([...history([opened()]), ...more], { country: 'SE' });
  const details = (identity: unknown) => ({
    type: 'PersonDetailsRecorded',
    data: { personal: { identity } },
  });

  it('reads citizenship codes from a list or a text, trimmed, each once, ISO alpha-2 only', () => {
    expect(citizenshipCodes('RO;MD, UA RO')).toEqual(['RO', 'MD', 'UA']);
    expect(citizenshipCodes([' RO', 'MD ', 'md', 5, 'ROU', 'MD'])).toEqual(['RO', 'MD']);
    expect(citizenshipCodes(42)).toEqual([]);
  });

  it('keeps what later details do not replace, and adds citizenships', () => {
    const person = fold(
      details({ sex: 'Feminine', dateOfBirth: '1990-01-02', citizenship: 'RO' }),
      details({ nationality: 'MD' }),
      details({ sex: 'unknown-word', citizenship: [] }),
      details('not an object'),
    )?.person;
    expect(person).toEqual({
      gender: 'Feminine',
      birthDate: '1990-01-02',
      citizenship: ['RO', 'MD'],
    });
    expect(fold(details({ sex: 'Feminine' }))?.person).toEqual({ gender: 'Feminine' });
  });

  it('keeps only the standard’s values of the victim context, and no empty list', () => {
    const assessed = (victimContext: unknown) =>
      fold({ type: 'NeedsAssessed', data: { needs: [], victimContext } })?.victim;
    expect(
      assessed({
        typeOfExploitation: ['Bogus', 'ForcedLabour'],
        methodsOfControl: ['Bogus'],
        methodOfRecruitment: 'ThroughOnlineSocialNetworks',
      }),
    ).toEqual({ typeOfExploitation: ['ForcedLabour'] });
    expect(assessed('ForcedLabour')).toEqual({});
    expect(fold({ type: 'ServiceProvided', data: { serviceId: 's1' } })?.servicesProvided).toEqual(
      [],
    );
  });

  it('the country and the referral time come from the opening when it has them', () => {
    const opening = (data: Record<string, unknown>) =>
      foldHtcdsFacts([{ type: 'CaseOpened', data: { openedAt: day(0), ...data } }], {
        country: 'SE',
      });
    expect(opening({})).toMatchObject({ country: 'SE', openedAt: day(0) });
    expect(opening({})).not.toHaveProperty('referredAt');
    expect(opening({ country: 'NO', occurredAt: '2025-12-06T08:00:00.000Z' })).toMatchObject({
      country: 'NO',
      referredAt: '2025-12-06T08:00:00.000Z',
      followUp: false,
    });
  });
});

describe('cas_IncomingReferralDate: her referral, when the case says when it was (R26a)', () => {
  const open = (data: Record<string, unknown>) => [
    { type: 'CaseOpened', data: { country: 'SE', referralSource: 'other', ...data } },
  ];
  it('is CaseOpened.occurredAt (an imported or earlier referral), to the month; her age at it', () => {
    const f = foldHtcdsFacts(
      [
        ...open({ openedAt: '2026-12-01T10:00:00.000Z', occurredAt: '2024-03-05T00:00:00.000Z' }),
        {
          type: 'PersonDetailsRecorded',
          data: { personal: { identity: { dateOfBirth: '2000-06-01', sex: 'female' } } },
        },
      ],
      { country: 'SE' },
    );
    expect(f?.referredAt).toBe('2024-03-05T00:00:00.000Z');
    // 23 at her referral in March 2024, 26 at the export: the band is of the referral.
    expect(toHtcdsRow(f!)).toMatchObject({
      cas_IncomingReferralDate: '2024-03',
      vic_AgeWhenTrafficked: toHtcdsRow({
        ...facts(0),
        person: { birthDate: '2000-06-01' },
        openedAt: '2024-03-05T00:00:00.000Z',
      }).vic_AgeWhenTrafficked,
    });
  });
  it('is the opening time when the case was opened on the day of her referral', () => {
    const f = foldHtcdsFacts(open({ openedAt: '2026-12-01T10:00:00.000Z' }), { country: 'SE' });
    expect(f?.referredAt).toBeUndefined();
    expect(toHtcdsRow(f!).cas_IncomingReferralDate).toBe('2026-12');
  });
});

const facts = (i: number, over: Partial<HtcdsCaseFacts> = {}): HtcdsCaseFacts => ({
  country: 'SE',
  organisationType: 'NGO',
  openedAt: '2026-01-15T00:00:00.000Z',
  referralSource: 'police',
  status: 'open',
  followUp: false,
  servicesProvided: [],
  victim: {},
  person: { gender: 'Feminine', birthDate: `${1990 + (i % 3)}-06-01`, citizenship: ['RO'] },
  ...over,
});

describe('k-anonymity on age band, gender, citizenship and country', () => {
  it('keeps every row whose combination is shared by k, at the finest level', () => {
    const rows = Array.from({ length: 30 }, (_, i) => facts(i));
    const out = kAnonymise(rows, { k: 5 });
    expect(out.generalisationLevel).toBe(0);
    expect(out.suppressedRows).toBe(0);
    expect(out.rows).toHaveLength(30);
  });

  it('generalises the age bands before suppressing, and leaves out what stays rarer than k', () => {
    // 12 women born 1990..2001 (one per year): every 5-year band holds < 5 at level 0.
    const rows = Array.from({ length: 12 }, (_, i) =>
      facts(i, {
        person: { gender: 'Feminine', birthDate: `${1990 + i}-06-01`, citizenship: ['RO'] },
      }),
    );
    const out = kAnonymise(rows, { k: 5, maxSuppression: 0 });
    expect(out.generalisationLevel).toBeGreaterThan(0);
    expect(out.suppressedRows).toBe(0);
    const bands = new Map<string, number>();
    for (const r of out.rows)
      bands.set(r.vic_AgeWhenTrafficked, (bands.get(r.vic_AgeWhenTrafficked) ?? 0) + 1);
    for (const n of bands.values()) expect(n).toBeGreaterThanOrEqual(5);
  });

  it('no quasi-identifier combination of the output is rarer than k (one unique row suppressed)', () => {
    const rows = [
      ...Array.from({ length: 40 }, (_, i) => facts(i)),
      facts(99, {
        person: { gender: 'TransgenderMasculine', birthDate: '1950-01-01', citizenship: ['IS'] },
      }),
    ];
    const out = kAnonymise(rows, { k: 5 });
    expect(out.suppressedRows).toBe(1);
    expect(out.rows).toHaveLength(40);
    expect(out.rows.some((r) => r.prs_Citizenship === 'IS')).toBe(false);
    const key = (r: (typeof out.rows)[number]): string =>
      [r.vic_AgeWhenTrafficked, r.prs_Gender, r.prs_Citizenship, r.org_ShippingCountry].join('|');
    const counts = new Map<string, number>();
    for (const r of out.rows) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
    for (const n of counts.values()) expect(n).toBeGreaterThanOrEqual(5);
  });

  it('k = 1 exports every row unchanged; k < 1 is refused', () => {
    const rows = [facts(1), facts(2, { country: 'NO' })];
    expect(kAnonymise(rows, { k: 1 }).rows).toHaveLength(2);
    expect(() => kAnonymise(rows, { k: 0 })).toThrow(RangeError);
  });

  it('never writes a direct identifier: no name, contact or birth date column', () => {
    const row = toHtcdsRow(facts(1));
    expect(Object.keys(row).some((c) => /Name|Email|Phone|Mailing|Birthdate/.test(c))).toBe(false);
    expect(JSON.stringify(row)).not.toContain('1991-06-01');
  });
});

describe('the Excel template, row by row', () => {
  const names = [
    undefined,
    undefined,
    'cas_CaseOwner',
    'prs_FirstName',
    'prs_Gender',
    'prs_Birthdate',
    'vic_TraffickinStatusDecisionMakingOrg',
    'vic_TypeOfExploitation',
    'cas_Status',
    'cas_ReasonForCaseClosure',
    'prs_MobilePhone',
    undefined,
  ];
  const labels = [
    undefined,
    undefined,
    'Case Owner',
    'First Name',
    'Gender',
    'Birthdate',
    'x',
    'Type',
    'Status',
    'Reason',
    'Mobile',
    'Reason for Outgoing Referral',
  ];
  const columns = templateColumns(names, labels);

  it('reads the template’s misspelt and unnamed columns as the standard’s names', () => {
    expect(columns.get(6)).toBe('vic_TraffickingStatusDecisionMakingOrg');
    expect(columns.get(11)).toBe('cas_ReasonForOutgoingReferral');
  });

  it('takes labels or value names, and reports every refused cell by column and rule, never the value', () => {
    const ok = parseTemplateRow(
      3,
      [
        undefined,
        1,
        '',
        'Ana',
        'Feminine\u00a0',
        new Date('1990-02-03T00:00:00Z'),
        'Police',
        'Sexual exploitation;ForcedLabour',
        'Active',
      ],
      columns,
      '2026-12-07',
    );
    expect(ok).toMatchObject({
      ok: true,
      value: {
        sourceId: '1',
        identity: { givenName: 'Ana', sex: 'Feminine', dateOfBirth: '1990-02-03' },
        decisionMakingOrg: 'Police',
        victim: { typeOfExploitation: ['SexualExploitation', 'ForcedLabour'] },
        status: 'Active',
      },
    });
    const bad = parseTemplateRow(
      4,
      [
        undefined,
        2,
        '',
        'Secret Name',
        'Woman',
        '2099-01-01',
        'Police',
        'Forced labour',
        'Closed',
        'she left',
        '0700 123',
      ],
      columns,
      '2026-12-07',
    );
    expect(bad).toEqual({
      ok: false,
      refusals: [
        { row: 4, column: 'prs_MobilePhone', rule: 'htcds.phone' },
        { row: 4, column: 'cas_ReasonForCaseClosure', rule: 'htcds.closure-reason' },
        { row: 4, column: 'prs_Birthdate', rule: 'htcds.date-in-future' },
        { row: 4, column: 'prs_Gender', rule: 'htcds.picklist' },
      ],
    });
    expect(JSON.stringify(bad)).not.toMatch(/Secret|Woman|she left|0700/);
    expect(parseTemplateRow(5, [undefined, 3], columns, '2026-12-07')).toBeUndefined();
    // A date cell without a date format: Excel's serial day number.
    const serial = parseTemplateRow(
      6,
      [undefined, 4, '', 'B', 'Feminine', 33984],
      columns,
      '2026-12-07',
    );
    expect(serial).toMatchObject({ ok: true, value: { identity: { dateOfBirth: '1993-01-15' } } });
  });
});

describe('the export’s edges', () => {
  it('withholds citizenship at level 3 and gender too at level 4, the last level', () => {
    // Five women of one age and country, each of another citizenship and gender: only the
    // coarsest level (age band and country alone) makes them k = 5 alike.
    const genders = ['Feminine', 'Masculine', 'TransgenderFeminine', 'NonConforming', 'Feminine'];
    const rows = ['RO', 'MD', 'UA', 'BY', 'NG'].map((c, i) =>
      facts(i, {
        person: { gender: genders[i] as 'Feminine', birthDate: '1990-06-01', citizenship: [c] },
      }),
    );
    const out = kAnonymise(rows, { k: 5, maxSuppression: 0 });
    expect(out.generalisationLevel).toBe(4);
    expect(out.suppressedRows).toBe(0);
    expect(out.rows.map((r) => [r.prs_Citizenship, r.prs_Gender])).toEqual(
      Array.from({ length: 5 }, () => ['', '']),
    );
    // Five women of one gender, each of another citizenship: withholding citizenship is enough.
    const level3 = kAnonymise(
      Array.from({ length: 5 }, (_, i) =>
        facts(i, {
          person: {
            gender: 'Feminine',
            birthDate: '1990-06-01',
            citizenship: [`${'ABCDE'[i]}X`],
          },
        }),
      ),
      { k: 5, maxSuppression: 0 },
    );
    expect(level3.generalisationLevel).toBe(3);
    expect(level3.rows.map((r) => [r.prs_Citizenship, r.prs_Gender])).toEqual(
      Array.from({ length: 5 }, () => ['', 'Feminine']),
    );
  });

  it('suppresses what even the coarsest level cannot hide, and refuses a k that is no count', () => {
    const lone = [facts(0, { country: 'SE' }), facts(1, { country: 'NO' })];
    expect(kAnonymise(lone, { k: 5, maxSuppression: 0 })).toEqual({
      rows: [],
      generalisationLevel: 4,
      suppressedRows: 2,
    });
    for (const k of [0, 1.5, -2]) {
      expect(() => kAnonymise(lone, { k })).toThrow(new RangeError('k must be a positive integer'));
    }
  });

  it('gives the rows in one order whatever the order of the cases', () => {
    const cases = ['RO', 'MD', 'UA', 'RO', 'MD'].map((c, i) =>
      facts(i, { person: { gender: 'Feminine', birthDate: '1990-06-01', citizenship: [c] } }),
    );
    const once = kAnonymise(cases, { k: 1 }).rows;
    expect(kAnonymise([...cases].reverse(), { k: 1 }).rows).toEqual(once);
    expect(once.map((r) => r.prs_Citizenship)).toEqual(['MD', 'MD', 'RO', 'RO', 'UA']);
  });

  it('names the trafficking status from the last decision, or leaves it empty', () => {
    const status = (over: Partial<HtcdsCaseFacts>) =>
      toHtcdsRow(facts(0, over)).vic_TraffickingStatus;
    expect(status({})).toBe('');
    expect(status({ identification: 'reasonable-grounds' })).toBe('PossibleVictimOfTrafficking');
    expect(status({ identification: 'no-reasonable-grounds' })).toBe('NotAVictimOfTrafficking');
    expect(status({ identification: 'reasonable-grounds', conclusive: 'positive' })).toBe(
      'ActualVictimOfTrafficking',
    );
    expect(status({ identification: 'reasonable-grounds', conclusive: 'negative' })).toBe(
      'NotAVictimOfTrafficking',
    );
  });

  it('age bands: none for an age outside every band or unknown', () => {
    expect(ageBand(17, 0)).toBe('0-17');
    expect(ageBand(-1, 0)).toBe('');
    expect(ageBand(undefined, 0)).toBe('');
  });

  it('names who decided the identification and why the case closed, or leaves them empty', () => {
    const row = (over: Partial<HtcdsCaseFacts>) => toHtcdsRow(facts(0, over));
    expect(row({ identificationDecider: 'police' }).vic_TraffickingStatusDecisionMakingOrg).toBe(
      'Police',
    );
    expect(row({}).vic_TraffickingStatusDecisionMakingOrg).toBe('');
    // A decider the standard has no word for (an older log's value) is left empty, not guessed.
    const unknown = { identificationDecider: 'court' } as unknown as Partial<HtcdsCaseFacts>;
    expect(row(unknown).vic_TraffickingStatusDecisionMakingOrg).toBe('');
    expect(
      row({ status: 'closed', closureReason: 'support-completed' }).cas_ReasonForCaseClosure,
    ).toBe('support-completed');
    expect(row({ status: 'closed' }).cas_ReasonForCaseClosure).toBe('');
    expect(row({ closureReason: 'support-completed' }).cas_ReasonForCaseClosure).toBe('');
  });
});

describe('the export row, field by field', () => {
  it('age in whole years at her referral, from the dates alone', () => {
    const at = '2026-03-15T23:30:00.000Z';
    expect(ageAt('2000-03-15', at)).toBe(26);
    expect(ageAt('2000-03-16', at)).toBe(25);
    expect(ageAt('2000-04-01', at)).toBe(25);
    expect(ageAt('2000-02-28', at)).toBe(26);
    expect(ageAt('2026-03-15', at)).toBe(0);
    expect(ageAt('1896-03-16', at)).toBe(129);
    // Born after the referral, 130 or more, or not a date at the start: no age at all.
    expect(ageAt('2026-03-16', at)).toBeUndefined();
    expect(ageAt('1896-03-15', at)).toBeUndefined();
    expect(ageAt('born 2000-03-15', at)).toBeUndefined();
    expect(ageAt('2000-03-15', 'at 2026-03-15')).toBeUndefined();
  });

  it('age bands: the finest first, the coarsest for any level beyond the last', () => {
    expect(ageBand(0, 0)).toBe('0-17');
    expect(ageBand(18, 0)).toBe('18-24');
    expect(ageBand(24, 0)).toBe('18-24');
    expect(ageBand(75, 0)).toBe('60+');
    expect(ageBand(25, 1)).toBe('18-29');
    expect(ageBand(25, 99)).toBe('18+');
  });

  it('the case’s status: active, in follow-up, closed, or closed by referral elsewhere', () => {
    const status = (over: Partial<HtcdsCaseFacts>) => toHtcdsRow(facts(0, over)).cas_Status;
    expect(status({})).toBe('Active');
    expect(status({ followUp: true })).toBe('FollowUp');
    expect(status({ status: 'closed', closureReason: 'support-completed' })).toBe('Closed');
    expect(status({ status: 'closed', closureReason: 'transferred' })).toBe('ClosedReferred');
    expect(status({ status: 'closed', followUp: true })).toBe('Closed');
  });

  it('lists in order with the standard’s separator, months without the day, empty when unknown', () => {
    const row = toHtcdsRow(
      facts(0, {
        person: { citizenship: ['RO', 'MD'] },
        victim: { typeOfExploitation: ['SexualExploitation', 'ForcedLabour'] },
        outgoingReferral: { purpose: 'services', sentAt: '2026-05-20T10:00:00.000Z' },
      }),
    );
    expect(row).toMatchObject({
      prs_Citizenship: 'MD;RO',
      prs_Gender: '',
      vic_AgeWhenTrafficked: '',
      vic_TypeOfExploitation: 'ForcedLabour;SexualExploitation',
      vic_MethodOfRecruitment: '',
      cas_IncomingReferralDate: '2026-01',
      cas_ReasonForOutgoingReferral: 'AdditionalServicesRequired',
      cas_OutgoingReferralDate: '2026-05',
    });
    const bare = toHtcdsRow(facts(0, { organisationType: undefined, person: { citizenship: [] } }));
    expect(bare).toMatchObject({
      org_Type: '',
      prs_Citizenship: '',
      cas_ReasonForOutgoingReferral: '',
      cas_OutgoingReferralDate: '',
    });
  });
});
