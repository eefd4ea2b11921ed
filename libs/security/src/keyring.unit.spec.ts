import { randomBytes } from 'node:crypto';
import { KeyringError, parseKeyring } from './keyring';

const k = (n = 32): string => randomBytes(n).toString('base64');

describe('parseKeyring', () => {
  it('takes the first key as current unless told otherwise', () => {
    const a = k();
    const b = k();
    const ring = parseKeyring(`k2026a:${a}, k2025b:${b}\n`);
    expect(ring.currentKeyId).toBe('k2026a');
    expect(ring.keys.get('k2026a')).toEqual(Buffer.from(a, 'base64'));
    expect(ring.keys.get('k2025b')).toEqual(Buffer.from(b, 'base64'));
    expect(parseKeyring(`k2026a:${a},k2025b:${b}`, 'k2025b').currentKeyId).toBe('k2025b');
  });

  it.each([
    ['', /no keys/],
    ['k1', /entry 1 is not of the form/],
    [`bad id!:${k()}`, /entry 1 has an invalid key id/],
    [`${'x'.repeat(33)}:${k()}`, /invalid key id/],
    [`k1:${k()},k1:${k()}`, /"k1" appears twice/],
    [`k1:${k(16)}`, /key "k1" must be 32 bytes, got 16/],
    ['k1:not*base64', /key "k1" is not valid base64/],
  ])('rejects %j', (spec, message) => {
    expect(() => parseKeyring(spec)).toThrow(message);
  });

  it('rejects a current id that is not in the ring', () => {
    expect(() => parseKeyring(`k1:${k()}`, 'k2')).toThrow(/"k2" is not among the keys/);
  });

  it('never puts key material in an error', () => {
    const short = randomBytes(16).toString('base64');
    const bare = k();
    for (const spec of [`k1:${short}`, bare, `k1:${bare}x`]) {
      let message = '';
      try {
        parseKeyring(spec);
      } catch (e) {
        expect(e).toBeInstanceOf(KeyringError);
        message = (e as Error).message;
      }
      expect(message).not.toBe('');
      expect(message).not.toContain(short);
      expect(message).not.toContain(bare);
      expect(message).not.toContain(bare.slice(0, 12));
    }
  });
});
