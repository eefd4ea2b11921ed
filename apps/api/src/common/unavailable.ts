import { HttpStatus } from '@nestjs/common';
import {
  isGrpcDeadlineError,
  isGrpcServiceError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { problem, type ProblemException } from './problem';

/** gRPC: DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, UNAVAILABLE. */
const GRPC_TRANSIENT = new Set([4, 8, 14]);
/** PostgreSQL SQLSTATE classes/codes that mean "the server is away or going", not "bad query". */
const PG_TRANSIENT = /^(08|57P0[1-3]|53300)/;
const NET_TRANSIENT = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);

function* causes(e: unknown): Generator<unknown> {
  let cur = e;
  for (let i = 0; i < 6 && cur; i++) {
    yield cur;
    cur = (cur as { cause?: unknown }).cause;
  }
}

/**
 * Whether an error means a dependency (Temporal, PostgreSQL) is away or did not answer in time,
 * so that the same request later would succeed: those are 503 with Retry-After, never 500.
 */
export function isDependencyUnavailable(e: unknown): boolean {
  for (const c of causes(e)) {
    if (c instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isGrpcDeadlineError(c)) {
      return true;
    }
    if (isGrpcServiceError(c) && GRPC_TRANSIENT.has(c.code)) return true;
    const code = (c as { code?: unknown }).code;
    if (typeof code === 'string' && (PG_TRANSIENT.test(code) || NET_TRANSIENT.has(code))) {
      return true;
    }
    const message = c instanceof Error ? c.message : '';
    // node-postgres when the server ends the connection or the pool cannot reach it.
    if (/^(Connection terminated|timeout exceeded when trying to connect)/.test(message)) {
      return true;
    }
  }
  return false;
}

/** Seconds a client waits before retrying a request that met an unavailable dependency. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * 503 with Retry-After. For a command: it may still be applied when the worker returns, at
 * most once; retrying with the same Idempotency-Key answers with its original result.
 */
export function serviceUnavailable(): ProblemException {
  return problem(HttpStatus.SERVICE_UNAVAILABLE, 'unavailable', 'Not confirmed in time', {
    detail:
      'A service the request needs did not answer in time. Retry with the same Idempotency-Key: ' +
      'a command is applied at most once, and the retry answers with its result.',
    retryAfter: RETRY_AFTER_SECONDS,
  });
}
