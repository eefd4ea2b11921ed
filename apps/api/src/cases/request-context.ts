import { HttpStatus } from '@nestjs/common';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { type CommandAuditOffer, commandAuditOf } from '../audit/command-audit';
import { problem } from '../common/problem';

/** What a command request says besides its body: its id, its idempotency key, its If-Match. */
export interface RequestContext {
  readonly requestId: string;
  /** From Idempotency-Key: a retried request with the same key is applied once. */
  readonly idempotencyKey?: string;
  /** From If-Match: the case version the client saw. */
  readonly expectedVersion?: number;
  /** docs/adr/0013: the request's audit entry, for the append to write with the command. */
  readonly audit?: CommandAuditOffer;
}

const ETAG = /^(?:W\/)?"(\d+)"$/;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/;

export function etag(version: number): string {
  return `"${version}"`;
}

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** Reads Idempotency-Key and If-Match; 400 naming the header when one is malformed. */
export function requestContext(req: Request): RequestContext {
  const ifMatch = header(req, 'if-match');
  const idempotencyKey = header(req, 'idempotency-key');
  let expectedVersion: number | undefined;
  if (ifMatch !== undefined) {
    const m = ETAG.exec(ifMatch.trim());
    if (!m) {
      throw problem(HttpStatus.BAD_REQUEST, 'invalid-request', 'If-Match must be an ETag', {
        errors: [{ field: 'If-Match', message: 'must be an ETag such as "3"' }],
      });
    }
    expectedVersion = Number(m[1]);
  }
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw problem(HttpStatus.BAD_REQUEST, 'invalid-request', 'Idempotency-Key is not valid', {
      errors: [{ field: 'Idempotency-Key', message: 'must be 8 to 128 letters, digits, _ or -' }],
    });
  }
  const requestId = String((req as Request & { id?: unknown }).id ?? randomUUID());
  const audit = commandAuditOf(req);
  return { requestId, idempotencyKey, expectedVersion, ...(audit && { audit }) };
}
