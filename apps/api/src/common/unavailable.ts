import { HttpStatus } from '@nestjs/common';
import {
  isGrpcDeadlineError,
  isGrpcServiceError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { google, temporal } from '@temporalio/proto';
import { problem, type ProblemException } from './problem';

/** gRPC: DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, UNAVAILABLE. */
const GRPC_TRANSIENT = new Set([4, 8, 14]);
/** gRPC FAILED_PRECONDITION: how the server refuses an Update-with-Start as a whole. */
const GRPC_FAILED_PRECONDITION = 9;
/** gRPC CANCELLED and ABORTED: an operation the server gave up because the other one failed. */
const GRPC_GIVEN_UP = new Set([1, 10]);

/**
 * The gRPC codes of an Update-with-Start's two operations (start, update) when the server
 * refused the pair: FAILED_PRECONDITION "Update-with-Start could not be executed" with a
 * MultiOperationExecutionFailure in its details. Undefined for any other error.
 */
export function multiOperationCodes(e: unknown): number[] | undefined {
  if (!isGrpcServiceError(e) || e.code !== GRPC_FAILED_PRECONDITION) return undefined;
  const bin = e.metadata?.get('grpc-status-details-bin')?.[0];
  if (!(bin instanceof Uint8Array)) return undefined;
  try {
    const status = google.rpc.Status.decode(bin);
    const any = status.details.find((d) =>
      (d.type_url ?? '').endsWith('MultiOperationExecutionFailure'),
    );
    if (!any?.value) return undefined;
    const failure = temporal.api.errordetails.v1.MultiOperationExecutionFailure.decode(any.value);
    return failure.statuses.map((s) => s.code ?? 0);
  } catch {
    return undefined;
  }
}
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
    // An Update-with-Start refused because one operation met a transient error (the other is
    // then aborted): the same request later succeeds, so 503, not 500 (found by npm run chaos).
    const codes = multiOperationCodes(c);
    if (
      codes?.some((code) => GRPC_TRANSIENT.has(code)) &&
      codes.every((code) => GRPC_TRANSIENT.has(code) || GRPC_GIVEN_UP.has(code))
    ) {
      return true;
    }
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
