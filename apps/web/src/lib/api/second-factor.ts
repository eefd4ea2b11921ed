import { toProblem } from './problem';

export interface TotpEnrolment {
  readonly secret: string;
  readonly otpauthUri: string;
}

export interface SignedInWithCodes {
  readonly accessToken: string;
  readonly recoveryCodes: readonly string[] | null;
}

/**
 * A POST to a sign-in step (no bearer token: the challenge token in the body is the credential).
 * The refresh cookie the last step sets arrives with the answer. Throws an ApiProblem.
 */
export async function signInStep<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!res.ok) throw toProblem(res.status, parsed);
  return parsed as T;
}

/** The catalogue key for a refused step: expired challenge, wrong code, too many attempts. */
export function stepProblemId(error: unknown): string {
  const e = error as { status?: number; type?: string } | null;
  if (e?.status === 429) return 'signIn.tooMany';
  if (e?.type?.endsWith('sign-in-challenge-invalid')) return 'secondFactor.expired';
  if (e?.status === 401 || e?.status === 400) return 'secondFactor.invalid';
  if (e instanceof Error && e.name === 'NotAllowedError') return 'secondFactor.passkeyCancelled';
  return 'problem.network';
}
