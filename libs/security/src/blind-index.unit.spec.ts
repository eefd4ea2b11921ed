import { randomBytes } from 'node:crypto';
import {
  BlindIndexer,
  normaliseDateOfBirth,
  normaliseDocumentNumber,
  normaliseName,
  normalisePhone,
  normalisedValues,
} from './blind-index';
import type { Keyring } from './keyring';

const ring = (...ids: string[]): Keyring => ({
  currentKeyId: ids[0] as string,
  keys: new Map(ids.map((id) => [id, randomBytes(32)])),
});

describe('blind indexes: normalisation', () => {
  it('names: case, accents, punctuation, spacing and word order do not matter', () => {
    const n = normaliseName('Ana-María  POPESCU');
    expect(n).toBe('ana maria popescu');
    for (const other of ['popescu ana maria', 'Ána Maria Popescu', ' ana.maria\tpopescu ']) {
      expect(normaliseName(other)).toBe(n);
    }
    expect(normaliseName('Søren Ærø Łukasz Straße')).toBe('aero lukasz soren strasse');
    expect(normaliseName(' - ')).toBe('');
  });

  it('dates of birth: ISO calendar dates only', () => {
    expect(normaliseDateOfBirth('1999-04-30')).toBe('1999-04-30');
    expect(normaliseDateOfBirth('1999-02-30')).toBeUndefined();
    expect(normaliseDateOfBirth('30.04.1999')).toBeUndefined();
  });

  it('phones: E.164-ish digits, 00 as +', () => {
    expect(normalisePhone('+46 70-000 00 00')).toBe('+46700000000');
    expect(normalisePhone('0046 (70) 000 00 00')).toBe('+46700000000');
    expect(normalisePhone('070 000 00 00')).toBe('0700000000');
    expect(normalisePhone('12')).toBeUndefined();
  });

  it('document numbers: upper-case letters and digits', () => {
    expect(normaliseDocumentNumber('ab 123-456')).toBe('AB123456');
    expect(normaliseDocumentNumber('--')).toBeUndefined();
  });

  it('given and family name are one name; empty values are left out', () => {
    expect(normalisedValues({ givenName: 'Ana', familyName: 'Popa', phone: 'x' })).toEqual([
      ['name', 'ana popa'],
    ]);
    expect(normalisedValues({})).toEqual([]);
    // A JSON null is a field left out, never the text "null" nor a crash.
    expect(normalisedValues({ name: null, phone: null, documentNumber: null })).toEqual([]);
    expect(normalisedValues({ name: 'Ana', dateOfBirth: null }).map(([k]) => k)).toEqual(['name']);
  });
});

describe('blind indexes: keyed per organisation', () => {
  const keys = ring('k1');
  const indexer = new BlindIndexer(keys);

  it('equal values of one organisation give equal 32-byte hashes, whatever the spelling', () => {
    const a = indexer.entries('se-ngo-1', { givenName: 'Ana-María', familyName: 'Popescu' });
    const b = indexer.probes('se-ngo-1', { name: 'popescu ana maria' });
    expect(a).toHaveLength(1);
    expect(a[0]?.hmac).toHaveLength(32);
    expect(b[0]?.hmac.equals(a[0]!.hmac)).toBe(true);
  });

  it('another organisation, another kind or another master key gives another hash', () => {
    const here = indexer.entries('se-ngo-1', { documentNumber: '1999' })[0]!.hmac;
    const there = indexer.entries('se-shelter-1', { documentNumber: '1999' })[0]!.hmac;
    const asDate = indexer.entries('se-ngo-1', { dateOfBirth: '1999-01-01' })[0]!.hmac;
    const otherKey = new BlindIndexer(ring('k1')).entries('se-ngo-1', { documentNumber: '1999' });
    expect(here.equals(there)).toBe(false);
    expect(here.equals(asDate)).toBe(false);
    expect(here.equals(otherKey[0]!.hmac)).toBe(false);
  });

  it('after a master key rotation, probes still find entries written under the old key', () => {
    const old = ring('k1');
    const written = new BlindIndexer(old).entries('se-ngo-1', { phone: '+46700000000' })[0]!;
    const rotated: Keyring = {
      currentKeyId: 'k2',
      keys: new Map([['k2', randomBytes(32)], ...old.keys]),
    };
    const probes = new BlindIndexer(rotated).probes('se-ngo-1', { phone: '0046 700 000 000' });
    expect(probes).toHaveLength(2);
    expect(probes.some((p) => p.hmac.equals(written.hmac))).toBe(true);
  });
});
