import { createHash, createHmac } from 'node:crypto';
import { type AuditEntry, InvalidAuditEntryError, normaliseAuditEntry } from './audit-entry';
import {
  AUDIT_HASH_VERSION,
  AUDIT_KEYED_HASH_VERSION,
  auditHash,
  auditHmac,
  canonicalAuditEncoding,
  type HashedAuditFields,
  keyedAuditEncoding,
} from './audit-hash';
import { AuditKeyError, parseAuditKeys, subjectReference } from './audit-keys';

const entry: AuditEntry = {
  actorId: 'se-ngo-1-cw-1',
  actorRole: 'caseworker',
  organisationId: 'se-ngo-1',
  action: 'case.read',
  caseId: '0b7c1c38-6a43-4b8e-9d0e-4f8f4f1c2a11',
  categories: ['case'],
  purpose: 'case-management',
  outcome: 'allowed',
  requestId: '42',
};

function fields(over: Partial<HashedAuditFields> = {}): HashedAuditFields {
  return {
    ...normaliseAuditEntry(entry),
    seq: 7,
    at: new Date('2026-01-05T08:00:00.123Z'),
    prevHash: Buffer.alloc(32, 0xab),
    ...over,
  };
}

describe('audit hash chain: canonical encoding', () => {
  it('encodes every field at a fixed position, in one stable form', () => {
    expect(canonicalAuditEncoding(fields())).toBe(
      JSON.stringify([
        AUDIT_HASH_VERSION,
        '7',
        'ab'.repeat(32),
        '2026-01-05T08:00:00.123Z',
        'se-ngo-1-cw-1',
        'caseworker',
        'se-ngo-1',
        'case.read',
        '0b7c1c38-6a43-4b8e-9d0e-4f8f4f1c2a11',
        ['case'],
        'case-management',
        'allowed',
        '42',
      ]),
    );
  });

  it('hashes with SHA-256 over the UTF-8 encoding (a known vector)', () => {
    const f = fields();
    const expected = createHash('sha256').update(canonicalAuditEncoding(f), 'utf8').digest();
    expect(auditHash(f)).toEqual(expected);
    expect(auditHash(f)).toHaveLength(32);
    // Pinned: a change of encoding must be deliberate (and get a new AUDIT_HASH_VERSION).
    expect(auditHash(f).toString('hex')).toBe(
      '57cb25fdffbc67086787be3075a4f07fc65a160c78add21503a8a54a4629f6a5',
    );
  });

  it('does not depend on the order in which the fields were given', () => {
    const f = fields();
    const reordered = Object.fromEntries(Object.entries(f).reverse()) as HashedAuditFields;
    expect(auditHash(reordered)).toEqual(auditHash(f));
  });

  it('changes when any one field changes, the link and the time included', () => {
    const base = auditHash(fields());
    const variants: Partial<HashedAuditFields>[] = [
      { seq: 8 },
      { prevHash: Buffer.alloc(32, 0xac) },
      { prevHash: null },
      { at: new Date('2026-01-05T08:00:00.124Z') },
      { actorId: 'se-ngo-1-cw-2' },
      { actorId: null },
      { actorRole: 'supervisor' },
      { organisationId: 'se-ngo-2' },
      { action: 'case.timeline.read' },
      { caseId: null },
      { caseId: '0b7c1c38-6a43-4b8e-9d0e-4f8f4f1c2a12' },
      { categories: ['case', 'health'] },
      { categories: [] },
      { purpose: null },
      { outcome: 'denied' },
      { requestId: '43' },
      { requestId: null },
    ];
    const hashes = variants.map((v) => auditHash(fields(v)).toString('hex'));
    for (const h of hashes) expect(h).not.toBe(base.toString('hex'));
    expect(new Set(hashes).size).toBe(variants.length);
  });

  it('keeps field boundaries: no two different entries encode alike', () => {
    // A separator-joined encoding would confuse these pairs; the JSON array does not.
    const a = fields({ actorId: 'a-b', actorRole: null });
    const b = fields({ actorId: 'a', actorRole: '-b' as never });
    expect(canonicalAuditEncoding(a)).not.toBe(canonicalAuditEncoding(b));
    const one = fields({ categories: ['identity', 'health'] });
    const joined = fields({ categories: ['identity,health' as never] });
    expect(canonicalAuditEncoding(one)).not.toBe(canonicalAuditEncoding(joined));
    // null and the string "null" differ.
    expect(canonicalAuditEncoding(fields({ purpose: null }))).not.toBe(
      canonicalAuditEncoding(fields({ purpose: 'null' })),
    );
  });

  it('refuses a seq that cannot be a place in the chain', () => {
    expect(() => canonicalAuditEncoding(fields({ seq: 0 }))).toThrow(RangeError);
    expect(() => canonicalAuditEncoding(fields({ seq: 1.5 }))).toThrow(RangeError);
  });
});

