import { randomBytes } from 'node:crypto';
import { DEFAULT_MASTER_KEY_ID, securityConfigFromEnv, SecurityConfigError } from './config';

const b64 = (n = 32): string => randomBytes(n).toString('base64');

describe('securityConfigFromEnv', () => {
  it('reads a bare master key and a payload keyring', () => {
    const master = b64();
    const p1 = b64();
    const config = securityConfigFromEnv({
      ARIADNE_MASTER_KEY: master,
      ARIADNE_PAYLOAD_KEYS: `p2026:${p1},p2025:${b64()}`,
    });
    expect(config.masterKeys.currentKeyId).toBe(DEFAULT_MASTER_KEY_ID);
    expect(config.masterKeys.keys.get(DEFAULT_MASTER_KEY_ID)).toEqual(
      Buffer.from(master, 'base64'),
    );
    expect(config.payloadKeys.currentKeyId).toBe('p2026');
    expect(config.payloadKeys.keys.get('p2026')).toEqual(Buffer.from(p1, 'base64'));
  });

  it('accepts a master keyring and a chosen current payload key', () => {
    const config = securityConfigFromEnv({
      ARIADNE_MASTER_KEY: `m2:${b64()},m1:${b64()}`,
      ARIADNE_PAYLOAD_KEYS: `p1:${b64()},p2:${b64()}`,
      ARIADNE_PAYLOAD_KEY_ID: 'p2',
    });
    expect(config.masterKeys.currentKeyId).toBe('m2');
    expect([...config.masterKeys.keys.keys()]).toEqual(['m2', 'm1']);
    expect(config.payloadKeys.currentKeyId).toBe('p2');
  });

  it('names every bad variable and never the value', () => {
    const shortMaster = b64(16);
    const payload = b64(31);
    let message = '';
    try {
      securityConfigFromEnv({ ARIADNE_MASTER_KEY: shortMaster, ARIADNE_PAYLOAD_KEYS: payload });
    } catch (e) {
      expect(e).toBeInstanceOf(SecurityConfigError);
      message = (e as Error).message;
    }
    expect(message).toContain('ARIADNE_MASTER_KEY: the key must be 32 bytes, got 16');
    expect(message).toContain('ARIADNE_PAYLOAD_KEYS: entry 1 is not of the form <id>:<base64>');
    expect(message).not.toContain(shortMaster);
    expect(message).not.toContain(payload);
    expect(message).not.toContain(payload.slice(0, 10));
  });

  it('requires both variables (empty counts as unset)', () => {
    expect(() => securityConfigFromEnv({ ARIADNE_MASTER_KEY: '' })).toThrow(
      /ARIADNE_MASTER_KEY is not set\n\s+ARIADNE_PAYLOAD_KEYS is not set/,
    );
  });

  it('refuses one key used for both purposes', () => {
    const shared = b64();
    expect(() =>
      securityConfigFromEnv({
        ARIADNE_MASTER_KEY: shared,
        ARIADNE_PAYLOAD_KEYS: `p1:${shared}`,
      }),
    ).toThrow(/must not share a key/);
  });

  it('names a bad current payload key id', () => {
    expect(() =>
      securityConfigFromEnv({
        ARIADNE_MASTER_KEY: b64(),
        ARIADNE_PAYLOAD_KEYS: `p1:${b64()}`,
        ARIADNE_PAYLOAD_KEY_ID: 'p9',
      }),
    ).toThrow(/ARIADNE_PAYLOAD_KEYS: current key id "p9" is not among the keys/);
  });
});
