import { randomBytes } from 'node:crypto';
import { KeyUnwrapError, LocalKeyWrapper, localKeyWrappers } from './key-wrapper';
import { parseKeyring } from './keyring';

describe('LocalKeyWrapper', () => {
  const master = randomBytes(32);
  const wrapper = new LocalKeyWrapper(master, 'm1');

  it('wraps and unwraps a data key; the wrapped form hides it', async () => {
    const dek = randomBytes(32);
    const wrapped = await wrapper.wrap(dek);
    expect(wrapped.includes(dek)).toBe(false);
    expect(wrapped.length).toBe(12 + 16 + 32);
    expect(await wrapper.unwrap(wrapped)).toEqual(dek);
    expect((await wrapper.wrap(dek)).equals(wrapped)).toBe(false);
  });

  it('keeps its own copy of the master key', async () => {
    const bytes = randomBytes(32);
    const w = new LocalKeyWrapper(bytes, 'm2');
    const wrapped = await w.wrap(randomBytes(32));
    bytes.fill(0);
    await expect(w.unwrap(wrapped)).resolves.toHaveLength(32);
  });

  it('refuses another master key and altered bytes, naming only the wrapper id', async () => {
    const wrapped = await wrapper.wrap(randomBytes(32));
    const other = new LocalKeyWrapper(randomBytes(32), 'm1');
    await expect(other.unwrap(wrapped)).rejects.toThrow(
      new KeyUnwrapError('data key does not unwrap with master key "m1"'),
    );
    const altered = Buffer.from(wrapped);
    altered[40]! ^= 1;
    await expect(wrapper.unwrap(altered)).rejects.toBeInstanceOf(KeyUnwrapError);
  });

  it('validates its inputs without echoing keys', async () => {
    expect(() => new LocalKeyWrapper(randomBytes(16), 'm1')).toThrow(/must be 32 bytes, got 16/);
    expect(() => new LocalKeyWrapper(master, 'no spaces')).toThrow(/invalid key wrapper id/);
    await expect(wrapper.wrap(randomBytes(16))).rejects.toThrow(/must be 32 bytes/);
  });

  it('builds wrappers from a keyring, current first', () => {
    const a = randomBytes(32).toString('base64');
    const b = randomBytes(32).toString('base64');
    const wrappers = localKeyWrappers(parseKeyring(`old:${a},new:${b}`, 'new'));
    expect(wrappers.map((w) => w.id)).toEqual(['new', 'old']);
  });
});
