/**
 * The referral package over the real stack (docs/referral-package.md): a Swedish caseworker
 * exports a referral as a signed, encrypted file for the Romanian organisation's own Ariadne;
 * the Romanian caseworker imports it (here on the same stack, standing in for another
 * instance): the linked case holds exactly the consented categories. A changed file, a package
 * for another organisation and an untrusted sender are refused without echoing anything.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { personalPaths } from '@ariadne/domain';
import { DATA_SOURCE } from '@ariadne/persistence';
import { CASE_KEYS, type CaseKeyStore } from '@ariadne/security';
import { type ApiStack, type Caller, startApiStack } from '../support/stack';

jest.setTimeout(180_000);

const HER = { language: 'ro', interpreterUsed: false };
const NAME = 'Package-Secret-Name';
const pem = (k: KeyObject, type: 'pkcs8' | 'spki'): string =>
  String(type === 'pkcs8' ? k.export({ type, format: 'pem' }) : k.export({ type, format: 'pem' }));

describe('referral packages between Ariadne instances', () => {
  let stack: ApiStack;
  let se: Caller;
  let ro: Caller;
  let ds: DataSource;
  let keys: CaseKeyStore;

  beforeAll(async () => {
    const receive = generateKeyPairSync('x25519');
    const sign = generateKeyPairSync('ed25519');
    const dir = mkdtempSync(join(tmpdir(), 'ariadne-referral-keys-'));
    const file = join(dir, 'keys.json');
    writeFileSync(
      file,
      JSON.stringify({
        own: {
          'se-ngo-1': {
            sign: { keyId: 'se-ngo-1.test', privateKeyPem: pem(sign.privateKey, 'pkcs8') },
          },
          'ro-recv-1': {
            receive: { keyId: 'ro-recv-1.test', privateKeyPem: pem(receive.privateKey, 'pkcs8') },
          },
        },
        recipients: {
          'ro-recv-1': { keyId: 'ro-recv-1.test', publicKeyPem: pem(receive.publicKey, 'spki') },
        },
        trustedSenders: { 'se-ngo-1.test': pem(sign.publicKey, 'spki') },
      }),
    );
    stack = await startApiStack({ ARIADNE_REFERRAL_KEYS_FILE: file });
    [se, ro] = await Promise.all([stack.as('se-ngo-1-cw-1'), stack.as('ro-recv-1-cw-1')]);
    ds = stack.api.get(DATA_SOURCE);
    keys = stack.api.get(CASE_KEYS);
  });
  afterAll(async () => {
    await stack?.close();
  });

  async function referred(): Promise<string> {
    const opened = await se('POST', '/api/v1/cases', { referralSource: 'police' });
    const caseId = String(opened.body.caseId);
    for (const [path, body] of [
      [
        'consents',
        {
          scope: {
            kind: 'data-sharing',
            recipientOrganisationId: 'ro-recv-1',
            purpose: 'services',
            categories: ['identity', 'contact-location'],
          },
          communication: HER,
        },
      ],
      [
        'referrals',
        {
          recipientOrganisationId: 'ro-recv-1',
          recipientCountry: 'RO',
          purpose: 'services',
          categories: ['identity', 'contact-location'],
          personal: {
            identity: { givenName: NAME },
            'contact-location': { address: 'Strada Iasi 4' },
          },
        },
      ],
    ] as const) {
      const res = await se('POST', `/api/v1/cases/${caseId}/${path}`, body);
      expect([path, res.status, res.body?.detail]).toEqual([path, 200, undefined]);
    }
    return caseId;
  }

  it('exports, imports into a linked case holding exactly the consented categories', async () => {
    const caseId = await referred();
    const exported = await se('POST', `/api/v1/cases/${caseId}/referrals/referral-1/package`);
    expect(exported.status).toBe(200);
    const pkg = exported.body as Record<string, string>;
    expect(pkg).toMatchObject({ format: 'ariadne-referral-package', version: 1 });
    expect(JSON.stringify(pkg)).not.toMatch(new RegExp(`${NAME}|Strada Iasi 4|${caseId}`));

    // Not the receiver: refused (no receiving key of its own).
    expect((await se('POST', '/api/v1/referrals/packages', { package: pkg })).status).toBe(422);
    // A changed file: refused, nothing echoed.
    const flip = pkg.ciphertext!.startsWith('A')
      ? `B${pkg.ciphertext!.slice(1)}`
      : `A${pkg.ciphertext!.slice(1)}`;
    const changed = await ro('POST', '/api/v1/referrals/packages', {
      package: { ...pkg, ciphertext: flip },
    });
    expect(changed.status).toBe(422);
    expect(JSON.stringify(changed.body)).not.toContain(flip.slice(0, 24));
    expect((await ro('POST', '/api/v1/referrals/packages', { package: 'x' })).status).toBe(400);

    const imported = await ro('POST', '/api/v1/referrals/packages', { package: pkg });
    expect(imported.status).toBe(200);
    const linkedCaseId = String(imported.body.linkedCaseId);
    expect(imported.body.linkedCaseReference).toMatch(/^RO-/);
    const linked = await ro('GET', `/api/v1/cases/${linkedCaseId}`);
    expect(linked.body).toMatchObject({ organisationId: 'ro-recv-1', country: 'RO' });
    const [received] = await ds.query(
      `SELECT data FROM case_events WHERE case_id = $1 AND type = 'ReferralReceived'`,
      [linkedCaseId],
    );
    expect(received.data).toMatchObject({
      sourceCaseId: caseId,
      categories: ['identity', 'contact-location'],
    });
    const open = await keys.decryptPersonal(
      linkedCaseId,
      received.data,
      personalPaths('ReferralReceived'),
    );
    expect(open['personal']).toEqual({
      identity: { givenName: NAME },
      'contact-location': { address: 'Strada Iasi 4' },
    });
    // Imported twice: the same linked case.
    const again = await ro('POST', '/api/v1/referrals/packages', { package: pkg });
    expect(again.body.linkedCaseId).toBe(linkedCaseId);
  });

  it('exports only a referral awaiting an answer under her current consent', async () => {
    const caseId = await referred();
    const withdrawn = await se('POST', `/api/v1/cases/${caseId}/consents/consent-1/withdrawal`, {
      communication: HER,
    });
    expect(withdrawn.status).toBe(200);
    const res = await se('POST', `/api/v1/cases/${caseId}/referrals/referral-1/package`);
    expect([res.status, res.body.rule]).toEqual([409, 'R18']);
  });
});
