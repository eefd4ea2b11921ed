import type { DataSource } from 'typeorm';
import { isCaseReference } from '@ariadne/domain';
import { CaseReferences, randomReferenceCharacters } from './case-references.service';

/** A DataSource whose INSERT answers by `taken` and whose SELECT finds `existing`. */
function fakeDb(taken: (reference: string) => boolean, existing?: string) {
  const inserted: string[] = [];
  const ds = {
    query: jest.fn(async (sql: string, params: unknown[]) => {
      if (sql.includes('INSERT')) {
        const reference = params[0] as string;
        if (existing || taken(reference)) return [];
        inserted.push(reference);
        return [{ reference }];
      }
      return existing ? [{ reference: existing }] : [];
    }),
  };
  return { ds: ds as unknown as DataSource, inserted, query: ds.query };
}

describe('case references: drawn in the API, reserved once', () => {
  const caseId = '5f0c2a4e-9b1d-4c3e-8f7a-1b2c3d4e5f60';

  it('draws five characters of the alphabet from the CSPRNG', () => {
    const draws = new Set(Array.from({ length: 200 }, () => randomReferenceCharacters()));
    for (const d of draws) expect(d).toMatch(/^[2-9A-HJ-NP-Z]{5}$/);
    expect(draws.size).toBeGreaterThan(190);
  });

  it('reserves a well-formed reference of the country', async () => {
    const db = fakeDb(() => false);
    const reference = await new CaseReferences(db.ds).reserve(caseId, 'NO');
    expect(isCaseReference(reference)).toBe(true);
    expect(reference).toMatch(/^NO-/);
    expect(db.inserted).toEqual([reference]);
  });

  it('draws again when the reference belongs to another case', async () => {
    let clashes = 2;
    const db = fakeDb(() => clashes-- > 0);
    const reference = await new CaseReferences(db.ds).reserve(caseId, 'SE');
    expect(isCaseReference(reference)).toBe(true);
    expect(db.query.mock.calls.filter(([sql]) => String(sql).includes('INSERT'))).toHaveLength(3);
  });

  it('a retried open of the same case gets the reference reserved the first time', async () => {
    const db = fakeDb(() => false, 'SE-7K4Q-2M');
    expect(await new CaseReferences(db.ds).reserve(caseId, 'SE')).toBe('SE-7K4Q-2M');
  });

  it('gives up (500, no endless loop) when every draw clashes', async () => {
    const db = fakeDb(() => true);
    await expect(new CaseReferences(db.ds).reserve(caseId, 'SE')).rejects.toThrow(/No free/);
  });
});
