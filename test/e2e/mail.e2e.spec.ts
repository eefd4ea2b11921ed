/**
 * Mail that leaves the system (issue 9), on the real stack with a real Mailpit over SMTP: a
 * reminder whose time comes (test policy ZZ, seconds) arrives in the recipient's language; the
 * escalation reaches the supervisor; a daily digest groups several; no delivered message holds
 * personal data. Then, with a sender process of its own, kill -9 between the SMTP 250 and
 * marking the message sent: nothing is lost and Mailpit (de-duplicating by Message-ID) shows
 * every message once.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import type { DataSource } from 'typeorm';
import { type CountryPolicy, DEFAULT_POLICIES } from '@ariadne/domain';
import {
  createDataSource,
  enqueueMessage,
  hashPassword,
  IdentityRepository,
  type Locale,
  runDigest,
} from '@ariadne/persistence';
import { listMail, type MailSummary, readMail, to, waitForMail } from '../support/mail';
import { createTestDatabase, type Mailpit, startMailpit } from '../support/services';
import { enrolTestTotp } from '../support/second-factor';
import { type ApiStack, type Caller, DEMO_PASSWORD, startApiStack } from '../support/stack';

jest.setTimeout(120_000);

const DAYS = 'P30D';
/** Identification is reminded 2 s after opening and escalated at 5 s. */
const ZZ: CountryPolicy = {
  ...DEFAULT_POLICIES.SE,
  country: 'ZZ',
  version: 'mail-test',
  testOnly: true,
  deadlines: {
    identificationDecision: 'PT4S',
    rightsInformation: DAYS,
    healthCheckOffered: DAYS,
    riskAssessment: DAYS,
    needsAssessment: DAYS,
  },
  reminderBefore: 'PT2S',
  escalateAfter: 'PT1S',
  stalledAfter: DAYS,
};

const ORG = 'zz-mail-1';
const tag = randomBytes(3).toString('hex');
const ACCOUNTS: ReadonlyArray<{
  suffix: string;
  role: 'caseworker' | 'supervisor';
  locale: Locale;
  name: string;
}> = [
  { suffix: 'sv', role: 'caseworker', locale: 'sv', name: `Ingrid Svanholm${tag}` },
  { suffix: 'nb', role: 'caseworker', locale: 'nb', name: `Solveig Nordbø${tag}` },
  { suffix: 'dg', role: 'caseworker', locale: 'en', name: `Dagny Digestsen${tag}` },
  { suffix: 'sup', role: 'supervisor', locale: 'fi', name: `Sirkka Valvoja${tag}` },
];
const email = (suffix: string): string => `${ORG}-${suffix}@mail.test`;

/** Her details, distinctive so that a scan cannot miss them. */
const HER = {
  givenName: `Zorislava${tag}`,
  familyName: `Kowalewska${tag}`,
  dateOfBirth: '1994-03-17',
  documentNumber: `XK${tag}77`,
  phone: `+4670${parseInt(tag, 16) % 10_000_000}`.padEnd(12, '7'),
  address: `Lindgatan ${tag}, Malmö`,
};

async function seed(ds: DataSource): Promise<void> {
  const repo = new IdentityRepository(ds.manager);
  await repo.insertOrganisationIfAbsent({
    id: ORG,
    country: 'ZZ',
    type: 'NGO',
    name: 'Mail NGO (ZZ)',
  });
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const a of ACCOUNTS) {
    await repo.insertUserIfAbsent({
      id: `${ORG}-${a.suffix}`,
      organisationId: ORG,
      role: a.role,
      displayName: a.name,
      login: `${ORG}-${a.suffix}`,
      email: email(a.suffix),
      locale: a.locale,
      passwordHash,
      active: true,
    });
    // Supervisors must use a second factor: enrolled as the demo's are.
    if (a.role === 'supervisor') await enrolTestTotp(ds, `${ORG}-${a.suffix}`);
  }
}

