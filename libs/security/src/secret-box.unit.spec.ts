import { randomBytes } from 'node:crypto';
import { SecretBox, SecretBoxError } from './secret-box';

const ring = (id: string, key = randomBytes(32)) => ({
  currentKeyId: id,
  keys: new Map([[id, key]]),
});

describe('SecretBox', () => {
  it('seals so that only the same purpose, owner and key open it, and never in clear', () => {
    const r = ring('k1');
    const box = new SecretBox(r, 'totp');
    const sealed = box.seal('user-1', 'JBSWY3DPEHPK3PXP');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(sealed.startsWith('sb:v1:k1:')).toBe(true);
    expect(box.open('user-1', sealed)).toBe('JBSWY3DPEHPK3PXP');
    expect(() => box.open('user-2', sealed)).toThrow(SecretBoxError);
    expect(() => new SecretBox(r, 'other').open('user-1', sealed)).toThrow(SecretBoxError);
    expect(() => new SecretBox(ring('k1'), 'totp').open('user-1', sealed)).toThrow(SecretBoxError);
    expect(() => box.open('user-1', 'plain')).toThrow(SecretBoxError);
  });

  it('opens values sealed under an older key of a rotated ring', () => {
    const old = randomBytes(32);
    const sealed = new SecretBox(ring('old', old), 'totp').seal('u', 's3cret');
    const rotated = {
      currentKeyId: 'new',
      keys: new Map([
        ['new', randomBytes(32)],
        ['old', old],
      ]),
    };
    expect(new SecretBox(rotated, 'totp').open('u', sealed)).toBe('s3cret');
  });

  it('hashes codes per owner under a key id, matching only the same code', () => {
    const box = new SecretBox(ring('k1'), 'recovery');
    const { keyId, hash } = box.hash('u', 'abcd-efgh');
    expect(keyId).toBe('k1');
    expect(box.matches(keyId, hash, 'u', 'abcd-efgh')).toBe(true);
    expect(box.matches(keyId, hash, 'u', 'abcd-efgi')).toBe(false);
    expect(box.matches(keyId, hash, 'v', 'abcd-efgh')).toBe(false);
    expect(box.matches('gone', hash, 'u', 'abcd-efgh')).toBe(false);
  });
});
