import { ApplicationFailure, defaultPayloadConverter } from '@temporalio/common';
import {
  decodeFailure,
  decodeOptionalFailureToOptionalError,
  encodeErrorToFailure,
  encodeFailure,
  loadDataConverter,
} from '@temporalio/common/lib/internal-non-workflow';
import { temporal } from '@temporalio/proto';
import { randomBytes } from 'node:crypto';
import {
  ENCRYPTED_ENCODING,
  EncryptionCodec,
  FAILURE_CONVERTER_PATH,
  KEY_ID_METADATA,
  PayloadDecryptionError,
  temporalDataConverter,
} from './codec';
import { failureConverter } from './failure-converter';
import type { Keyring } from './keyring';

const ring = (currentKeyId: string, ...ids: string[]): Keyring => ({
  currentKeyId,
  keys: new Map(ids.map((id) => [id, keys[id] ?? (keys[id] = randomBytes(32))])),
});
const keys: Record<string, Buffer> = {};
const text = (b: Uint8Array | null | undefined): string => Buffer.from(b ?? []).toString('utf8');
const SECRET = 'Maria Secretperson, born 1999-02-03';

describe('EncryptionCodec', () => {
  const codec = new EncryptionCodec(ring('k1', 'k1'));

  const kinds: [string, unknown][] = [
    ['a JSON object', { name: SECRET, n: 1, nested: { list: [1, 'two', null] } }],
    ['a string', SECRET],
    ['a number', 42],
    ['null', null],
    ['undefined', undefined],
    ['binary', new Uint8Array(randomBytes(64))],
    ['an empty object', {}],
  ];

  it.each(kinds)('round-trips %s', async (_kind, value) => {
    const plain = defaultPayloadConverter.toPayload(value);
    const [encrypted] = await codec.encode([plain]);
    expect(text(encrypted!.metadata!.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(text(encrypted!.metadata![KEY_ID_METADATA])).toBe('k1');
    expect(Object.keys(encrypted!.metadata!).sort()).toEqual(['encoding', KEY_ID_METADATA]);
    const [decoded] = await codec.decode([encrypted!]);
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual(value);
    expect(text(decoded!.metadata!.encoding)).toBe(text(plain.metadata!.encoding));
  });

  it('handles batches and empty arrays', async () => {
    const payloads = kinds.map(([, v]) => defaultPayloadConverter.toPayload(v));
    expect(await codec.encode([])).toEqual([]);
    const decoded = await codec.decode(await codec.encode(payloads));
    expect(decoded.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual(
      kinds.map(([, v]) => v),
    );
  });

  it('hides the plaintext, the original encoding, and uses a fresh IV each time', async () => {
    const plain = defaultPayloadConverter.toPayload({ name: SECRET });
    const [a] = await codec.encode([plain]);
    const [b] = await codec.encode([plain]);
    const bytes = Buffer.from(a!.data!);
    expect(bytes.includes(Buffer.from(SECRET))).toBe(false);
    expect(bytes.includes(Buffer.from('Secretperson'))).toBe(false);
    expect(bytes.includes(Buffer.from('json/plain'))).toBe(false);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
  });

  it('leaves unencrypted payloads as they are', async () => {
    const plain = defaultPayloadConverter.toPayload({ legacy: true });
    const [decoded] = await codec.decode([plain]);
    expect(decoded).toBe(plain);
  });

  it('keeps decoding old payloads after the current key rotates', async () => {
    const [old] = await new EncryptionCodec(ring('k1', 'k1')).encode([
      defaultPayloadConverter.toPayload('old history'),
    ]);
    const rotated = new EncryptionCodec(ring('k2', 'k2', 'k1'));
    const [fresh] = await rotated.encode([defaultPayloadConverter.toPayload('new history')]);
    expect(text(fresh!.metadata![KEY_ID_METADATA])).toBe('k2');
    const decoded = await rotated.decode([old!, fresh!]);
    expect(decoded.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([
      'old history',
      'new history',
    ]);
  });

  it('names only the key id when the key is unknown', async () => {
    const [p] = await new EncryptionCodec(ring('k9', 'k9')).encode([
      defaultPayloadConverter.toPayload(SECRET),
    ]);
    const error = await codec.decode([p!]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PayloadDecryptionError);
    expect((error as Error).message).toBe('Payload encryption key "k9" is not known');
  });

  it('detects tampering', async () => {
    const [p] = await codec.encode([defaultPayloadConverter.toPayload(SECRET)]);
    for (const index of [0, 13, 30, p!.data!.length - 1]) {
      const data = Buffer.from(p!.data!);
      data[index]! ^= 0x01;
      const error = await codec.decode([{ ...p!, data }]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PayloadDecryptionError);
      expect((error as Error).message).toMatch(/does not decrypt with key "k1"/);
    }
    const truncated = { ...p!, data: p!.data!.subarray(0, 10) };
    await expect(codec.decode([truncated])).rejects.toThrow(PayloadDecryptionError);
  });

  it('does not echo a malformed key id from the wire', async () => {
    const [p] = await codec.encode([defaultPayloadConverter.toPayload(1)]);
    const metadata = { ...p!.metadata!, [KEY_ID_METADATA]: Buffer.from(SECRET) };
    const error = (await codec.decode([{ ...p!, metadata }]).catch((e: unknown) => e)) as Error;
    expect(error.message).toBe('Payload encryption key (invalid id) is not known');
  });
});

describe('temporalDataConverter', () => {
  // The SDK's own loading and failure helpers, as the Client and Worker call them.
  const loaded = loadDataConverter(temporalDataConverter(ring('k1', 'k1')));

  it('loads the encrypting failure converter by path', () => {
    expect(FAILURE_CONVERTER_PATH).toMatch(/failure-converter\.(ts|js)$/);
    expect(loaded.failureConverter).toBe(failureConverter);
    expect(loaded.payloadCodecs).toHaveLength(1);
  });

  it('encrypts failure messages and stack traces, causes included', async () => {
    const cause = new Error(`lookup of ${SECRET} failed`);
    const error = ApplicationFailure.create({
      message: `cannot place ${SECRET}`,
      type: 'Placement',
      nonRetryable: true,
      cause,
    });
    const failure = await encodeFailure(
      loaded.payloadCodecs,
      await encodeErrorToFailure(loaded, error),
    );
    // On the wire, the failure only says that it is encoded, and the attributes are ciphertext.
    expect(failure.message).toBe('Encoded failure');
    expect(failure.stackTrace).toBe('');
    expect(failure.cause?.message).toBe('Encoded failure');
    expect(text(failure.encodedAttributes?.metadata?.encoding)).toBe(ENCRYPTED_ENCODING);
    const wire = Buffer.from(temporal.api.failure.v1.Failure.encode(failure).finish());
    expect(wire.includes(Buffer.from('Secretperson'))).toBe(false);
    expect(wire.includes(Buffer.from('codec.unit.spec'))).toBe(false); // the stack trace

    const back = await decodeOptionalFailureToOptionalError(
      loaded,
      await decodeFailure(loaded.payloadCodecs, failure),
    );
    expect(back).toBeInstanceOf(ApplicationFailure);
    expect(back?.message).toBe(`cannot place ${SECRET}`);
    expect((back as ApplicationFailure).type).toBe('Placement');
    expect((back?.cause as Error | undefined)?.message).toBe(`lookup of ${SECRET} failed`);
  });
});
