import { HttpStatus } from '@nestjs/common';
import type { CaseListPosition } from '@ariadne/persistence';
import { problem } from '../common/problem';

/** A timestamptz as PostgreSQL prints it (DateStyle ISO), or `infinity`: a case with no deadline. */
const DUE_KEY =
  /^(infinity|\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A real instant (PostgreSQL refuses 2026-02-30 with an error, which must not be a 500). */
function isRealInstant(key: string): boolean {
  if (key === 'infinity') return true;
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})/.exec(key);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const day = new Date(Date.UTC(y, mo - 1, d));
  return (
    day.getUTCFullYear() === y &&
    day.getUTCMonth() === mo - 1 &&
    day.getUTCDate() === d &&
    h < 24 &&
    mi < 60 &&
    s < 60
  );
}

const invalidCursor = () =>
  problem(HttpStatus.BAD_REQUEST, 'invalid-request', 'The request is not valid', {
    detail: 'cursor: must be the nextCursor of an earlier page of the same list',
    errors: [
      { field: 'cursor', message: 'must be the nextCursor of an earlier page of the same list' },
    ],
  });

/** Opaque to clients (base64url); names its list, so that a board's cursor is refused here. */
export function encodeCaseListCursor(at: CaseListPosition): string {
  return Buffer.from(JSON.stringify({ l: 'cases', k: at.key, c: at.caseId }), 'utf8').toString(
    'base64url',
  );
}

export function decodeCaseListCursor(cursor: string | undefined): CaseListPosition | undefined {
  if (cursor === undefined) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const o = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
  if (
    o['l'] !== 'cases' ||
    typeof o['k'] !== 'string' ||
    !DUE_KEY.test(o['k']) ||
    !isRealInstant(o['k']) ||
    typeof o['c'] !== 'string' ||
    !UUID.test(o['c'])
  ) {
    throw invalidCursor();
  }
  return { key: o['k'], caseId: o['c'] };
}
