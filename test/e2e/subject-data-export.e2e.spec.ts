/**
 * Her own data (GDPR Art. 15, 20) over HTTP: the caseworker exports it with a password; the zip
 * opens with that password only (zip.js, AES-256), its PDF's text as pdf.js extracts it is in
 * the chosen language and holds her details, and its JSON's events are the timeline's. A sign-in
 * that is not recent is refused (reauthentication-required), other roles are refused, and the
 * export is in the audit trail without any of its content.
 */
import { decodeJwt } from 'jose';
import type { DataSource } from 'typeorm';
import { TextWriter, Uint8ArrayReader, Uint8ArrayWriter, ZipReader } from '@zip.js/zip.js';
import { createDataSource } from '@ariadne/persistence';
import type { LocalTokens } from '../../apps/api/src/auth/local-tokens';
import { AuthService } from '../../apps/api/src/auth/auth.service';
import { pdfText } from '../support/pdf';
import { type ApiStack, type Caller, caller, mustEnv, startApiStack } from '../support/stack';
import { loginWithSecondFactor } from '../support/second-factor';

jest.setTimeout(180_000);

const PASSWORD = 'lång-lösen-för-henne-2026';
const HER = {
  givenName: 'Ļena Åsa',
  familyName: 'Žukauskienė',
  nationality: 'LT',
  language: 'lt',
};

