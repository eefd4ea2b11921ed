import { checkReferralPackage, isRuleViolation } from '@ariadne/domain';

const payload = {
  referral: {
    referralId: 'referral-1',
    purpose: 'return-reception',
    categories: ['identity', 'health'],
    sentAt: '2026-12-01T10:00:00.000Z',
  },
  sender: {
    organisationId: 'se-ngo-1',
    country: 'SE',
    caseId: '0b9c6c2e-7a51-4b4f-9d7e-3f1c2a4b5c6d',
    reference: 'SE-ABCD-EF',
  },
  recipient: { organisationId: 'ro-recv-1', country: 'RO' },
  consent: {
    consentId: 'consent-2',
    recipientOrganisationId: 'ro-recv-1',
    purpose: 'return-reception',
    categories: ['identity', 'health', 'return'],
    givenAt: '2026-11-30T10:00:00.000Z',
    expiresAt: '2027-06-01T00:00:00.000Z',
  },
  personal: { identity: { givenName: 'A.' }, health: { notes: 'x' } },
};
const HERE = { organisationId: 'ro-recv-1', country: 'RO', now: '2026-12-02T00:00:00.000Z' };

function ruleOf(p: unknown, at = HERE): string | undefined {
  try {
    checkReferralPackage(p, at);
    return undefined;
  } catch (e) {
    if (isRuleViolation(e)) return `${e.rule}:${e.kind}`;
    throw e;
  }
}

/** The refusal as `rule:kind message`, or 'accepted'. */
function messageOf(p: unknown, at = HERE): string {
  try {
    checkReferralPackage(p, at);
  } catch (e) {
    if (isRuleViolation(e)) return `${e.rule}:${e.kind} ${e.message}`;
    throw e;
  }
  return 'accepted';
}

describe('R18 for a referral package from another instance', () => {
  it('answers the linked referral: only the listed categories', () => {
    expect(checkReferralPackage(payload, HERE)).toEqual({
      sourceCaseId: payload.sender.caseId,
      sourceReference: 'SE-ABCD-EF',
      sourceOrganisationId: 'se-ngo-1',
      referralId: 'referral-1',
      purpose: 'return-reception',
      categories: ['identity', 'health'],
      personal: payload.personal,
    });
  });

  it('refuses a package for another organisation or from her own country', () => {
    expect(ruleOf(payload, { ...HERE, organisationId: 'ro-other' })).toBe('R18:forbidden');
    expect(ruleOf({ ...payload, sender: { ...payload.sender, country: 'RO' } })).toBe(
      'R18:invalid',
    );
  });

  it('refuses data outside the listed categories, and a consent that does not cover them', () => {
    expect(ruleOf({ ...payload, personal: { ...payload.personal, legal: { notes: 'y' } } })).toBe(
      'R18:invalid',
    );
    expect(ruleOf({ ...payload, consent: { ...payload.consent, categories: ['identity'] } })).toBe(
      'R18:conflict',
    );
    expect(ruleOf({ ...payload, consent: { ...payload.consent, purpose: 'services' } })).toBe(
      'R18:conflict',
    );
    expect(
      ruleOf({ ...payload, consent: { ...payload.consent, recipientOrganisationId: 'x' } }),
    ).toBe('R18:conflict');
  });

  it('refuses a country that is not an ISO 3166-1 alpha-2 code, naming the field', () => {
    expect(messageOf({ ...payload, sender: { ...payload.sender, country: 'se' } })).toBe(
      'R18:invalid sender.country must be an ISO 3166-1 alpha-2 code.',
    );
    expect(messageOf({ ...payload, sender: { ...payload.sender, country: 7 } })).toBe(
      'R18:invalid sender.country must be an ISO 3166-1 alpha-2 code.',
    );
    // Addressed to this organisation in a country written otherwise: refused as malformed.
    expect(
      messageOf(
        { ...payload, recipient: { ...payload.recipient, country: 'ROU' } },
        { ...HERE, country: 'ROU' },
      ),
    ).toBe('R18:invalid recipient.country must be an ISO 3166-1 alpha-2 code.');
  });

  it('refuses a malformed field by its name, never its value', () => {
    const cases: ReadonlyArray<readonly [keyof typeof payload, string, unknown]> = [
      ['referral', 'referralId', 42],
      ['referral', 'purpose', 'marketing'],
      ['referral', 'categories', ['identity', 'bank-details']],
      ['sender', 'organisationId', 42],
      ['sender', 'caseId', 42],
      ['consent', 'consentId', 42],
      ['consent', 'categories', ['identity', 'bank-details']],
    ];
    for (const [part, field, bad] of cases) {
      const q = { ...payload, [part]: { ...payload[part], [field]: bad } };
      expect(messageOf(q)).toMatch(new RegExp(`^R18:invalid ${part}\\.${field} `));
      expect(messageOf(q)).not.toContain('marketing');
    }
    // A part missing, or no object at all: incomplete.
    for (const part of ['referral', 'sender', 'recipient', 'consent'] as const) {
      expect(messageOf({ ...payload, [part]: undefined })).toBe(
        'R18:invalid The package payload is incomplete.',
      );
    }
    expect(messageOf('a package')).toBe('R18:invalid The package payload is incomplete.');
  });

  it('refuses an expired consent and an incomplete payload', () => {
    expect(ruleOf(payload, { ...HERE, now: '2027-06-01T00:00:00.000Z' })).toBe('R18:conflict');
    expect(ruleOf({ referral: payload.referral })).toBe('R18:invalid');
    expect(ruleOf(null)).toBe('R18:invalid');
  });
});
