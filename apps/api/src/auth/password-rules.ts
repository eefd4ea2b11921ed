import { BREACHED_PASSWORDS } from './breached-passwords';

/**
 * Password rules of ASVS 5.0 §6.2: at least 12 characters (6.2.1), at least 128 allowed (6.2.9:
 * we allow 256), no composition rules (6.2.5), any printable character incl. spaces and
 * Unicode (6.2.6), checked against a list of common and breached passwords (6.2.4, 6.2.12),
 * kept as typed (6.2.3: no truncation or case folding of what is hashed). Length is counted in
 * Unicode code points, after NFC, so a letter with an accent counts as one.
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_NEW_PASSWORD_LENGTH = 256;

export type PasswordRule = 'password-too-short' | 'password-too-long' | 'password-breached';

let breached: ReadonlySet<string> | undefined;
function breachedSet(): ReadonlySet<string> {
  breached ??= new Set(BREACHED_PASSWORDS.split('\n').filter((p) => p.length > 0));
  return breached;
}

export function passwordLength(password: string): number {
  return [...password.normalize('NFC')].length;
}

/** The first rule the password breaks, or null when it may be used. */
export function checkNewPassword(password: string): PasswordRule | null {
  const length = passwordLength(password);
  if (length < MIN_PASSWORD_LENGTH) return 'password-too-short';
  if (length > MAX_NEW_PASSWORD_LENGTH) return 'password-too-long';
  // Case-insensitively: "Password1234" is as guessable as "password1234".
  if (breachedSet().has(password.normalize('NFC').toLowerCase())) return 'password-breached';
  return null;
}
