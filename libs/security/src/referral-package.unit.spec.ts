import { generateKeyPairSync } from 'node:crypto';
import {
  canonicalJson,
  openReferralPackage,
  ReferralPackageError,
  sealReferralPackage,
} from './referral-package';

const SECRET = 'Ioana-package-secret';

describe('referral package: signed by the sender, encrypted to the receiver', () => {
  const receiver = generateKeyPairSync('x25519');
  const sender = generateKeyPairSync('ed25519');
  const other = generateKeyPairSync('x25519');
  const impostor = generateKeyPairSync('ed25519');
  const trusted = new Map([['se-ngo-1.2026', sender.publicKey]]);
  const payload = {
    referral: { referralId: 'referral-1' },
    personal: { identity: { givenName: SECRET } },
  };
  const seal = () =>
    sealReferralPackage({
      payload,
      senderKeyId: 'se-ngo-1.2026',
      senderSigningKey: sender.privateKey,
      recipientKeyId: 'ro-recv-1.2026',
      recipientPublicKey: receiver.publicKey,
    });
  const recipient = { keyId: 'ro-recv-1.2026', privateKey: receiver.privateKey };

  it('round-trips: the receiver opens it and learns who signed it', () => {
    const file = JSON.parse(JSON.stringify(seal()));
    expect(openReferralPackage(file, recipient, trusted)).toEqual({
      senderKeyId: 'se-ngo-1.2026',
      payload,
    });
  });

  it('holds nothing personal in clear, and two packages of the same payload differ', () => {
    const a = seal();
    const b = seal();
    expect(JSON.stringify(a)).not.toContain(SECRET);
    expect(JSON.stringify(a)).not.toContain('referral-1');
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(a.ephemeralPublicKey).not.toBe(b.ephemeralPublicKey);
  });

  it('another key cannot open it', () => {
    expect(() =>
      openReferralPackage(
        seal(),
        { keyId: 'ro-recv-1.2026', privateKey: other.privateKey },
        trusted,
      ),
    ).toThrow(ReferralPackageError);
    expect(() =>
      openReferralPackage(
        seal(),
        { keyId: 'other.2026', privateKey: receiver.privateKey },
        trusted,
      ),
    ).toThrow(/another recipient key/);
  });

  it('refuses any change to the header, the ciphertext or the tag', () => {
    const file = seal();
    const flip = (s: string) => (s[0] === 'A' ? `B${s.slice(1)}` : `A${s.slice(1)}`);
    for (const changed of [
      { ...file, ciphertext: flip(file.ciphertext) },
      { ...file, tag: flip(file.tag) },
      { ...file, nonce: flip(file.nonce) },
      { ...file, ephemeralPublicKey: generatedEphemeral() },
    ]) {
      expect(() => openReferralPackage(changed, recipient, trusted)).toThrow(ReferralPackageError);
    }
    expect(() => openReferralPackage({ ...file, version: 2 }, recipient, trusted)).toThrow(
      /known format/,
    );
  });

  it('refuses a sender the receiver does not trust, and a forged signature', () => {
    expect(() => openReferralPackage(seal(), recipient, new Map())).toThrow(/not trusted/);
    const forged = sealReferralPackage({
      payload,
      senderKeyId: 'se-ngo-1.2026',
      senderSigningKey: impostor.privateKey,
      recipientKeyId: 'ro-recv-1.2026',
      recipientPublicKey: receiver.publicKey,
    });
    expect(() => openReferralPackage(forged, recipient, trusted)).toThrow(/does not verify/);
  });

  it('errors never echo package content', () => {
    try {
      openReferralPackage({ ...seal(), recipientKeyId: SECRET }, recipient, trusted);
      throw new Error('opened');
    } catch (e) {
      expect(e).toBeInstanceOf(ReferralPackageError);
      expect((e as Error).message).not.toContain(SECRET);
    }
  });

  it('signs canonical JSON: key order does not matter, values do', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[1,{"e":3,"f":2}]},"b":1}',
    );
  });
});

function generatedEphemeral(): string {
  const jwk = generateKeyPairSync('x25519').publicKey.export({ format: 'jwk' });
  return String(jwk.x);
}
