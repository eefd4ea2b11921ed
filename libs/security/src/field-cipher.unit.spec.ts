import { randomBytes, randomUUID } from 'node:crypto';
import { CaseKeyDestroyedError, FieldDecryptionError } from './errors';
import { createFieldCipher, DataKey, FIELD_TOKEN_PREFIX, isFieldToken } from './field-cipher';

const SECRET = 'Ana Secretperson, +40 700 000 000';

describe('field cipher', () => {
  const caseId = randomUUID();
  const key = new DataKey(randomBytes(32));
  const cipher = createFieldCipher(caseId, key);

  it('round-trips text, unicode and the empty string in a versioned token', () => {
    for (const value of [SECRET, 'Ștefania Ñúñez 李', '']) {
      const token = cipher.encrypt(value);
      expect(token.startsWith(FIELD_TOKEN_PREFIX)).toBe(true);
      expect(isFieldToken(token)).toBe(true);
      expect(token).not.toContain(value || 'x-never');
      expect(cipher.decrypt(token)).toBe(value);
    }
    expect(cipher.encrypt(SECRET)).not.toBe(cipher.encrypt(SECRET));
  });

  it('binds tokens to the case: copied to another case they do not decrypt', () => {
    const token = cipher.encrypt(SECRET);
    const other = createFieldCipher(randomUUID(), key);
    expect(() => other.decrypt(token)).toThrow(FieldDecryptionError);
    // The same case spelled in upper case is the same case.
    expect(createFieldCipher(caseId.toUpperCase(), key).decrypt(token)).toBe(SECRET);
  });

  it('detects tampering and malformed tokens without echoing them', () => {
    const token = cipher.encrypt(SECRET);
    const body = Buffer.from(token.slice(FIELD_TOKEN_PREFIX.length), 'base64');
    body[body.length - 1]! ^= 1;
    const tampered = FIELD_TOKEN_PREFIX + body.toString('base64');
    for (const bad of [tampered, 'plain text', `${FIELD_TOKEN_PREFIX}!!`, FIELD_TOKEN_PREFIX]) {
      let message = '';
      try {
        cipher.decrypt(bad);
      } catch (e) {
        expect(e).toBeInstanceOf(FieldDecryptionError);
        message = (e as Error).message;
      }
      expect(message).toContain(caseId);
      expect(message).not.toContain(bad.slice(FIELD_TOKEN_PREFIX.length, 20) || 'x-never');
    }
  });

  it('stops working once its key is destroyed', () => {
    const k = new DataKey(randomBytes(32));
    const c = createFieldCipher(caseId, k);
    const token = c.encrypt(SECRET);
    k.destroy();
    expect(k.destroyed).toBe(true);
    expect(() => c.decrypt(token)).toThrow(CaseKeyDestroyedError);
    expect(() => c.encrypt(SECRET)).toThrow(CaseKeyDestroyedError);
  });

  it('rejects ids that are not UUIDs without echoing them', () => {
    expect(() => createFieldCipher('Ana Secretperson', key)).toThrow('case id must be a UUID');
  });
});
