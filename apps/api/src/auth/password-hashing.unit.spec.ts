import { hash } from '@node-rs/argon2';
import {
  dummyPasswordHash,
  hashPassword,
  MAX_PASSWORD_LENGTH,
  needsRehash,
  verifyPassword,
} from '@ariadne/persistence';

describe('password hashing', () => {
  it('stores argon2id with the current parameters and a fresh salt each time', async () => {
    const a = await hashPassword('correct horse battery staple');
    const b = await hashPassword('correct horse battery staple');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=65536,t=3,p=4\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(a).not.toEqual(b);
    expect(a).not.toContain('correct horse');
    expect(needsRehash(a)).toBe(false);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery staple');
    await expect(verifyPassword(stored, 'correct horse battery staple')).resolves.toBe(true);
    await expect(verifyPassword(stored, 'Correct horse battery staple')).resolves.toBe(false);
    await expect(verifyPassword(stored, '')).resolves.toBe(false);
  });

  it('refuses, without throwing, a broken hash or an oversized password', async () => {
    await expect(verifyPassword('not a hash', 'x')).resolves.toBe(false);
    const stored = await hashPassword('x');
    await expect(verifyPassword(stored, 'x'.repeat(MAX_PASSWORD_LENGTH + 1))).resolves.toBe(false);
  });

  it('asks for a rehash of hashes made with weaker parameters', async () => {
    const old = await hash('pw', { memoryCost: 19456, timeCost: 2, parallelism: 1 });
    expect(needsRehash(old)).toBe(true);
    await expect(verifyPassword(old, 'pw')).resolves.toBe(true);
  });

  it('has one dummy hash with the current parameters, matching no guessable password', async () => {
    const d = await dummyPasswordHash();
    expect(d).toBe(await dummyPasswordHash());
    expect(needsRehash(d)).toBe(false);
    await expect(verifyPassword(d, '')).resolves.toBe(false);
    await expect(verifyPassword(d, 'password')).resolves.toBe(false);
  });
});
