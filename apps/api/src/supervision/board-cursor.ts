import { HttpStatus } from '@nestjs/common';
import type { KeysetPosition } from '@ariadne/persistence';
import { problem } from '../common/problem';

/** The shape a cursor has on the wire: base64url, so that clients treat it as opaque. */
export const CURSOR_PATTERN = /^[A-Za-z0-9_-]{1,400}$/;

/** A timestamptz as PostgreSQL prints it (DateStyle ISO), at full precision. */
const PG_TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const USER_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

const invalidCursor = () =>
  problem(HttpStatus.BAD_REQUEST, 'invalid-request', 'The request is not valid', {
    detail: 'cursor: must be the nextCursor of an earlier page of the same list',
    errors: [
      { field: 'cursor', message: 'must be the nextCursor of an earlier page of the same list' },
    ],
  });

function encode(value: object): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function decode(cursor: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null) return value as Record<string, unknown>;
  } catch {
    // fall through: not one of ours
  }
  throw invalidCursor();
}

/**
 * A cursor names its list, so that one list's cursor is refused by another. It carries the
 * total the first page counted, so that the next pages need not count all matching rows again.
 */
export function encodeCaseCursor(list: string, at: KeysetPosition, total: number): string {
  return encode({ l: list, k: at.key, c: at.caseId, t: total });
}

/** Where the next page starts, and the first page's total (absent in older cursors). */
export interface CaseCursor {
  readonly after: KeysetPosition;
  readonly total?: number;
}

export function decodeCaseCursor(list: string, cursor: string | undefined): CaseCursor | undefined {
  if (cursor === undefined) return undefined;
  const v = decode(cursor);
  const t = v['t'];
  if (
    v['l'] !== list ||
    typeof v['k'] !== 'string' ||
    !PG_TIMESTAMP.test(v['k']) ||
    typeof v['c'] !== 'string' ||
    !UUID.test(v['c']) ||
    (t !== undefined && (typeof t !== 'number' || !Number.isSafeInteger(t) || t < 0))
  ) {
    throw invalidCursor();
  }
  return { after: { key: v['k'], caseId: v['c'] }, total: t as number | undefined };
}

export function encodeUserCursor(list: string, userId: string): string {
  return encode({ l: list, u: userId });
}

export function decodeUserCursor(list: string, cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const v = decode(cursor);
  if (v['l'] !== list || typeof v['u'] !== 'string' || !USER_ID.test(v['u'])) throw invalidCursor();
  return v['u'];
}

const POSITION = /^[1-9][0-9]{0,18}$/;

/** A cursor over the event log: the global position of the last event of the page. */
export function encodePositionCursor(list: string, position: string): string {
  return encode({ l: list, p: position });
}

export function decodePositionCursor(list: string, cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const v = decode(cursor);
  if (v['l'] !== list || typeof v['p'] !== 'string' || !POSITION.test(v['p']))
    throw invalidCursor();
  return v['p'];
}
