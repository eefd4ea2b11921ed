/**
 * Errors about case keys name the case by its id, which is pseudonymous (P1), and never carry key
 * bytes or plaintext.
 */

/** The case's key was destroyed (erasure, P7): its personal data is gone for good. */
export class CaseKeyDestroyedError extends Error {
  override readonly name = 'CaseKeyDestroyedError';
  constructor(readonly caseId: string) {
    super(`The key of case ${caseId} was destroyed (erased); its personal data is unreadable`);
  }
}

/** No key was ever created for the case (call CaseKeyStore.ensureKey first). */
export class CaseKeyMissingError extends Error {
  override readonly name = 'CaseKeyMissingError';
  constructor(readonly caseId: string) {
    super(`Case ${caseId} has no data key`);
  }
}

/** A field token is malformed, altered, or belongs to another case. */
export class FieldDecryptionError extends Error {
  override readonly name = 'FieldDecryptionError';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Case ids are UUIDs, lower-cased so that the associated data of a field token is the same however
 * the caller spelled the id. A bad id is not echoed: it could be personal data passed by mistake.
 */
export function normalizeCaseId(caseId: string): string {
  if (!UUID.test(caseId)) throw new TypeError('case id must be a UUID');
  return caseId.toLowerCase();
}
