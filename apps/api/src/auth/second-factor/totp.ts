import { randomInt } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import { ROLES_REQUIRING_SECOND_FACTOR, type UserRole } from '@ariadne/persistence';

/** RFC 6238 defaults, as every authenticator app reads them: SHA-1, six digits, 30 s. */
export const TOTP_PERIOD = 30;
/** One step either way: a phone's clock a little off, or a code typed as it changed. */
export const TOTP_WINDOW_STEPS = 1;
export const RECOVERY_CODE_COUNT = 10;
export const ISSUER = 'Ariadne';

const CODE = /^\d{6}$/;

export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function otpauthUri(secret: string, label: string): string {
  return generateURI({ issuer: ISSUER, label, secret, period: TOTP_PERIOD });
}

/** A code as typed: spaces and dashes dropped. */
export function normaliseTotp(code: string): string {
  return code.replace(/[\s-]/g, '');
}

/**
 * The time step a code is valid for (the current one ±1), or null. A step at or before
 * `lastStep` (one already used) is refused, so an observed code cannot be replayed.
 */
export async function verifyTotp(
  secret: string,
  code: string,
  lastStep: number | null,
  now: Date = new Date(),
): Promise<number | null> {
  const token = normaliseTotp(code);
  if (!CODE.test(token)) return null;
  const result = await verify({
    secret,
    token,
    period: TOTP_PERIOD,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOTP_WINDOW_STEPS * TOTP_PERIOD,
    ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
  }).catch(() => null);
  return result?.valid && 'timeStep' in result ? result.timeStep : null;
}

// Crockford's base32 without look-alikes (no I, L, O, U): read off paper, typed back.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Ten codes of ten characters (50 bits each), shown once as XXXXX-XXXXX. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]!);
    return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
  });
}

/** A recovery code as typed (case, spaces, dashes, look-alike letters) in its stored form. */
export function normaliseRecoveryCode(code: string): string | null {
  const plain = code.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (!/^[0-9A-HJKMNP-TV-Z]{10}$/.test(plain)) return null;
  return `${plain.slice(0, 5)}-${plain.slice(5)}`;
}

/** Whether an account must sign in with a second factor: by her role, or her organisation's rule. */
export function mustUseSecondFactor(role: UserRole, organisationRequires: boolean): boolean {
  return organisationRequires || ROLES_REQUIRING_SECOND_FACTOR.includes(role);
}
