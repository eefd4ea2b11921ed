/**
 * The referral package (docs/referral-package.md): a cross-border referral (R18) carried as a file
 * to an organisation that runs its own Ariadne in another country. JSON inside, signed by the
 * sending organisation (Ed25519) and then encrypted to the receiving organisation's public key
 * (X25519 → HKDF-SHA-256 → AES-256-GCM, one ephemeral key per package), with the clear header
 * bound as associated data. Only node:crypto; no personal data in the header.
 */
import {
  createCipheriv,
  createDecipheriv,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';

export const REFERRAL_PACKAGE_FORMAT = 'ariadne-referral-package';
export const REFERRAL_PACKAGE_VERSION = 1;
export const REFERRAL_PACKAGE_ALG = 'X25519-HKDF-SHA256-A256GCM+Ed25519';
const INFO = Buffer.from('ariadne-referral-package v1');
const KEY_ID = /^[a-z0-9][a-z0-9.-]{0,63}$/;

/** The clear part of a package: ids, algorithm and the ephemeral key; never personal data. */
export interface ReferralPackageHeader {
  readonly format: typeof REFERRAL_PACKAGE_FORMAT;
  readonly version: typeof REFERRAL_PACKAGE_VERSION;
  readonly alg: typeof REFERRAL_PACKAGE_ALG;
  /** The receiving organisation's key (its X25519 public key's id). */
  readonly recipientKeyId: string;
  /** The ephemeral X25519 public key, raw 32 bytes, base64url. */
  readonly ephemeralPublicKey: string;
  /** The AES-GCM nonce, 12 bytes, base64url. */
  readonly nonce: string;
}

/** The file: the header, the ciphertext and the GCM tag (base64url). */
export interface ReferralPackage extends ReferralPackageHeader {
  readonly ciphertext: string;
  readonly tag: string;
}

/** What the ciphertext holds: the payload, who signed it, and the signature. */
interface SignedContent {
  readonly senderKeyId: string;
  readonly payload: unknown;
  /** Ed25519 over canonical JSON of { payload, recipientKeyId, senderKeyId }, base64url. */
  readonly signature: string;
}

export class ReferralPackageError extends Error {
  override readonly name = 'ReferralPackageError';
}

/** JSON with object keys sorted at every level: the bytes that are signed. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function signedBytes(payload: unknown, recipientKeyId: string, senderKeyId: string): Buffer {
  return Buffer.from(canonicalJson({ payload, recipientKeyId, senderKeyId }), 'utf8');
}

function headerBytes(h: ReferralPackageHeader): Buffer {
  return Buffer.from(
    canonicalJson({
      format: h.format,
      version: h.version,
      alg: h.alg,
      recipientKeyId: h.recipientKeyId,
      ephemeralPublicKey: h.ephemeralPublicKey,
      nonce: h.nonce,
    }),
    'utf8',
  );
}

function rawX25519(publicKey: KeyObject): Buffer {
  const jwk = publicKey.export({ format: 'jwk' });
  if (jwk.crv !== 'X25519' || typeof jwk.x !== 'string') {
    throw new ReferralPackageError('the recipient key is not an X25519 public key');
  }
  return Buffer.from(jwk.x, 'base64url');
}

function x25519FromRaw(raw: Buffer): KeyObject {
  if (raw.length !== 32) throw new ReferralPackageError('ephemeralPublicKey is not 32 bytes');
  return createPublicKey({
    key: { kty: 'OKP', crv: 'X25519', x: raw.toString('base64url') },
    format: 'jwk',
  });
}

function contentKey(shared: Buffer, ephemeral: Buffer, recipient: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeral, recipient]), INFO, 32));
}

function requireKeyId(id: string, field: string): void {
  if (!KEY_ID.test(id)) throw new ReferralPackageError(`${field} is not a key id`);
}

/** Signs `payload` as the sender and encrypts it to the recipient's X25519 public key. */
export function sealReferralPackage(input: {
  readonly payload: unknown;
  readonly senderKeyId: string;
  readonly senderSigningKey: KeyObject;
  readonly recipientKeyId: string;
  readonly recipientPublicKey: KeyObject;
}): ReferralPackage {
  requireKeyId(input.senderKeyId, 'senderKeyId');
  requireKeyId(input.recipientKeyId, 'recipientKeyId');
  const signature = sign(
    null,
    signedBytes(input.payload, input.recipientKeyId, input.senderKeyId),
    input.senderSigningKey,
  );
  const content: SignedContent = {
    senderKeyId: input.senderKeyId,
    payload: input.payload,
    signature: signature.toString('base64url'),
  };
  const recipientRaw = rawX25519(input.recipientPublicKey);
  const eph = generateKeyPairSync('x25519');
  const ephRaw = rawX25519(eph.publicKey);
  const shared = diffieHellman({ privateKey: eph.privateKey, publicKey: input.recipientPublicKey });
  const key = contentKey(shared, ephRaw, recipientRaw);
  const nonce = randomBytes(12);
  const header: ReferralPackageHeader = {
    format: REFERRAL_PACKAGE_FORMAT,
    version: REFERRAL_PACKAGE_VERSION,
    alg: REFERRAL_PACKAGE_ALG,
    recipientKeyId: input.recipientKeyId,
    ephemeralPublicKey: ephRaw.toString('base64url'),
    nonce: nonce.toString('base64url'),
  };
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(headerBytes(header));
  const ciphertext = Buffer.concat([
    cipher.update(JSON.stringify(content), 'utf8'),
    cipher.final(),
  ]);
  return {
    ...header,
    ciphertext: ciphertext.toString('base64url'),
    tag: cipher.getAuthTag().toString('base64url'),
  };
}

/**
 * Decrypts a package with the recipient's X25519 private key and verifies the sender's
 * signature against the keys the recipient trusts. Any failure is one ReferralPackageError that
 * names what failed, never a value from the package.
 */
export function openReferralPackage(
  file: unknown,
  recipient: { readonly keyId: string; readonly privateKey: KeyObject },
  trustedSenders: ReadonlyMap<string, KeyObject>,
): { readonly senderKeyId: string; readonly payload: unknown } {
  const p = file as Partial<ReferralPackage> | null;
  if (
    !p ||
    typeof p !== 'object' ||
    p.format !== REFERRAL_PACKAGE_FORMAT ||
    p.version !== REFERRAL_PACKAGE_VERSION ||
    p.alg !== REFERRAL_PACKAGE_ALG
  ) {
    throw new ReferralPackageError('not a referral package of a known format, version and alg');
  }
  for (const f of ['recipientKeyId', 'ephemeralPublicKey', 'nonce', 'ciphertext', 'tag'] as const) {
    if (typeof p[f] !== 'string') throw new ReferralPackageError(`${f} is missing`);
  }
  const pkg = p as ReferralPackage;
  if (pkg.recipientKeyId !== recipient.keyId) {
    throw new ReferralPackageError('the package is for another recipient key');
  }
  const ephRaw = Buffer.from(pkg.ephemeralPublicKey, 'base64url');
  const recipientPublic = createPublicKey(recipient.privateKey);
  const shared = diffieHellman({
    privateKey: recipient.privateKey,
    publicKey: x25519FromRaw(ephRaw),
  });
  const key = contentKey(shared, ephRaw, rawX25519(recipientPublic));
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(pkg.nonce, 'base64url'));
    decipher.setAAD(headerBytes(pkg));
    decipher.setAuthTag(Buffer.from(pkg.tag, 'base64url'));
    plain = Buffer.concat([
      decipher.update(Buffer.from(pkg.ciphertext, 'base64url')),
      decipher.final(),
    ]);
  } catch {
    throw new ReferralPackageError('the package does not decrypt (altered, or not for this key)');
  }
  let content: SignedContent;
  try {
    content = JSON.parse(plain.toString('utf8')) as SignedContent;
  } catch {
    throw new ReferralPackageError('the package content is not JSON');
  }
  if (typeof content?.senderKeyId !== 'string' || typeof content.signature !== 'string') {
    throw new ReferralPackageError('the package content has no signature');
  }
  const senderKey = trustedSenders.get(content.senderKeyId);
  if (!senderKey) throw new ReferralPackageError('the sender key is not trusted');
  const ok = verify(
    null,
    signedBytes(content.payload, pkg.recipientKeyId, content.senderKeyId),
    senderKey,
    Buffer.from(content.signature, 'base64url'),
  );
  if (!ok) throw new ReferralPackageError('the sender signature does not verify');
  return { senderKeyId: content.senderKeyId, payload: content.payload };
}
