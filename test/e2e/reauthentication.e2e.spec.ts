/**
 * Re-authentication before sensitive actions (ASVS 7.5.3) on the real stack: with a window of 2
 * seconds (ARIADNE_REAUTH_MAX_AGE), a token from a sign-in 3 seconds ago may read, but not erase a
 * case nor change an account: 401 reauthentication-required. Her password at POST
 * /auth/reauthenticate gives a token with a fresh auth_time, and the action goes ahead. A wrong
 * password is refused, audited and counted toward the login limits in PostgreSQL (the same
 * lockout as sign-in). A refresh keeps the time of the sign-in; re-authentication renews it for
 * the session.
 *
 * The callers here are plain (caller()), not the stack's re-authenticating ones.
 */
import { decodeJwt } from 'jose';
import { createHmac, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource, hashPassword, IdentityRepository } from '@ariadne/persistence';
import {
  type ApiStack,
  caller,
  type Caller,
  DEMO_PASSWORD,
  type HttpResult,
  isReauthenticationRequired,
  mustEnv,
  startApiStack,
} from '../support/stack';

jest.setTimeout(90_000);

const WINDOW_SECONDS = 2;
const LOCKOUT_THRESHOLD = 3;
const HER = { language: 'ro', interpreterUsed: false };
const RUN = randomUUID().slice(0, 8);
const SUP = `reauth-sup-${RUN}`;
const ADMIN = `reauth-admin-${RUN}`;
const AUDITOR = `reauth-auditor-${RUN}`;
const CW = `reauth-cw-${RUN}`;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** RFC 6238 (SHA-1, six digits, 30 s), as her authenticator app computes it. */
function totp(base32: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of base32.replace(/=+$/, '').toUpperCase()) {
    bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  }
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

