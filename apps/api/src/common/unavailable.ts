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
/** gRPC FAILED_PRECONDITION: an Update-with-Start refused as a whole, or a workflow not ready. */
const GRPC_FAILED_PRECONDITION = 9;
/** gRPC CANCELLED and ABORTED: an operation the server gave up because the other one failed. */
const GRPC_GIVEN_UP = new Set([1, 10]);

/** A gRPC status as the server sent it: its code and the type names of its details. */
interface StatusInfo {
  readonly code: number;
  readonly details: readonly string[];
}

function detailTypes(
  details: ReadonlyArray<{ type_url?: string | null }> | null | undefined,
): string[] {
  return (details ?? []).map((d) => (d.type_url ?? '').split('.').pop() ?? '');
}

/** The details of a gRPC error (google.rpc.Status in grpc-status-details-bin), decoded. */
function decodeStatus(e: unknown): google.rpc.Status | undefined {
  if (!isGrpcServiceError(e)) return undefined;
  const bin = e.metadata?.get('grpc-status-details-bin')?.[0];
  if (!(bin instanceof Uint8Array)) return undefined;
  try {
    return google.rpc.Status.decode(bin);
  } catch {
    return undefined;
  }
}

/**
 * The statuses of an Update-with-Start's two operations (start, update) when the server
 * refused the pair: FAILED_PRECONDITION "Update-with-Start could not be executed" with a
 * MultiOperationExecutionFailure in its details. Undefined for any other error.
 */
function operationStatuses(e: unknown): StatusInfo[] | undefined {
  if (!isGrpcServiceError(e) || e.code !== GRPC_FAILED_PRECONDITION) return undefined;
  const any = decodeStatus(e)?.details.find((d) =>
    (d.type_url ?? '').endsWith('MultiOperationExecutionFailure'),
  );
  if (!any?.value) return undefined;
  try {
    const failure = temporal.api.errordetails.v1.MultiOperationExecutionFailure.decode(any.value);
    return failure.statuses.map((s) => ({ code: s.code ?? 0, details: detailTypes(s.details) }));
  } catch {
    return undefined;
  }
}

/** The gRPC codes of a refused Update-with-Start's operations (for logs), else undefined. */
export function multiOperationCodes(e: unknown): number[] | undefined {
  return operationStatuses(e)?.map((s) => s.code);
}

/**
 * Temporal's "workflow not ready": FAILED_PRECONDITION with WorkflowNotReadyFailure, which the
 * server answers to an Update while the case's workflow task keeps failing or timing out (a
 * killed worker, an overloaded one). It passes once a workflow task completes: a retry works.
 */
function isNotReady(s: StatusInfo): boolean {
  return s.code === GRPC_FAILED_PRECONDITION && s.details.includes('WorkflowNotReadyFailure');
}

/** A status the same request later gets past: transient, or the workflow not ready yet. */
function passes(s: StatusInfo): boolean {
  return GRPC_TRANSIENT.has(s.code) || isNotReady(s);
}

function transientTemporal(c: unknown): boolean {
  if (!isGrpcServiceError(c)) return false;
  if (GRPC_TRANSIENT.has(c.code)) return true;
  const own: StatusInfo = { code: c.code, details: detailTypes(decodeStatus(c)?.details) };
  if (isNotReady(own)) return true;
  // An Update-with-Start refused because one operation met a passing error (the other is then
  // aborted): the same request later succeeds, so 503, not 500 (found by npm run chaos).
  const ops = operationStatuses(c);
  return (
    ops !== undefined &&
    ops.some(passes) &&
    ops.every((s) => passes(s) || GRPC_GIVEN_UP.has(s.code))
  );
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
    if (transientTemporal(c)) return true;
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
