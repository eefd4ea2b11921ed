import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { AeadError, open, seal } from './aead';
import { currentKey, KEY_ID_PATTERN, type Keyring, KeyringError } from './keyring';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';

const ProtoPayload = temporal.api.common.v1.Payload;
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/** A payload could not be decrypted. Names the key id only: never data, never key bytes. */
export class PayloadDecryptionError extends Error {
  override readonly name = 'PayloadDecryptionError';
}

/**
 * Encrypts every Temporal payload with AES-256-GCM (P2: the workflow history never holds personal
 * data in clear text). The whole original Payload, metadata included, is serialised and encrypted,
 * so even the encoding (`json/plain`, …) does not leak. The key id travels in clear in the
 * metadata so that, after a rotation, old histories decrypt with the key that wrote them.
 */
export class EncryptionCodec implements PayloadCodec {
  private readonly keyId: string;
  private readonly key: Buffer;

  constructor(private readonly keyring: Keyring) {
    this.key = currentKey(keyring);
    this.keyId = keyring.currentKeyId;
    if (!KEY_ID_PATTERN.test(this.keyId)) throw new KeyringError('the current key id is invalid');
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => ({
      metadata: {
        encoding: utf8.encode(ENCRYPTED_ENCODING),
        [KEY_ID_METADATA]: utf8.encode(this.keyId),
      },
      data: seal(this.key, ProtoPayload.encode(payload).finish()),
    }));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.decodeOne(payload));
  }

  private decodeOne(payload: Payload): Payload {
    const encoding = payload.metadata?.encoding;
    // Payloads written before encryption was switched on (or by a client without the codec)
    // pass through; the payload converter decides what to do with them.
    if (!encoding || fromUtf8.decode(encoding) !== ENCRYPTED_ENCODING) return payload;
    const rawId = payload.metadata?.[KEY_ID_METADATA];
    const keyId = rawId ? fromUtf8.decode(rawId) : '';
    // The id comes from the wire: only echo it when it looks like an id.
    const shownId = KEY_ID_PATTERN.test(keyId) ? `"${keyId}"` : '(invalid id)';
    const key = this.keyring.keys.get(keyId);
    if (!key) throw new PayloadDecryptionError(`Payload encryption key ${shownId} is not known`);
    let plain: Buffer;
    try {
      plain = open(key, payload.data ?? new Uint8Array());
    } catch (e) {
      if (!(e instanceof AeadError)) throw e;
      throw new PayloadDecryptionError(
        `Payload does not decrypt with key ${shownId}: altered or written with another key`,
      );
    }
    return ProtoPayload.decode(plain);
  }
}

/**
 * Path of the module exporting the encrypting failure converter. Temporal takes failure converters
 * by path only (the workflow sandbox must load it too), so the DataConverter and
 * `bundleWorkflowCode({ failureConverterPath })` both need this path. `require.resolve` finds the
 * `.ts` file under jest / ts sources and the `.js` file in dist.
 */
export const FAILURE_CONVERTER_PATH = require.resolve('./failure-converter');

/** The DataConverter for the Temporal Client and Worker: encrypted payloads and failures. */
export function temporalDataConverter(keyring: Keyring): DataConverter {
  return {
    payloadCodecs: [new EncryptionCodec(keyring)],
    failureConverterPath: FAILURE_CONVERTER_PATH,
  };
}