describe('re-authentication before sensitive actions (ASVS 7.5.3)', () => {
  let stack: ApiStack;
  let db: DataSource;

  beforeAll(async () => {
    stack = await startApiStack({
      ARIADNE_REAUTH_MAX_AGE: String(WINDOW_SECONDS),
      ARIADNE_LOGIN_LOCKOUT_THRESHOLD: String(LOCKOUT_THRESHOLD),
    });
    db = await createDataSource(mustEnv('DATABASE_URL')).initialize();
    // Accounts of this file's own, so that their second factor (set up here on first sign-in)
    // and lockouts touch no account that other test files share.
    const accounts = new IdentityRepository(db);
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const [id, like] of [
      [SUP, 'se-ngo-1-sup'],
      [ADMIN, 'se-admin'],
      [AUDITOR, 'se-auditor'],
      [CW, 'se-ngo-1-cw-2'],
    ] as const) {
      const model = await accounts.findUserById(like);
      await accounts.insertUserIfAbsent({
        id,
        login: id,
        organisationId: model!.organisationId,
        role: model!.role,
        displayName: 'Reauthentication test',
        passwordHash,
        active: true,
      });
    }
  });
  afterAll(async () => {
    await db?.destroy();
    await stack?.close();
  });

  /** Her unused recovery codes, for accounts that had to set up a second factor. */
  const recoveryCodes = new Map<string, string[]>();

  async function post(path: string, body: unknown): Promise<Response> {
    return fetch(`${stack.baseUrl}/api/v1/auth/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  /**
   * Signs in as a person would: the password, then (supervisors, admins and auditors must use a
   * second factor) setting up TOTP the first time, or one of her recovery codes after that.
   */
  async function signIn(login: string): Promise<{ token: string; cookie: string }> {
    let res = await post('login', { login, password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    let body = (await res.clone().json()) as Record<string, unknown>;
    if (body.enrolmentRequired) {
      const challengeToken = body.challengeToken;
      const start = await post('login/enrolment/totp', { challengeToken });
      expect(start.status).toBe(200);
      const { secret } = (await start.json()) as { secret: string };
      res = await post('login/enrolment/totp/confirm', { challengeToken, code: totp(secret) });
      expect(res.status).toBe(200);
      body = (await res.clone().json()) as Record<string, unknown>;
      recoveryCodes.set(login, [...(body.recoveryCodes as string[])]);
    } else if (body.secondFactorRequired) {
      res = await post('login/second-factor', {
        challengeToken: body.challengeToken,
        recoveryCode: recoveryCode(login),
      });
      expect(res.status).toBe(200);
      body = (await res.clone().json()) as Record<string, unknown>;
    }
    const cookie = /ariadne_refresh=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
    expect(cookie).toBeDefined();
    return { token: String(body.accessToken), cookie: cookie! };
  }

  function recoveryCode(login: string): string {
    const code = recoveryCodes.get(login)?.shift();
    if (!code) throw new Error(`no recovery code left for ${login}`);
    return code;
  }

  /** Her password, and a recovery code when she has a second factor. */
  function confirmation(login: string, password = DEMO_PASSWORD): Record<string, string> {
    return recoveryCodes.has(login)
      ? { password, recoveryCode: recoveryCode(login) }
      : { password };
  }

  async function refresh(cookie: string): Promise<{ token: string; cookie: string }> {
    const res = await fetch(`${stack.baseUrl}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'x-requested-with': 'ariadne', cookie },
    });
    expect(res.status).toBe(200);
    const next = /ariadne_refresh=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
    return { token: ((await res.json()) as { accessToken: string }).accessToken, cookie: next! };
  }

  const reauthenticate = (as: Caller, body: Record<string, unknown>): Promise<HttpResult> =>
    as('POST', '/api/v1/auth/reauthenticate', body);

  async function closedCase(): Promise<string> {
    const cw = caller(stack.baseUrl, (await signIn('se-ngo-1-cw-1')).token);
    const opened = await cw('POST', '/api/v1/cases', { referralSource: 'police' });
    expect(opened.status).toBe(201);
    const caseId = String(opened.body.caseId);
    const closed = await cw('POST', `/api/v1/cases/${caseId}/closure`, {
      reason: 'she-ended-contact',
    });
    expect(closed.status).toBe(200);
    return caseId;
  }

  async function auditEntries(actorId: string, action: string): Promise<string[]> {
    // The trail is written in batches: wait for the entries to land.
    for (let i = 0; i < 50; i++) {
      const rows: { outcome: string; reason: string | null }[] = await db.query(
        `SELECT outcome, reason FROM audit_log WHERE actor_id = $1 AND action = $2 ORDER BY seq`,
        [actorId, action],
      );
      if (rows.length > 0) return rows.map((r) => `${r.outcome}:${r.reason ?? ''}`);
      await sleep(100);
    }
    return [];
  }

  it('erasure with an old token: 401 reauthentication-required; after re-authenticating it proceeds', async () => {
    const caseId = await closedCase();
    const signedIn = await signIn(SUP);
    const old = caller(stack.baseUrl, signedIn.token);
    await sleep((WINDOW_SECONDS + 1) * 1000);

    // Reading needs no fresh authentication.
    expect((await old('GET', `/api/v1/cases/${caseId}`)).status).toBe(200);
    const refused = await old('POST', `/api/v1/cases/${caseId}/erasure`, { communication: HER });
    expect(refused.status).toBe(401);
    expect(isReauthenticationRequired(refused)).toBe(true);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.headers.get('www-authenticate')).toBe(
      `Bearer realm="ariadne", error="insufficient_user_authentication", max_age=${WINDOW_SECONDS}`,
    );
    // The refusal is in the trail, by ids, on the case (its auditors see it).
    expect(await auditEntries(SUP, 'access.refused')).toContain('denied:reauthentication-required');

    // A wrong password: refused, audited, and the action still refused.
    const wrong = await reauthenticate(old, { password: 'not her password' });
    expect([wrong.status, wrong.body.type]).toEqual([
      401,
      expect.stringMatching(/\/invalid-credentials$/),
    ]);
    expect(await auditEntries(SUP, 'auth.reauthentication')).toEqual([
      'denied:invalid-credentials',
    ]);

    if (recoveryCodes.has(SUP)) {
      // Her password alone is not enough when she has a second factor.
      const half = await reauthenticate(old, { password: DEMO_PASSWORD });
      expect([half.status, half.body.type]).toEqual([
        401,
        expect.stringMatching(/\/second-factor-required$/),
      ]);
      expect(half.body.methods).toContain('recovery-code');
      // A wrong second factor with the right password is a failure like a wrong password.
      const badCode = await reauthenticate(old, {
        password: DEMO_PASSWORD,
        recoveryCode: 'AAAAA-BBBBB',
      });
      expect(badCode.status).toBe(401);
    }
    const before = Math.floor(Date.now() / 1000);
    const again = await reauthenticate(old, confirmation(SUP));
    expect(again.status).toBe(200);
    expect(again.headers.get('cache-control')).toBe('no-store');
    const claims = decodeJwt(String(again.body.accessToken));
    expect(claims.auth_time).toBeGreaterThanOrEqual(before);
    expect(claims.sub).toBe(SUP);

    const fresh = caller(stack.baseUrl, String(again.body.accessToken));
    const erased = await fresh('POST', `/api/v1/cases/${caseId}/erasure`, { communication: HER });
    expect(erased.status).toBe(200);
    const denials = recoveryCodes.has(SUP) ? 2 : 1;
    expect(await auditEntries(SUP, 'auth.reauthentication')).toEqual([
      ...Array<string>(denials).fill('denied:invalid-credentials'),
      'allowed:',
    ]);
  });

  it('an admin write likewise; a bad body of a fresh caller is still a 400, not a 401', async () => {
    const admin = caller(stack.baseUrl, (await signIn(ADMIN)).token);
    const body = { displayName: 'Reauthentication test, renamed' };
    const path = `/api/v1/admin/users/${CW}`;
    expect((await admin('PATCH', path, { displayName: 42 })).status).toBe(400);
    await sleep((WINDOW_SECONDS + 1) * 1000);

    // Reads stay open; writes need a recent authentication.
    expect((await admin('GET', path)).status).toBe(200);
    const refused = await admin('PATCH', path, body);
    expect(isReauthenticationRequired(refused)).toBe(true);
    const created = await admin('POST', '/api/v1/admin/organisations', {
      name: 'Reauth NGO (SE)',
      type: 'NGO',
    });
    expect(isReauthenticationRequired(created)).toBe(true);

    const again = await reauthenticate(admin, confirmation(ADMIN));
    expect(again.status).toBe(200);
    const fresh = caller(stack.baseUrl, String(again.body.accessToken));
    expect((await fresh('PATCH', path, body)).status).toBe(200);
    // The role check still comes first: an auditor is refused 403, fresh or not.
    const auditor = caller(stack.baseUrl, (await signIn(AUDITOR)).token);
    expect((await auditor('PATCH', path, body)).status).toBe(403);
  });

  it('changing how she signs in (second factor, passkeys, recovery codes) asks for it too (ASVS 7.5.1)', async () => {
    const sup = caller(stack.baseUrl, (await signIn(SUP)).token);
    expect((await sup('GET', '/api/v1/auth/second-factor')).status).toBe(200);
    await sleep((WINDOW_SECONDS + 1) * 1000);
    // Reading her settings stays open; every change is refused on the old sign-in.
    expect((await sup('GET', '/api/v1/auth/second-factor')).status).toBe(200);
    for (const [method, path] of [
      ['POST', '/api/v1/auth/second-factor/totp'],
      ['DELETE', '/api/v1/auth/second-factor/totp'],
      ['POST', '/api/v1/auth/second-factor/recovery-codes'],
      ['POST', '/api/v1/auth/second-factor/passkeys'],
      ['DELETE', '/api/v1/auth/second-factor/passkeys/AAAA'],
    ] as const) {
      const res = await sup(method, path, method === 'POST' ? {} : undefined);
      expect([method, path, isReauthenticationRequired(res)]).toEqual([method, path, true]);
    }
  });

  it('wrong passwords count toward the lockout shared with sign-in (PostgreSQL)', async () => {
    const { token } = await signIn(CW);
    const cw = caller(stack.baseUrl, token);
    for (let i = 0; i < LOCKOUT_THRESHOLD; i++) {
      expect((await reauthenticate(cw, { password: `wrong ${i}` })).status).toBe(401);
    }
    // Locked: the right password is refused too, here and at sign-in.
    const locked = await reauthenticate(cw, { password: DEMO_PASSWORD });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    const login = await stack.anonymous('POST', '/api/v1/auth/login', {
      login: CW,
      password: DEMO_PASSWORD,
    });
    expect(login.status).toBe(429);
    expect(await auditEntries(CW, 'auth.lockout')).toEqual(['denied:locked-out']);
  });

  it('a refresh keeps the time of the sign-in; re-authentication renews it for the session', async () => {
    const caseId = await closedCase();
    const first = await signIn(SUP);
    const signedInAt = decodeJwt(first.token).auth_time;
    await sleep((WINDOW_SECONDS + 1) * 1000);

    const refreshed = await refresh(first.cookie);
    expect(decodeJwt(refreshed.token).auth_time).toBe(signedInAt);
    expect(decodeJwt(refreshed.token).sid).toEqual(expect.any(String));
    const afterRefresh = caller(stack.baseUrl, refreshed.token);
    const refused = await afterRefresh('POST', `/api/v1/cases/${caseId}/erasure`, {
      communication: HER,
    });
    expect(isReauthenticationRequired(refused)).toBe(true);

    const again = await reauthenticate(afterRefresh, confirmation(SUP));
    expect(again.status).toBe(200);
    const renewed = decodeJwt(String(again.body.accessToken));
    expect(renewed.sid).toBe(decodeJwt(refreshed.token).sid);
    // The session's next refresh carries the new time, not the sign-in's.
    const next = await refresh(refreshed.cookie);
    expect(decodeJwt(next.token).auth_time).toBe(renewed.auth_time);
    const erased = await caller(stack.baseUrl, next.token)(
      'POST',
      `/api/v1/cases/${caseId}/erasure`,
      { communication: HER },
    );
    expect(erased.status).toBe(200);
  });

  it("the stack's callers re-authenticate as a person would (password and the demo TOTP)", async () => {
    const caseId = await closedCase();
    const sup = await stack.as('se-ngo-1-sup');
    expect((await sup('GET', `/api/v1/cases/${caseId}`)).status).toBe(200);
    await sleep((WINDOW_SECONDS + 1) * 1000);
    const erased = await sup('POST', `/api/v1/cases/${caseId}/erasure`, { communication: HER });
    expect(erased.status).toBe(200);
  });

  it('refuses a re-authentication without a token, or without a password (400, not 500, for null)', async () => {
    const none = await stack.anonymous('POST', '/api/v1/auth/reauthenticate', {
      password: DEMO_PASSWORD,
    });
    expect(none.status).toBe(401);
    const cw = caller(stack.baseUrl, (await signIn('se-ngo-1-cw-1')).token);
    expect((await reauthenticate(cw, {})).status).toBe(400);
    expect((await reauthenticate(cw, { password: null })).status).toBe(400);
    // null in an optional field is "left out".
    const nulls = await reauthenticate(cw, {
      password: DEMO_PASSWORD,
      totp: null,
      recoveryCode: null,
      webauthn: null,
    });
    expect(nulls.status).toBe(200);
  });
});
