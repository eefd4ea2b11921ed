import {
  categoriesIn,
  type CaseEvent,
  DATA_CATEGORIES,
  PERSONAL_DATA,
  personalPaths,
  withoutPersonal,
} from '@ariadne/domain';

describe('the personal-data convention (P2, P3, P7)', () => {
  it('PERSONAL_DATA names a category list for every event type, from the six categories', () => {
    for (const [type, categories] of Object.entries(PERSONAL_DATA)) {
      expect(type).toMatch(/^[A-Z][A-Za-z]+$/);
      for (const c of categories) expect(DATA_CATEGORIES).toContain(c);
    }
    expect(PERSONAL_DATA.CaseOpened).toEqual([]);
    expect(PERSONAL_DATA.ServiceProvided).toEqual(['contact-location', 'health']);
  });

  it('gives the dot paths to encrypt, relative to the event data', () => {
    expect(personalPaths('PersonDetailsRecorded')).toEqual([
      'personal.identity',
      'personal.contact-location',
    ]);
    expect(personalPaths('ReturnExecuted')).toEqual([]);
  });

  it('withoutPersonal removes the personal sub-object and nothing else', () => {
    const event: CaseEvent = {
      type: 'ServiceProvided',
      data: {
        serviceId: 'service-1',
        kind: 'shelter',
        providedAt: '2026-01-05T08:00:00.000Z',
        personal: { 'contact-location': { address: 'secret' } },
      },
    };
    expect(withoutPersonal(event)).toEqual({
      type: 'ServiceProvided',
      data: { serviceId: 'service-1', kind: 'shelter', providedAt: '2026-01-05T08:00:00.000Z' },
    });
    expect(categoriesIn({ 'contact-location': { address: 'x' }, health: undefined })).toEqual([
      'contact-location',
    ]);
  });
});