describe('mail through the outbox, over SMTP, into Mailpit', () => {
  let mailpit: Mailpit;
  let stack: ApiStack;
  let ds: DataSource;
  let dir: string;
  const refs: Record<string, string> = {};

  beforeAll(async () => {
    mailpit = await startMailpit();
    dir = mkdtempSync(join(tmpdir(), 'ariadne-mail-'));
    const policyFile = join(dir, 'policies.json');
    writeFileSync(policyFile, JSON.stringify([ZZ]));
    ds = await createDataSource(process.env.DATABASE_URL!).initialize();
    await seed(ds);
    stack = await startApiStack({
      ARIADNE_POLICY_FILE: policyFile,
      ARIADNE_ALLOW_TEST_POLICIES: 'true',
      ARIADNE_SMTP_URL: mailpit.smtpUrl,
      ARIADNE_MAIL_FROM: 'Ariadne <no-reply@ariadne.test>',
      ARIADNE_MAIL_POLL_MS: '100',
      // The digest job runs once at start; the test then triggers it with its own clock.
      ARIADNE_MAIL_DIGEST_INTERVAL: '3600',
    });
  });
  afterAll(async () => {
    await stack?.close();
    await ds?.destroy();
    await mailpit?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(who: Caller): Promise<{ caseId: string; reference: string }> {
    const res = await who('POST', '/api/v1/cases', { referralSource: 'helpline' });
    expect([res.status, res.body.country]).toEqual([201, 'ZZ']);
    const c = await who('GET', `/api/v1/cases/${res.body.caseId}`);
    expect(typeof c.body.reference).toBe('string');
    return { caseId: res.body.caseId, reference: c.body.reference };
  }

  it('a reminder arrives in Swedish for the Swedish caseworker and in Norwegian for the Norwegian one, within a minute; the escalation reaches the supervisor', async () => {
    const sv = await stack.as(`${ORG}-sv`);
    const nb = await stack.as(`${ORG}-nb`);
    const started = Date.now();
    const a = await open(sv);
    const b = await open(nb);
    refs.sv = a.reference;
    refs.nb = b.reference;
    const res = await sv('POST', `/api/v1/cases/${a.caseId}/person-details`, {
      personal: {
        identity: {
          givenName: HER.givenName,
          familyName: HER.familyName,
          dateOfBirth: HER.dateOfBirth,
          documentNumber: HER.documentNumber,
        },
        'contact-location': { address: HER.address, phone: HER.phone },
      },
    });
    expect([res.status, res.status === 200 ? undefined : res.body]).toEqual([200, undefined]);

    const reminderTo = (addr: string) => (ms: MailSummary[]) =>
      ms.find((m) => to(m, addr) && m.Subject.startsWith('Påminnelse'));
    const svMail = await waitForMail(
      mailpit.apiUrl,
      reminderTo(email('sv')),
      'the Swedish reminder',
    );
    const nbMail = await waitForMail(
      mailpit.apiUrl,
      reminderTo(email('nb')),
      'the Norwegian reminder',
    );
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(svMail.Subject).toEqual(
      expect.stringMatching(
        `^Påminnelse: Beslut om identifiering förfaller .+ \\(ärende ${a.reference}\\)$`,
      ),
    );
    expect(nbMail.Subject).toEqual(
      expect.stringMatching(
        `^Påminnelse: Beslutning om identifisering forfaller .+ \\(sak ${b.reference}\\)$`,
      ),
    );
    const svFull = await readMail(mailpit.apiUrl, svMail.ID);
    expect(svFull.Text).toContain(`Skyldigheten ”Beslut om identifiering” i ärende ${a.reference}`);
    expect(svFull.Text).toContain(`http://127.0.0.1:3000/cases/${a.caseId}`);
    expect(svFull.Text).toContain('http://127.0.0.1:3000/settings/notifications');
    expect(svFull.HTML).toContain(`href="http://127.0.0.1:3000/cases/${a.caseId}"`);
    const nbFull = await readMail(mailpit.apiUrl, nbMail.ID);
    expect(nbFull.Text).toContain('Åpne saken');

    // The supervisor (Finnish) gets both escalations; no caseworker gets one.
    const escalations = await waitForMail(
      mailpit.apiUrl,
      (ms) => {
        const e = ms.filter((m) => m.Subject.startsWith('Myöhässä: Tunnistamispäätös'));
        return e.length >= 2 ? e : undefined;
      },
      'two escalations',
    );
    expect(escalations.every((m) => to(m, email('sup')))).toBe(true);
    expect(escalations.map((m) => m.Subject).sort()).toEqual(
      [a.reference, b.reference].map((r) => `Myöhässä: Tunnistamispäätös (tapaus ${r})`).sort(),
    );
    // Each reminder exactly once.
    const all = await listMail(mailpit.apiUrl);
    expect(all.filter((m) => to(m, email('sv')))).toHaveLength(1);
    expect(all.filter((m) => to(m, email('nb')))).toHaveLength(1);
  });

  it('a daily digest groups several reminders into one message at her hour', async () => {
    const dg = await stack.as(`${ORG}-dg`);
    const put = await dg('PUT', '/api/v1/me/notification-preferences', {
      kinds: { reminder: 'digest' },
      digestHour: 7,
    });
    expect(put.status).toBe(200);
    const cases = [await open(dg), await open(dg), await open(dg)];
    // The three reminders are held for her digest, not sent.
    const until = Date.now() + 30_000;
    for (;;) {
      const rows: Array<{ n: string }> = await ds.query(
        `SELECT count(*) AS n FROM outbox_messages WHERE recipient_user_id = $1 AND status = 'held'`,
        [`${ORG}-dg`],
      );
      if (Number(rows[0]?.n) === 3) break;
      if (Date.now() > until) throw new Error('reminders were not held');
      await new Promise((r) => setTimeout(r, 250));
    }
    expect((await listMail(mailpit.apiUrl)).filter((m) => to(m, email('dg')))).toEqual([]);

    // ZZ is in UTC. Tomorrow 06:59 is before her hour; 07:01 is after it; again: nothing more.
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect(await runDigest(ds, new Date(`${tomorrow}T06:59:00Z`))).toBe(0);
    expect(await runDigest(ds, new Date(`${tomorrow}T07:01:00Z`))).toBe(1);
    expect(await runDigest(ds, new Date(`${tomorrow}T09:00:00Z`))).toBe(0);

    const digest = await waitForMail(
      mailpit.apiUrl,
      (ms) => ms.find((m) => to(m, email('dg'))),
      'the digest',
    );
    expect(digest.Subject).toBe('Ariadne: 3 notifications today');
    const full = await readMail(mailpit.apiUrl, digest.ID);
    for (const c of cases) {
      expect(full.Text).toContain(c.reference);
      expect(full.Text).toContain(`http://127.0.0.1:3000/cases/${c.caseId}`);
    }
    await new Promise((r) => setTimeout(r, 1000));
    expect((await listMail(mailpit.apiUrl)).filter((m) => to(m, email('dg')))).toHaveLength(1);
  });

  it('her calendar feed lists her deadlines (parsed with ical.js), without personal data; revoked, it answers 404', async () => {
    const sv = await stack.as(`${ORG}-sv`);
    const created = await sv('POST', '/api/v1/me/calendar-feed');
    expect(created.status).toBe(201);
    const url = String(created.body.url);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:3000\/api\/v1\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const local = url.replace('http://127.0.0.1:3000', stack.baseUrl);
    const res = await fetch(local);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    const text = await res.text();
    const cal = new ICAL.Component(ICAL.parse(text));
    const summaries = cal
      .getAllSubcomponents('vevent')
      .map((e) => String(new ICAL.Event(e).summary));
    // Her open case's obligations, in Swedish, with the case's short reference.
    expect(summaries).toEqual(
      expect.arrayContaining([
        `Beslut om identifiering · ${refs.sv}`,
        `Information om rättigheter · ${refs.sv}`,
        `Riskbedömning · ${refs.sv}`,
      ]),
    );
    // Only hers: not the Norwegian caseworker's case.
    expect(summaries.some((s) => s.includes(refs.nb!))).toBe(false);
    for (const v of [...Object.values(HER), ...ACCOUNTS.map((a) => a.name)]) {
      expect(text.includes(v)).toBe(false);
    }
    // The feed state says it exists; revoking it makes the URL unknown.
    expect((await sv('GET', '/api/v1/me/calendar-feed')).body).toEqual({ active: true });
    expect((await sv('DELETE', '/api/v1/me/calendar-feed')).status).toBe(204);
    expect((await fetch(local)).status).toBe(404);
    expect((await sv('GET', '/api/v1/me/calendar-feed')).body).toEqual({ active: false });
    // A new one works; it replaces any before it.
    const again = await sv('POST', '/api/v1/me/calendar-feed');
    const second = String(again.body.url).replace('http://127.0.0.1:3000', stack.baseUrl);
    expect((await fetch(second)).status).toBe(200);
    const third = String((await sv('POST', '/api/v1/me/calendar-feed')).body.url).replace(
      'http://127.0.0.1:3000',
      stack.baseUrl,
    );
    expect((await fetch(second)).status).toBe(404);
    expect((await fetch(third)).status).toBe(200);
  });

  it('escalations cannot be switched off (R20); a bad mode is refused naming the field', async () => {
    const sup = await stack.as(`${ORG}-sup`);
    const off = await sup('PUT', '/api/v1/me/notification-preferences', {
      kinds: { escalation: 'none' },
    });
    expect([off.status, off.body.rule]).toEqual([400, 'R20']);
    const bad = await sup('PUT', '/api/v1/me/notification-preferences', {
      kinds: { reminder: 'sometimes' },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('reminder');
    expect(JSON.stringify(bad.body)).not.toContain('sometimes');
    // digestHour null (an untouched field) keeps the hour (found by fuzzing: was 500).
    const nullHour = await sup('PUT', '/api/v1/me/notification-preferences', {
      kinds: { reminder: 'immediate', referral: null },
      digestHour: null,
    });
    expect(nullHour.status).toBe(200);
    const got = await sup('GET', '/api/v1/me/notification-preferences');
    expect(got.body).toMatchObject({
      kinds: { escalation: 'immediate', reminder: 'immediate' },
      digestHour: 7,
      timeZone: 'UTC',
      hasAddress: true,
    });
  });

  it('a proposed transfer (R31) is mailed to the receiving organisation’s supervisors only, in their language, with the reference and a link', async () => {
    const receiver = 'zz-mail-2';
    const repo = new IdentityRepository(ds.manager);
    await repo.insertOrganisationIfAbsent({
      id: receiver,
      country: 'ZZ',
      type: 'NGO',
      name: 'Receiving NGO (ZZ)',
    });
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const [suffix, role, locale] of [
      ['sup', 'supervisor', 'lv'],
      ['cw', 'caseworker', 'en'],
    ] as const) {
      await repo.insertUserIfAbsent({
        id: `${receiver}-${suffix}`,
        organisationId: receiver,
        role,
        displayName: `${role} ${tag}`,
        login: `${receiver}-${suffix}`,
        email: `${receiver}-${suffix}@mail.test`,
        locale,
        passwordHash,
        active: true,
      });
    }
    const nb = await stack.as(`${ORG}-nb`);
    const { caseId, reference } = await open(nb);
    const details = await nb('POST', `/api/v1/cases/${caseId}/person-details`, {
      personal: { identity: { givenName: HER.givenName, familyName: HER.familyName } },
    });
    expect(details.status).toBe(200);
    const proposed = await nb('POST', `/api/v1/cases/${caseId}/transfer`, {
      receivingOrganisationId: receiver,
      communication: { language: 'ro', interpreterUsed: true },
    });
    expect([proposed.status, proposed.status === 200 ? undefined : proposed.body]).toEqual([
      200,
      undefined,
    ]);

    const mail = await waitForMail(
      mailpit.apiUrl,
      (ms) => ms.find((m) => to(m, `${receiver}-sup@mail.test`)),
      'the transfer mail to the receiving supervisor',
    );
    expect(mail.Subject).toBe(`Ierosināta nodošana: lieta ${reference}`);
    const full = await readMail(mailpit.apiUrl, mail.ID);
    expect(full.Text).toContain(`Cita organizācija ierosina nodot lietu ${reference}`);
    expect(full.Text).toContain('Atvērt nodošanas: http://127.0.0.1:3000/transfers');
    expect(full.HTML).toContain('href="http://127.0.0.1:3000/transfers"');
    // Nothing that identifies her, nor the case's opaque id (the receiver cannot open it yet).
    const whole = `${full.Subject}\n${full.Text}\n${full.HTML}`;
    for (const v of [HER.givenName, HER.familyName, caseId]) expect(whole).not.toContain(v);

    // Only the receiver's supervisors answer transfers: its caseworker gets nothing, and the
    // sender's staff get only the case's own reminders and escalations, as before.
    await new Promise((r) => setTimeout(r, 1000));
    const all = await listMail(mailpit.apiUrl);
    expect(all.filter((m) => to(m, `${receiver}-cw@mail.test`))).toEqual([]);
    const others = all.filter(
      (m) => m.Subject.includes(reference) && !to(m, `${receiver}-sup@mail.test`),
    );
    expect(others.filter((m) => !/^(Påminnelse|Myöhässä):/.test(m.Subject))).toEqual([]);
    expect(all.filter((m) => to(m, `${receiver}-sup@mail.test`))).toHaveLength(1);
  });

  it('no delivered message holds her personal data, nor the staff’s names', async () => {
    const all = await listMail(mailpit.apiUrl);
    expect(all.length).toBeGreaterThanOrEqual(5);
    const values = [...Object.values(HER), ...ACCOUNTS.map((a) => a.name)];
    const hits: string[] = [];
    for (const m of all) {
      const full = await readMail(mailpit.apiUrl, m.ID);
      const text = `${full.Subject}\n${full.Text}\n${full.HTML}`;
      for (const v of values) if (text.includes(v)) hits.push(`${m.ID}: a seeded value`);
    }
    expect(hits).toEqual([]);
    // The scan can see: the case references it expects are there.
    const subjects = all.map((m) => m.Subject).join('\n');
    expect(subjects).toContain(refs.sv);
    expect(subjects).toContain(refs.nb);
  });
});

describe('kill -9 of the sender between the SMTP 250 and marking it sent', () => {
  let mailpit: Mailpit;
  let db: { url: string; drop(): Promise<void> };
  let ds: DataSource;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    mailpit = await startMailpit();
    db = await createTestDatabase();
    ds = await createDataSource(db.url).initialize();
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await ds?.destroy();
    await db?.drop();
    await mailpit?.stop();
  });

  function sender(env: Record<string, string>): { child: ChildProcess; lines: string[] } {
    const child = spawn(
      process.execPath,
      [
        '-r',
        join(__dirname, '../../scripts/ts-register.cjs'),
        join(__dirname, '../support/mail-sender-child.ts'),
      ],
      {
        env: { ...process.env, DATABASE_URL: db.url, ARIADNE_SMTP_URL: mailpit.smtpUrl, ...env },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    children.push(child);
    const lines: string[] = [];
    child.stdout?.on('data', (d: Buffer) =>
      lines.push(...d.toString().split('\n').filter(Boolean)),
    );
    return { child, lines };
  }

  async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
    const end = Date.now() + 60_000;
    while (!(await check())) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('loses nothing and shows no duplicate', async () => {
    const N = 12;
    await ds.transaction(async (tx) => {
      for (let i = 0; i < N; i++) {
        await enqueueMessage(tx, {
          idempotencyKey: `crash-test:${i}`,
          kind: 'reminder',
          recipientUserId: null,
          organisationId: null,
          recipientAddress: `crash-${i}@mail.test`,
          locale: 'en',
          timeZone: 'UTC',
          params: {
            caseId: '00000000-0000-4000-8000-000000000000',
            reference: `ZZ-CRASH-${i}`,
            obligation: 'risk-assessment',
            dueAt: '2026-12-24T12:00:00Z',
          },
        });
      }
    });
    const first = sender({ HANG_AFTER_DELIVERIES: '3' });
    await until(
      () => first.lines.filter((l) => l.startsWith('delivered ')).length >= 3,
      'three deliveries',
    );
    const hung = first.lines
      .filter((l) => l.startsWith('delivered '))[2]!
      .slice('delivered '.length);
    // The server has it; the database does not know yet. Now the process dies.
    await until(async () => (await listMail(mailpit.apiUrl)).length >= 3, 'three in Mailpit');
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    await until(async () => {
      const rows: Array<{ status: string }> = await ds.query(
        `SELECT status FROM outbox_messages WHERE id = $1`,
        [hung],
      );
      return rows[0]?.status === 'pending';
    }, 'the killed transaction to be rolled back');

    const second = sender({});
    await until(async () => {
      const rows: Array<{ n: string }> = await ds.query(
        `SELECT count(*) AS n FROM outbox_messages WHERE status = 'sent'`,
      );
      return Number(rows[0]?.n) === N;
    }, 'every message marked sent');
    // The re-sent message went out again (the sender saw its 250 twice), and Mailpit shows it once.
    expect(second.lines).toContain(`delivered ${hung}`);
    await new Promise((r) => setTimeout(r, 500));
    const mail = await listMail(mailpit.apiUrl);
    expect(mail).toHaveLength(N);
    expect(new Set(mail.map((m) => m.MessageID)).size).toBe(N);
    expect(mail.map((m) => m.To[0]?.Address).sort()).toEqual(
      Array.from({ length: N }, (_, i) => `crash-${i}@mail.test`).sort(),
    );
    second.child.kill('SIGTERM');
  });
});
