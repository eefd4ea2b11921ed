import { randomBytes, randomUUID } from 'node:crypto';
import { createFieldCipher, DataKey, isFieldToken } from './field-cipher';
import {
  decryptPaths,
  encryptPaths,
  hasEncryptedValues,
  hasPersonalValues,
  isErased,
} from './personal-data';

const cipher = createFieldCipher(randomUUID(), new DataKey(randomBytes(32)));
const PATHS = ['person.name', 'person.dateOfBirth', 'contacts.*.phone', 'notes', 'missing.deep'];
const event = {
  type: 'PersonRecorded',
  person: { name: 'Elena Secretperson', dateOfBirth: '1999-02-03', nationality: 'RO' },
  contacts: [{ phone: '+40700000001', kind: 'mobile' }, { phone: null }, { kind: 'none' }],
  notes: { text: 'met at the station', urgency: 3 },
  count: 2,
};

describe('personal data paths', () => {
  it('encrypts exactly the named values, leaves the rest and the input alone', () => {
    const before = structuredClone(event);
    const out = encryptPaths(cipher, event, PATHS) as typeof event & Record<string, unknown>;
    expect(event).toEqual(before);
    expect(isFieldToken(out.person.name)).toBe(true);
    expect(isFieldToken(out.person.dateOfBirth)).toBe(true);
    expect(out.person.nationality).toBe('RO');
    expect(isFieldToken(out.contacts[0]!.phone)).toBe(true);
    expect(out.contacts[1]!.phone).toBeNull();
    expect(out.contacts[2]).toEqual({ kind: 'none' });
    expect(isFieldToken(out.notes)).toBe(true);
    expect(out).not.toHaveProperty('missing');
    const json = JSON.stringify(out);
    for (const secret of ['Secretperson', '1999-02-03', '+40700000001', 'station']) {
      expect(json).not.toContain(secret);
    }
    expect(hasEncryptedValues(out, PATHS)).toBe(true);
    expect(decryptPaths(cipher, out, PATHS)).toEqual(event);
  });

  it('keeps types through JSON: numbers, objects, arrays, booleans', () => {
    const obj = { a: 7, b: { c: [1, 'x'] }, d: false, e: ['p', 'q'] };
    const paths = ['a', 'b', 'd', 'e.*'];
    const out = encryptPaths(cipher, obj, paths);
    expect(Object.values(out).flat().every(isFieldToken)).toBe(true);
    expect(decryptPaths(cipher, out, paths)).toEqual(obj);
  });

  it('reads erased values as { erased: true } after the key is destroyed', () => {
    const out = encryptPaths(cipher, event, PATHS);
    const erased = decryptPaths('erased', out, PATHS) as typeof event & Record<string, unknown>;
    expect(erased.person.name).toEqual({ erased: true });
    expect(isErased(erased.person.name)).toBe(true);
    expect(erased.contacts[0]!.phone).toEqual({ erased: true });
    expect(erased.contacts[1]!.phone).toBeNull();
    expect(erased.person.nationality).toBe('RO');
    expect(erased.type).toBe('PersonRecorded');
    // Clear-text leftovers at personal paths (data from before encryption) are hidden too.
    expect((decryptPaths('erased', event, PATHS) as typeof event).person.name).toEqual({
      erased: true,
    });
  });

  it('passes values that are not tokens through when decrypting', () => {
    expect(decryptPaths(cipher, event, PATHS)).toEqual(event);
  });

  it('knows whether there is anything personal or encrypted', () => {
    expect(hasPersonalValues({ type: 'X', person: { nationality: 'RO' } }, PATHS)).toBe(false);
    expect(hasPersonalValues(event, PATHS)).toBe(true);
    expect(hasEncryptedValues(event, PATHS)).toBe(false);
  });

  it('rejects bad paths and values without a JSON form', () => {
    expect(() => encryptPaths(cipher, event, ['person..name'])).toThrow(/invalid personal/);
    expect(() => encryptPaths(cipher, event, ['__proto__.x'])).toThrow(/invalid personal/);
    const fn = (): string => 'Ana Secretperson';
    expect(() => encryptPaths(cipher, { f: fn }, ['f'])).toThrow(/must be plain data/);
    expect(() => encryptPaths(cipher, { f: fn }, ['f'])).not.toThrow(/Secretperson/);
    expect(() => encryptPaths(cipher, { n: 1n }, ['n'])).toThrow(/value at n cannot be serialised/);
  });
});