describe('audit entries: normalisation', () => {
  it('brings an entry to the form PostgreSQL returns: nulls, lower-case uuid, ordered categories', () => {
    const n = normaliseAuditEntry({
      action: 'case.open',
      caseId: '0B7C1C38-6A43-4B8E-9D0E-4F8F4F1C2A11',
      categories: ['case', 'identity', 'case'],
      outcome: 'allowed',
    });
    expect(n).toEqual({
      actorId: null,
      actorRole: null,
      organisationId: null,
      action: 'case.open',
      caseId: '0b7c1c38-6a43-4b8e-9d0e-4f8f4f1c2a11',
      categories: ['identity', 'case'],
      purpose: null,
      outcome: 'allowed',
      requestId: null,
      subjectRef: null,
      reason: null,
      route: null,
    });
  });

  it.each<[string, Partial<AuditEntry>]>([
    ['a free-text actor id', { actorId: 'Anna Svensson' }],
    ['an e-mail as actor id', { actorId: 'anna@example.org' }],
    ['an unknown role', { actorRole: 'victim' }],
    ['an action with spaces', { action: 'read case of Anna' }],
    ['an action without a dot', { action: 'read' }],
    ['a case id that is no uuid', { caseId: 'anna-svensson' }],
    ['an unknown category', { categories: ['address' as never] }],
    ['free text as purpose', { purpose: 'because she called' }],
    ['an unknown outcome', { outcome: 'ok' as never }],
    ['a request id with spaces', { requestId: 'a b' }],
    ['a login as subject reference', { subjectRef: 'anna@example.org' }],
    ['free text as reason', { reason: 'wrong password for Anna' }],
    ['a route with a value in it', { route: 'GET /api/v1/cases?name=Anna Svensson' }],
  ])('refuses %s (no personal data can slip in)', (_, over) => {
    expect(() => normaliseAuditEntry({ ...entry, ...over })).toThrow(InvalidAuditEntryError);
  });

  it('names the bad field but never quotes its value', () => {
    expect(() => normaliseAuditEntry({ ...entry, actorId: 'Anna Svensson' })).toThrow(
      /^audit entry: actorId is not valid$/,
    );
  });
});

describe('audit hash chain: keyed entries', () => {
  const key = Buffer.alloc(32, 3);
  const keyed = (over: Partial<HashedAuditFields> = {}) => ({
    ...fields(over),
    keyId: 'k1',
    caseCountry: 'SE',
  });

  it('is an HMAC-SHA256 under the key, over an encoding that names algorithm and key', () => {
    const f = keyed();
    const encoding = keyedAuditEncoding(f);
    expect(JSON.parse(encoding).slice(0, 3)).toEqual([
      AUDIT_KEYED_HASH_VERSION,
      'hmac-sha256',
      'k1',
    ]);
    expect(auditHmac(f, key)).toEqual(createHmac('sha256', key).update(encoding).digest());
    // Not the plain hash, and another key gives another link.
    expect(auditHmac(f, key)).not.toEqual(auditHash(f));
    expect(auditHmac(f, Buffer.alloc(32, 4))).not.toEqual(auditHmac(f, key));
  });

  it('covers the key id, the case country and the refusal fields', () => {
    const base = auditHmac(keyed(), key).toString('hex');
    const variants = [
      { ...keyed(), keyId: 'k2' },
      { ...keyed(), caseCountry: 'NO' },
      { ...keyed(), subjectRef: 'a'.repeat(64) },
      { ...keyed(), reason: 'forbidden-role' },
      { ...keyed(), route: 'GET /api/v1/audit' },
    ];
    for (const v of variants) expect(auditHmac(v, key).toString('hex')).not.toBe(base);
  });
});

describe('audit keys (ARIADNE_AUDIT_KEYS)', () => {
  const b64 = (n: number) => Buffer.alloc(32, n).toString('base64');

  it('reads id:base64 pairs, newest first', () => {
    const ring = parseAuditKeys(`new:${b64(1)}, old:${b64(2)}`);
    expect(ring.currentKeyId).toBe('new');
    expect([...ring.keys.keys()]).toEqual(['new', 'old']);
  });

  it.each([
    ['nothing', undefined],
    ['a bare key', b64(1)],
    ['a short key', `k:${Buffer.alloc(16).toString('base64')}`],
    ['a twice-used id', `k:${b64(1)},k:${b64(2)}`],
    ['a bad id', `k 1:${b64(1)}`],
  ])('refuses %s, without quoting a key', (_, spec) => {
    let error: unknown;
    try {
      parseAuditKeys(spec);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AuditKeyError);
    expect((error as Error).message).toMatch(/ARIADNE_AUDIT_KEYS/);
    expect((error as Error).message).not.toContain(b64(1));
  });

  it('references a login by a keyed hash: stable, and not the login', () => {
    const ring = parseAuditKeys(`k:${b64(1)}`);
    const ref = subjectReference(ring, 'anna.svensson');
    expect(ref).toMatch(/^[0-9a-f]{64}$/);
    expect(subjectReference(ring, 'anna.svensson')).toBe(ref);
    expect(subjectReference(ring, 'anna.svenson')).not.toBe(ref);
    expect(ref).not.toBe(createHash('sha256').update('anna.svensson').digest('hex'));
  });
});
