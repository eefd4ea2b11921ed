import { Metadata } from '@grpc/grpc-js';
import { google, temporal } from '@temporalio/proto';
import { isDependencyUnavailable, multiOperationCodes } from './unavailable';

const NOT_READY = 'type.googleapis.com/temporal.api.errordetails.v1.WorkflowNotReadyFailure';
const MULTI = 'type.googleapis.com/temporal.api.errordetails.v1.MultiOperationExecutionFailure';

function grpcError(code: number, details: Array<{ type_url: string; value: Uint8Array }>): Error {
  const status = google.rpc.Status.encode({ code, message: 'refused', details }).finish();
  const metadata = new Metadata();
  metadata.set('grpc-status-details-bin', Buffer.from(status));
  return Object.assign(new Error(`${code} refused`), { code, details: 'refused', metadata });
}

/** The error the server answers when an Update-with-Start's operations fail with these codes. */
function refusedUpdateWithStart(codes: Array<number | 'not-ready'>): Error {
  const failure = temporal.api.errordetails.v1.MultiOperationExecutionFailure.encode({
    statuses: codes.map((code) =>
      code === 'not-ready'
        ? { code: 9, message: 'x', details: [{ type_url: NOT_READY, value: new Uint8Array() }] }
        : { code, message: 'x' },
    ),
  }).finish();
  return grpcError(9, [{ type_url: MULTI, value: failure }]);
}

/** What the server answers an Update while the case's workflow task keeps failing. */
function workflowNotReady(): Error {
  return grpcError(9, [{ type_url: NOT_READY, value: new Uint8Array() }]);
}

describe('an Update-with-Start the server refused (npm run chaos found them answered 500)', () => {
  it('reads the codes of both operations', () => {
    expect(multiOperationCodes(refusedUpdateWithStart([14, 10]))).toEqual([14, 10]);
    expect(multiOperationCodes(refusedUpdateWithStart([10, 'not-ready']))).toEqual([10, 9]);
    expect(multiOperationCodes(new Error('other'))).toBeUndefined();
  });

  it('is a dependency away (503) when an operation met a transient error and the other was aborted', () => {
    expect(isDependencyUnavailable(refusedUpdateWithStart([14, 10]))).toBe(true);
    expect(isDependencyUnavailable(refusedUpdateWithStart([10, 4]))).toBe(true);
    expect(isDependencyUnavailable(refusedUpdateWithStart([8, 1]))).toBe(true);
    expect(isDependencyUnavailable(refusedUpdateWithStart([10, 'not-ready']))).toBe(true);
  });

  it('an Update while the workflow is not ready (its task failing after a worker kill) is 503', () => {
    expect(isDependencyUnavailable(workflowNotReady())).toBe(true);
    // Wrapped as the SDK wraps it (ServiceError with the gRPC error as its cause).
    expect(
      isDependencyUnavailable(new Error('Workflow Update failed', { cause: workflowNotReady() })),
    ).toBe(true);
    // Another FAILED_PRECONDITION is no dependency away.
    expect(isDependencyUnavailable(grpcError(9, []))).toBe(false);
  });

  it('is not when an operation was refused for good (e.g. invalid, already exists)', () => {
    expect(isDependencyUnavailable(refusedUpdateWithStart([3, 10]))).toBe(false);
    expect(isDependencyUnavailable(refusedUpdateWithStart([6, 10]))).toBe(false);
    expect(isDependencyUnavailable(refusedUpdateWithStart([10, 10]))).toBe(false);
  });
});