describe('subject-data export (GDPR Art. 15, 20)', () => {
  let stack: ApiStack;
  let db: DataSource;
  let caseworker: Caller;
  let caseId: string;
  let reference: string;

  async function exportRaw(token: string | undefined, body: unknown, id = caseId) {
    const res = await fetch(`${stack.baseUrl}/api/v1/cases/${id}/exports/subject-data`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
    const bytes = new Uint8Array(await res.arrayBuffer());
    return { status: res.status, headers: res.headers, bytes };
  }

  async function tokenOf(login: string): Promise<string> {
    const res = await loginWithSecondFactor(stack.baseUrl, login, 'e2e-only-demo-password');
    expect(res.status).toBe(200);
    expect(typeof res.body.accessToken).toBe('string');
    return String(res.body.accessToken);
  }

  async function unzip(bytes: Uint8Array, password: string) {
    const reader = new ZipReader(new Uint8ArrayReader(bytes), { password });
    const entries = await reader.getEntries();
    const byName = new Map(entries.flatMap((e) => (e.directory ? [] : [[e.filename, e] as const])));
    const pdfEntry = byName.get('subject-data.pdf');
    const jsonEntry = byName.get('subject-data.json');
    if (!pdfEntry || !jsonEntry) throw new Error('entries missing');
    const pdf = await pdfEntry.getData(new Uint8ArrayWriter());
    const json = JSON.parse(await jsonEntry.getData(new TextWriter()));
    await reader.close();
    return { entries, pdf, json };
  }

  beforeAll(async () => {
    stack = await startApiStack();
    db = await createDataSource(mustEnv('DATABASE_URL')).initialize();
    caseworker = await stack.as('se-ngo-1-cw-1');
    const opened = await caseworker('POST', '/api/v1/cases', { referralSource: 'police' });
    expect(opened.status).toBe(201);
    caseId = String(opened.body.caseId);
    reference = String(opened.body.reference);
    const details = await caseworker('POST', `/api/v1/cases/${caseId}/person-details`, {
      personal: { identity: HER, 'contact-location': { phone: '+46701234567' } },
    });
    expect(details.status).toBe(200);
  });

  afterAll(async () => {
    await db?.destroy();
    await stack?.close();
  });

  it('gives a Swedish PDF and the timeline as JSON in a zip only her password opens', async () => {
    const token = await tokenOf('se-ngo-1-cw-1');
    const res = await exportRaw(token, { language: 'sv', password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const day = new Date().toISOString().slice(0, 10);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="${reference}-${day}.zip"`,
    );
    // Nothing of her readable without the password, not even the file names' content.
    const raw = Buffer.from(res.bytes).toString('latin1');
    expect(raw).not.toContain('ukauskien');
    expect(raw).not.toContain('Dina personuppgifter');

    const { entries, pdf, json } = await unzip(res.bytes, PASSWORD);
    expect(entries.map((e) => [e.filename, e.encrypted])).toEqual([
      ['subject-data.pdf', true],
      ['subject-data.json', true],
    ]);
    // WinZip AES: compression method 99 in the first local file header, AES-256 (strength 3)
    // in its extra field 0x9901.
    const zip = Buffer.from(res.bytes);
    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
    expect(zip.readUInt16LE(8)).toBe(99);
    const nameLength = zip.readUInt16LE(26);
    const extra = zip.subarray(30 + nameLength, 30 + nameLength + zip.readUInt16LE(28));
    const aes = extra.indexOf(Buffer.from([0x01, 0x99]));
    expect(aes).toBeGreaterThanOrEqual(0);
    expect(extra[aes + 8]).toBe(3);

    const { text } = await pdfText(pdf);
    for (const heading of [
      'Dina personuppgifter',
      'Vem som har dina uppgifter',
      'Dina uppgifter, per kategori',
      'Vad som har hänt i ditt ärende',
      'Dina rättigheter',
      'Identitet',
      'Ditt ärende öppnades.',
      'Dina personuppgifter registrerades.',
    ]) {
      expect(text).toContain(heading);
    }
    expect(text).toContain('Žukauskienė');
    expect(text).toContain('Ļena Åsa');
    expect(text).toContain(reference);
    // Not the English catalogue.
    expect(text).not.toContain('Your rights');

    const timeline = await caseworker('GET', `/api/v1/cases/${caseId}/timeline`);
    expect(timeline.status).toBe(200);
    expect(json.events).toEqual(timeline.body);
    expect(json).toMatchObject({
      format: 'ariadne-subject-data',
      caseReference: reference,
      language: 'sv',
      erased: false,
      categories: { identity: HER, 'contact-location': { phone: '+46701234567' } },
    });
  });

  it('does not open with another password', async () => {
    const token = await tokenOf('se-ngo-1-cw-1');
    const res = await exportRaw(token, { language: 'en', password: PASSWORD });
    expect(res.status).toBe(200);
    await expect(unzip(res.bytes, 'not-her-password-at-all')).rejects.toThrow(/password/i);
    const { text } = await pdfText((await unzip(res.bytes, PASSWORD)).pdf);
    expect(text).toContain('Your personal data');
    expect(text).toContain('Your rights');
  });

  it('asks for a recent sign-in: an older one is refused with reauthentication-required', async () => {
    const fresh = await tokenOf('se-ngo-1-cw-1');
    const claims = decodeJwt(fresh);
    // A valid token whose sign-in was an hour ago, as a refreshed token would carry it.
    const local = (stack.api.get(AuthService) as unknown as { local: LocalTokens }).local;
    const { accessToken } = await local.issue(
      {
        userId: String(claims.sub),
        organisationId: String(claims['org']),
        role: claims['role'] as 'caseworker',
      },
      { authTime: Math.floor(Date.now() / 1000) - 3600, sessionId: null },
    );
    const res = await exportRaw(accessToken, { language: 'sv', password: PASSWORD });
    expect(res.status).toBe(401);
    const body = JSON.parse(Buffer.from(res.bytes).toString('utf8'));
    expect(body.type).toMatch(/reauthentication-required$/);
    expect(body.reauthenticate).toBe(true);
    // The same request with a fresh sign-in passes.
    expect((await exportRaw(fresh, { language: 'sv', password: PASSWORD })).status).toBe(200);
  });

  it('refuses other roles (403) and other organisations (404)', async () => {
    // (Admins and auditors sign in with a second factor; the role gate is the same for them.)
    for (const login of ['se-coordinator', 'no-coordinator']) {
      const res = await exportRaw(await tokenOf(login), { language: 'sv', password: PASSWORD });
      expect([login, res.status]).toEqual([login, 403]);
    }
    const other = await exportRaw(await tokenOf('se-shelter-1-cw-1'), {
      language: 'sv',
      password: PASSWORD,
    });
    expect(other.status).toBe(404);
    expect((await exportRaw(undefined, { language: 'sv', password: PASSWORD })).status).toBe(401);
  });

  it('refuses a short or missing password and an unknown language (400), naming the field', async () => {
    const token = await tokenOf('se-ngo-1-cw-1');
    for (const [body, field] of [
      [{ language: 'sv', password: 'tiny-secret' }, 'password'],
      [{ language: 'sv', password: null }, 'password'],
      [{ language: 'sv' }, 'password'],
      [{ language: 'xx', password: PASSWORD }, 'language'],
      [{ language: null, password: PASSWORD }, 'language'],
    ] as const) {
      const res = await exportRaw(token, body);
      expect(res.status).toBe(400);
      const text = Buffer.from(res.bytes).toString('utf8');
      expect(text).toContain(field);
      expect(text).not.toContain('tiny-secret');
    }
  });

  it('is in the audit trail: who, which case, when; no content, no password', async () => {
    const rows: Array<Record<string, unknown>> = await db.query(
      `SELECT actor_role, organisation_id, case_id, categories, purpose, outcome, row_to_json(a)::text AS whole
         FROM audit_log a WHERE action = 'case.export.subject-data' AND case_id = $1 ORDER BY seq`,
      [caseId],
    );
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows[0]).toMatchObject({
      actor_role: 'caseworker',
      organisation_id: 'se-ngo-1',
      case_id: caseId,
      purpose: 'data-subject-access',
      outcome: 'allowed',
    });
    for (const r of rows) {
      expect(String(r['whole'])).not.toContain(PASSWORD);
      expect(String(r['whole'])).not.toContain('ukauskien');
    }
  });

  it('anyone can use the caller helper too (sanity: the timeline is hers)', async () => {
    const anon = caller(stack.baseUrl);
    expect((await anon('GET', `/api/v1/cases/${caseId}/timeline`)).status).toBe(401);
  });
});
