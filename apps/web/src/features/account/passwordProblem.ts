import { ApiProblem } from '../../lib/api/problem';

/** The catalogue key that says why the server refused a new password or a link, if it did. */
export function passwordProblemId(error: unknown): string | undefined {
  if (!(error instanceof ApiProblem)) return undefined;
  switch (error.rule ?? error.type.split('/').pop()) {
    case 'password-too-short':
      return 'password.tooShort';
    case 'password-too-long':
      return 'password.tooLong';
    case 'password-breached':
      return 'password.breached';
    case 'password-token-invalid':
      return 'password.tokenInvalid';
    case 'current-password-wrong':
      return 'password.currentWrong';
    default:
      return undefined;
  }
}

/** ASVS 5.0 §6.2.1, as the server checks it: code points, not UTF-16 units. */
export const MIN_PASSWORD_LENGTH = 12;

export function passwordLength(password: string): number {
  return [...password.normalize('NFC')].length;
}
