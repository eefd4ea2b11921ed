import { generate } from 'otplib';
import {
  mustUseSecondFactor,
  newRecoveryCodes,
  newTotpSecret,
  normaliseRecoveryCode,
  otpauthUri,
  TOTP_PERIOD,
  verifyTotp,
} from './totp';

const at = (seconds: number) => new Date(seconds * 1000);
const codeAt = (secret: string, seconds: number) => generate({ secret, epoch: seconds });

describe('TOTP', () => {
  const secret = newTotpSecret();
  const now = 1_800_000_000 - (1_800_000_000 % TOTP_PERIOD) + 10;
  const step = Math.floor(now / TOTP_PERIOD);

  it('accepts the current code and those of one step either side, no further', async () => {
    expect(await verifyTotp(secret, await codeAt(secret, now), null, at(now))).toBe(step);
    expect(await verifyTotp(secret, await codeAt(secret, now - 30), null, at(now))).toBe(step - 1);
    expect(await verifyTotp(secret, await codeAt(secret, now + 30), null, at(now))).toBe(step + 1);
    expect(await verifyTotp(secret, await codeAt(secret, now - 60), null, at(now))).toBeNull();
    expect(await verifyTotp(secret, await codeAt(secret, now + 60), null, at(now))).toBeNull();
  });

  it('refuses a code of a step already used, or of an earlier one (replay)', async () => {
    const code = await codeAt(secret, now);
    expect(await verifyTotp(secret, code, step, at(now))).toBeNull();
    expect(await verifyTotp(secret, await codeAt(secret, now - 30), step, at(now))).toBeNull();
    expect(await verifyTotp(secret, await codeAt(secret, now + 30), step, at(now))).toBe(step + 1);
    expect(await verifyTotp(secret, code, step - 1, at(now))).toBe(step);
  });

  it('refuses malformed codes and another secret’s code; ignores spaces', async () => {
    const code = await codeAt(secret, now);
    expect(await verifyTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, null, at(now))).toBe(
      step,
    );
    expect(await verifyTotp(secret, 'abcdef', null, at(now))).toBeNull();
    expect(await verifyTotp(secret, '1234567', null, at(now))).toBeNull();
    expect(await verifyTotp(newTotpSecret(), code, null, at(now))).toBeNull();
  });

  it('labels the app entry with the opaque id and the issuer', () => {
    const uri = otpauthUri(secret, 'se-ngo-1-cw-1');
    expect(uri).toMatch(/^otpauth:\/\/totp\/Ariadne:se-ngo-1-cw-1\?/);
    expect(uri).toContain(`secret=${secret}`);
  });
});

describe('recovery codes', () => {
  it('are ten distinct codes of 50 bits, read back whatever the case and dashes', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) {
      expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
      expect(normaliseRecoveryCode(c.toLowerCase().replace('-', ' '))).toBe(c);
    }
    expect(normaliseRecoveryCode('ABCDE-FGHOI')).toBe('ABCDE-FGH01');
    expect(normaliseRecoveryCode('short')).toBeNull();
    expect(normaliseRecoveryCode('ABCDE-FGHIJK')).toBeNull();
  });
});

describe('who must use a second factor', () => {
  it.each([
    ['caseworker', false, false],
    ['coordinator', false, false],
    ['supervisor', false, true],
    ['admin', false, true],
    ['auditor', false, true],
    ['caseworker', true, true],
    ['coordinator', true, true],
  ] as const)('%s, organisation requires: %s → %s', (role, org, expected) => {
    expect(mustUseSecondFactor(role, org)).toBe(expected);
  });
});
