import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Failure messages and stack traces can carry personal data (an error quoting a name, a stack
 * through a value); with `encodeCommonAttributes` they move into a payload, which the
 * EncryptionCodec then encrypts (P2).
 *
 * This module is loaded by path (`DataConverter.failureConverterPath`): the Temporal client and
 * worker `require` it, and the workflow bundler puts it into the workflow sandbox. So it must stay
 * workflow-safe: it imports `@temporalio/common` and nothing else.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
