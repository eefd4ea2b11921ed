/**
 * Issue 9: sign-in limits kept in PostgreSQL hold across API replicas, and the audit trail
 * records sign-ins (success, failure, lockout), refused tokens and refused authorisations without
 * personal data; an attempt on another country's case is seen by that country's auditor only.
 */
import type { INestApplication } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { appendFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createDataSource, hashPassword, IdentityRepository } from '@ariadne/persistence';
import { AuditAnchors } from '../../apps/api/src/audit/audit-anchors';
import {
  type ApiStack,
  caller,
  type Caller,
  type HttpResult,
  mustEnv,
  startApiStack,
} from '../support/stack';

jest.setTimeout(120_000);

const RUN = randomBytes(3).toString('hex');
/** In the logins only (never in ids): a trace of it in the trail would be a login in clear. */
const LOGIN_RUN = `l${randomBytes(4).toString('hex')}`;
const PASSWORD = `pw-${randomBytes(12).toString('base64url')}`;
const LIMIT = 4;
const LOCKOUT = 3;
const ANCHOR_FILE = join(tmpdir(), `ariadne-anchors-${RUN}`, 'audit-anchors.log');
const ENV = {
  ARIADNE_AUDIT_ANCHOR_FILE: ANCHOR_FILE,
  ARIADNE_LOGIN_RATE_LIMIT: String(LIMIT),
  // Parallel test files sign in from 127.0.0.1 against the same database: per login only here.
  ARIADNE_LOGIN_ADDRESS_RATE_LIMIT: '1000000',
  ARIADNE_LOGIN_LOCKOUT_THRESHOLD: String(LOCKOUT),
};

