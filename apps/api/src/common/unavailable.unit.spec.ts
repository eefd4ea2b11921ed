import { Metadata } from '@grpc/grpc-js';
import { google, temporal } from '@temporalio/proto';
import { isDependencyUnavailable, multiOperationCodes } from './unavailable';

/** The error the server answers when an Update-with-Start's operations fail with these codes. */
function refusedUpdateWithStart(codes: number[]): Error {
  const failure = temporal.api.errordetails.v1.MultiOperationExecutionFailure.encode({
    statuses: codes.map((code) => ({ code, message: 'x' })),
  }).finish();
  const status = google.rpc.Status.encode({
    code: 9,
    message: 'Update-with-Start could not be executed.',
    details: [
      {
        type_url: 'type.googleapis.com/temporal.api.errordetails.v1.MultiOperationExecutionFailure',
        value: failure,
      },
    ],
  }).finish();
  const metadata = new Metadata();
  metadata.set('grpc-status-details-bin', Buffer.from(status));
  return Object.assign(
    new Error('9 FAILED_PRECONDITION: Update-with-Start could not be executed.'),
    {
      code: 9,
      details: 'Update-with-Start could not be executed.',
      metadata,
    },
  );
}

describe('an Update-with-Start the server refused (npm run chaos found them answered 500)', () => {
  it('reads the codes of both operations', () => {
    expect(multiOperationCodes(refusedUpdateWithStart([14, 10]))).toEqual([14, 10]);
    expect(multiOperationCodes(new Error('other'))).toBeUndefined();
  });

  it('is a dependency away (503) when an operation met a transient error and the other was aborted', () => {
    expect(isDependencyUnavailable(refusedUpdateWithStart([14, 10]))).toBe(true);
    expect(isDependencyUnavailable(refusedUpdateWithStart([10, 4]))).toBe(true);
    expect(isDependencyUnavailable(refusedUpdateWithStart([8, 1]))).toBe(true);
  });

  it('is not when an operation was refused for good (e.g. invalid, already exists)', () => {
    expect(isDependencyUnavailable(refusedUpdateWithStart([3, 10]))).toBe(false);
    expect(isDependencyUnavailable(refusedUpdateWithStart([6, 10]))).toBe(false);
    expect(isDependencyUnavailable(refusedUpdateWithStart([10, 10]))).toBe(false);
  });
});