describe('sign-in limits and the audit of refusals, with two API replicas', () => {
  let stack: ApiStack;
  let second: INestApplication;
  let replicas: [Caller, Caller];
  let ds: DataSource;
  const saved: Record<string, string | undefined> = {};
  const login = (name: string) => `audit-${name}-${LOGIN_RUN}@ngo.example`;
  const userId = (name: string) => `e2e-${RUN}-${name}`;

  beforeAll(async () => {
    for (const k of Object.keys(ENV)) saved[k] = process.env[k];
    stack = await startApiStack(ENV);
    const { createApi } = await import('../../apps/api/src/bootstrap');
    second = await createApi();
    await second.listen(0, '127.0.0.1');
    const port = (second.getHttpServer().address() as { port: number }).port;
    replicas = [stack.anonymous, caller(`http://127.0.0.1:${port}`)];
    ds = await createDataSource(mustEnv('DATABASE_URL')).initialize();
    const repo = new IdentityRepository(ds);
    const passwordHash = await hashPassword(PASSWORD);
    for (const name of ['locked', 'reset', 'ok']) {
      await repo.insertUserIfAbsent({
        id: userId(name),
        organisationId: 'se-ngo-1',
        role: 'caseworker',
        displayName: `E2E ${name}`,
        login: login(name),
        passwordHash,
        active: true,
      });
    }
  });
  afterAll(async () => {
    await second?.close();
    await stack?.close();
    await ds?.destroy();
    await rm(dirname(ANCHOR_FILE), { recursive: true, force: true });
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  /** Attempt i goes to replica i % 2. */
  const signIn = (i: number, who: string, password: string) =>
    replicas[i % 2]('POST', '/api/v1/auth/login', { login: who, password });

  async function entries(auditor: string, query: string): Promise<HttpResult['body'][]> {
    const res = await (await stack.as(auditor))('GET', `/api/v1/audit?limit=500&${query}`);
    expect(res.status).toBe(200);
    return res.body.items;
  }

  it('counts attempts on one login across both replicas (429 with Retry-After)', async () => {
    const nobody = login('nobody');
    // Every attempt counts, also one that never gets to a password (here: a malformed one, so
    // that the failures do not lock the login first; LOCKOUT < LIMIT).
    const malformed = (i: number) =>
      replicas[i % 2]('POST', '/api/v1/auth/login', { login: nobody, password: 42 });
    for (let i = 0; i < LIMIT; i++) expect((await malformed(i)).status).toBe(400);
    for (const i of [LIMIT, LIMIT + 1]) {
      const limited = await signIn(i, nobody, 'guess');
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(limited.body).toMatchObject({ status: 429, title: 'Too many login attempts' });
    }
    const rows = (await ds.query(
      `SELECT count(*)::int AS n FROM login_attempts AS a WHERE a::text LIKE $1`,
      [`%${nobody}%`],
    )) as { n: number }[];
    expect(rows[0].n).toBe(0); // only keyed hashes are stored, never the login
  });

  it('locks a login after failures in a row on either replica, the same answer as for no account', async () => {
    const t0 = new Date(Date.now() - 1000).toISOString();
    for (let i = 0; i < LOCKOUT; i++) {
      expect((await signIn(i, login('locked'), 'guess')).status).toBe(401);
    }
    // Now locked: even the right password is refused, on both replicas.
    const a = await signIn(0, login('locked'), PASSWORD);
    const b = await signIn(1, login('locked'), PASSWORD);
    for (const r of [a, b]) {
      expect(r.status).toBe(429);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(60);
    }
    // A login that names no account gets the very same answer.
    const ghost = login('ghost');
    for (let i = 0; i < LOCKOUT; i++) await signIn(i, ghost, 'guess');
    const g = await signIn(0, ghost, 'guess');
    expect(g.status).toBe(429);
    expect(Object.keys(g.body).sort()).toEqual(Object.keys(a.body).sort());
    expect(g.body.title).toBe(a.body.title);

    // The trail: each failure and the lockout, by the account's id; nothing of the login.
    const mine = await entries('se-auditor', `actorId=${userId('locked')}&from=${t0}`);
    expect(mine.map((e) => [e.action, e.outcome, e.reason])).toEqual([
      ...Array.from({ length: LOCKOUT }, () => ['auth.sign-in', 'denied', 'invalid-credentials']),
      ['auth.lockout', 'denied', 'locked-out'],
    ]);
    for (const e of mine) {
      expect(e).toMatchObject({ subjectRef: null, route: 'POST /api/v1/auth/login' });
    }
    // The unknown login: by a keyed hash, the same for each attempt; shown to every auditor.
    const ghosts = (await entries('no-auditor', `action=auth.lockout&from=${t0}`)).filter(
      (e) => e.actorId === null,
    );
    expect(ghosts.length).toBeGreaterThanOrEqual(1);
    expect(ghosts[0].subjectRef).toMatch(/^[0-9a-f]{64}$/);
    const text = JSON.stringify(await entries('se-auditor', `from=${t0}`));
    expect(text).not.toContain(LOGIN_RUN); // no login appears in clear anywhere
  });

  it('resets the failures on success, and records the success by the account', async () => {
    const t0 = new Date(Date.now() - 1000).toISOString();
    for (let i = 0; i < LOCKOUT - 1; i++) await signIn(i, login('reset'), 'guess');
    expect((await signIn(0, login('reset'), PASSWORD)).status).toBe(200);
    for (let i = 0; i < LOCKOUT - 1; i++) await signIn(i, login('reset'), 'guess');
    expect((await signIn(1, login('reset'), PASSWORD)).status).toBe(200);
    const mine = await entries(
      'se-auditor',
      `actorId=${userId('reset')}&action=auth.sign-in&from=${t0}`,
    );
    expect(mine.filter((e) => e.outcome === 'allowed')).toHaveLength(2);
    expect(mine.filter((e) => e.reason === 'invalid-credentials')).toHaveLength(2 * (LOCKOUT - 1));
  });

  it('records a refused token by reason and route pattern only', async () => {
    const t0 = new Date(Date.now() - 1000).toISOString();
    const bogus = `bogus.${RUN}.token`;
    const caseId = randomUUID();
    const res = await replicas[1]('GET', `/api/v1/cases/${caseId}`, undefined, {
      authorization: `Bearer ${bogus}`,
    });
    expect(res.status).toBe(401);
    expect((await replicas[0]('GET', '/api/v1/cases')).status).toBe(401);
    const refused = await entries('se-auditor', `action=auth.token.refused&from=${t0}`);
    expect(refused).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actorId: null,
          caseId: null,
          outcome: 'denied',
          reason: 'invalid-token',
          route: 'GET /api/v1/cases/:caseId',
        }),
        expect.objectContaining({ reason: 'unauthenticated', route: 'GET /api/v1/cases' }),
      ]),
    );
    const text = JSON.stringify(refused);
    expect(text).not.toContain(bogus);
    expect(text).not.toContain(caseId);
  });

  it('records a role refusal (403): who, which route', async () => {
    const t0 = new Date(Date.now() - 1000).toISOString();
    expect((await (await stack.as('se-ngo-1-cw-1'))('GET', '/api/v1/audit')).status).toBe(403);
    const refused = await entries(
      'se-auditor',
      `actorId=se-ngo-1-cw-1&action=access.refused&from=${t0}`,
    );
    expect(refused).toEqual([
      expect.objectContaining({
        actorRole: 'caseworker',
        organisationId: 'se-ngo-1',
        outcome: 'denied',
        reason: 'forbidden-role',
        route: 'GET /api/v1/audit',
        caseCountry: null,
      }),
    ]);
  });

  it('verifies the chain against the latest anchor, and reports a chain shorter than it', async () => {
    const auditor = await stack.as('se-auditor');
    const anchored = await stack.api.get(AuditAnchors).anchor();
    expect(anchored).not.toBeNull();
    const ok = await auditor('GET', '/api/v1/audit/verify');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, anchoredSeq: anchored!.seq });
    // An anchor beyond the chain's end: as if the newest entries had been cut off.
    const beyond = anchored!.seq + 1_000_000;
    const line = { at: new Date().toISOString(), seq: beyond, hash: 'ab'.repeat(32) };
    await appendFile(ANCHOR_FILE, `${JSON.stringify(line)}\n`);
    const cut = await auditor('GET', '/api/v1/audit/verify');
    expect(cut.status).toBe(200);
    expect(cut.body).toMatchObject({ ok: false });
    expect(cut.body.reason).toMatch(
      new RegExp(`before the anchored entry ${beyond} \\(truncated\\)$`),
    );
  });

  describe('an attempt on another country’s case', () => {
    async function openCase(cw: string): Promise<string> {
      const c = await stack.as(cw);
      const opened = await c('POST', '/api/v1/cases', { referralSource: 'police' });
      expect(opened.status).toBe(201);
      const caseId = String(opened.body.caseId);
      // Until the case's summary is written, its country is not known to the trail either.
      for (let i = 0; i < 100; i++) {
        if ((await c('GET', `/api/v1/cases/${caseId}`)).status === 200) return caseId;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('the case did not appear');
    }

    it.each([
      ['se-ngo-1-cw-1', 'no-ngo-1-cw-1', 'no-auditor', 'se-auditor', 'NO'],
      ['no-ngo-1-cw-1', 'se-ngo-1-cw-1', 'se-auditor', 'no-auditor', 'SE'],
    ])(
      '%s tries a case of %s: seen by the case’s auditor (%s), not by %s',
      async (intruder, owner, casesAuditor, intrudersAuditor, country) => {
        const caseId = await openCase(owner);
        const attempt = await (await stack.as(intruder))('GET', `/api/v1/cases/${caseId}`);
        expect([403, 404]).toContain(attempt.status);
        const seen = await entries(casesAuditor, `caseId=${caseId}&actorId=${intruder}`);
        expect(seen).toEqual([
          expect.objectContaining({
            outcome: 'denied',
            caseId,
            caseCountry: country,
            route: 'GET /api/v1/cases/:caseId',
          }),
        ]);
        // The intruder's own auditor does not learn the other country's case id.
        expect(await entries(intrudersAuditor, `caseId=${caseId}`)).toEqual([]);
      },
    );
  });
});
