/**
 * The second factor end to end (issue 9, ASVS 5.0 ch. 6; docs/adr/0011-second-factor.md):
 * sign-in with and without one, TOTP replay and lockout, recovery codes, the forced enrolment of
 * an organisation that requires one, and passkeys with a software authenticator.
 */
import { randomBytes } from 'node:crypto';
import { generate } from 'otplib';
import type { DataSource } from 'typeorm';
import { createDataSource, hashPassword, IdentityRepository } from '@ariadne/persistence';
import { freshTotpCode, TEST_TOTP_SECRET } from '../support/second-factor';
import { SoftAuthenticator } from '../support/soft-authenticator';
import { type ApiStack, caller, type Caller, DEMO_PASSWORD, startApiStack } from '../support/stack';

jest.setTimeout(180_000);

const LOCKOUT = 4;
const RP_ID = 'localhost';
const ORIGIN = 'http://localhost:3000';
const RUN = randomBytes(3).toString('hex');

describe('the second factor', () => {
  let stack: ApiStack;
  let ds: DataSource;
  let post: Caller;

  beforeAll(async () => {
    stack = await startApiStack({
      ARIADNE_LOGIN_LOCKOUT_THRESHOLD: String(LOCKOUT),
      ARIADNE_WEBAUTHN_RP_ID: RP_ID,
      ARIADNE_WEBAUTHN_ORIGIN: ORIGIN,
    });
    ds = await createDataSource(process.env.DATABASE_URL!).initialize();
    post = stack.anonymous;
  });
  afterAll(async () => {
    await ds?.destroy();
    await stack?.close();
  });

  /** A fresh caseworker of an organisation (demo FI NGO unless given), with DEMO_PASSWORD. */
  async function newAccount(name: string, organisationId = 'fi-ngo-1'): Promise<string> {
    const id = `sf-${RUN}-${name}`;
    await new IdentityRepository(ds).insertUserIfAbsent({
      id,
      organisationId,
      role: 'caseworker',
      displayName: `Second factor ${name}`,
      login: id,
      passwordHash: await hashPassword(DEMO_PASSWORD),
      active: true,
    });
    return id;
  }

  const login = (who: string) =>
    post('POST', '/api/v1/auth/login', { login: who, password: DEMO_PASSWORD });

  async function signedIn(who: string): Promise<Caller> {
    const res = await login(who);
    expect(res.status).toBe(200);
    expect(res.body.accessToken).toEqual(expect.any(String));
    return caller(stack.baseUrl, res.body.accessToken);
  }

  /** She sets up TOTP while signed in; the secret and her recovery codes. */
  async function enrolTotp(me: Caller): Promise<{ secret: string; recoveryCodes: string[] }> {
    const started = await me('POST', '/api/v1/auth/second-factor/totp');
    expect(started.status).toBe(200);
    expect(started.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/Ariadne:/);
    const wrong = await me('POST', '/api/v1/auth/second-factor/totp/confirm', { code: '000000' });
    expect(wrong.status).toBe(400);
    const code = await generate({ secret: started.body.secret });
    const confirmed = await me('POST', '/api/v1/auth/second-factor/totp/confirm', { code });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    return { secret: started.body.secret, recoveryCodes: confirmed.body.recoveryCodes };
  }

  async function auditOf(userId: string): Promise<Record<string, unknown>[]> {
    return ds.query(
      `SELECT action, purpose, outcome, reason, route, subject_ref FROM audit_log
        WHERE actor_id = $1 ORDER BY seq`,
      [userId],
    );
  }

  it('signs a caseworker without a second factor in at once (tokens and cookie)', async () => {
    const res = await fetch(`${stack.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'fi-ngo-1-cw-2', password: DEMO_PASSWORD }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { accessToken?: string }).accessToken).toEqual(
      expect.any(String),
    );
    expect(res.headers.get('set-cookie')).toMatch(/ariadne_refresh=/);
  });

  it('asks a supervisor for her code (no token, no cookie); the challenge and the code work once', async () => {
    const who = 'fi-shelter-1-sup';
    const first = await fetch(`${stack.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: who, password: DEMO_PASSWORD }),
    });
    expect(first.status).toBe(200);
    expect(first.headers.get('set-cookie')).toBeNull();
    const step = (await first.json()) as Record<string, unknown>;
    expect(step).toEqual({
      secondFactorRequired: true,
      challengeToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      methods: ['totp'],
    });

    const totp = await freshTotpCode(process.env.DATABASE_URL!, who);
    const done = await fetch(`${stack.baseUrl}/api/v1/auth/login/second-factor`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ challengeToken: step.challengeToken, totp }),
    });
    expect(done.status).toBe(200);
    expect(done.headers.get('set-cookie')).toMatch(/ariadne_refresh=/);
    const token = ((await done.json()) as { accessToken: string }).accessToken;
    const me = await caller(stack.baseUrl, token)('GET', '/api/v1/auth/me');
    expect(me.body).toMatchObject({ userId: who, role: 'supervisor' });

    // The challenge is spent.
    const again = await post('POST', '/api/v1/auth/login/second-factor', {
      challengeToken: step.challengeToken,
      totp: await freshTotpCode(process.env.DATABASE_URL!, who),
    });
    expect(again.status).toBe(401);
    expect(again.body.type).toMatch(/sign-in-challenge-invalid$/);

    // The same code on a new sign-in: refused (replay), and it counts as a failure.
    const next = await login(who);
    const replay = await post('POST', '/api/v1/auth/login/second-factor', {
      challengeToken: next.body.challengeToken,
      totp,
    });
    expect(replay.status).toBe(401);
    expect(replay.body.type).toMatch(/invalid-second-factor$/);
    expect(JSON.stringify(replay.body)).not.toContain(totp);
    // A fresh code still completes it.
    const ok = await post('POST', '/api/v1/auth/login/second-factor', {
      challengeToken: next.body.challengeToken,
      totp: await freshTotpCode(process.env.DATABASE_URL!, who),
    });
    expect(ok.status).toBe(200);

    // Exactly one proof.
    const none = await post('POST', '/api/v1/auth/login/second-factor', {
      challengeToken: next.body.challengeToken,
      totp: null,
    });
    expect(none.status).toBe(400);
    const bad = await post('POST', '/api/v1/auth/login/second-factor', { challengeToken: 'x' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('challengeToken');
  });

  it('counts wrong codes as failed sign-ins: the login locks, the password alone does not reset it', async () => {
    const who = await newAccount('lock');
    const { secret } = await enrolTotp(await signedIn(who));
    const challenge = (await login(who)).body;
    expect(challenge.secondFactorRequired).toBe(true);
    const wrong = (
      await generate({ secret, epoch: Math.floor(Date.now() / 1000) - 3600 })
    ).toString();
    for (let i = 0; i < LOCKOUT - 1; i++) {
      const res = await post('POST', '/api/v1/auth/login/second-factor', {
        challengeToken: challenge.challengeToken,
        totp: wrong,
      });
      expect(res.status).toBe(401);
    }
    // The password again: a second step, not a fresh count of failures.
    const again = await login(who);
    expect(again.status).toBe(200);
    const last = await post('POST', '/api/v1/auth/login/second-factor', {
      challengeToken: again.body.challengeToken,
      totp: wrong,
    });
    expect(last.status).toBe(401);
    // Locked now: even the right code and the password are refused.
    const locked = await post('POST', '/api/v1/auth/login/second-factor', {
      challengeToken: again.body.challengeToken,
      totp: await generate({ secret }),
    });
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await login(who)).status).toBe(429);

    const entries = await auditOf(who);
    expect(entries.filter((e) => e.reason === 'invalid-second-factor')).toHaveLength(LOCKOUT);
    expect(entries).toContainEqual(
      expect.objectContaining({ action: 'auth.lockout', outcome: 'denied', reason: 'locked-out' }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({ action: 'auth.second-factor.enrol', purpose: 'totp' }),
    );
    expect(JSON.stringify(entries)).not.toContain(secret);
  });

  it('takes each recovery code once; new ones void the old', async () => {
    const who = await newAccount('recovery');
    const me = await signedIn(who);
    const { recoveryCodes } = await enrolTotp(me);
    const use = async (code: string) => {
      const step = (await login(who)).body;
      return post('POST', '/api/v1/auth/login/second-factor', {
        challengeToken: step.challengeToken,
        recoveryCode: code.toLowerCase(),
      });
    };
    expect((await use(recoveryCodes[0]!)).status).toBe(200);
    expect((await use(recoveryCodes[0]!)).status).toBe(401);
    const status = await me('GET', '/api/v1/auth/second-factor');
    expect(status.body).toMatchObject({
      required: false,
      totp: true,
      recoveryCodesLeft: 9,
      passkeys: [],
    });

    const renewed = await me('POST', '/api/v1/auth/second-factor/recovery-codes');
    expect(renewed.status).toBe(200);
    expect(renewed.body.recoveryCodes).toHaveLength(10);
    expect((await use(recoveryCodes[1]!)).status).toBe(401);
    expect((await use(renewed.body.recoveryCodes[3])).status).toBe(200);
    const entries = JSON.stringify(await auditOf(who));
    for (const code of [...recoveryCodes, ...renewed.body.recoveryCodes]) {
      expect(entries).not.toContain(code);
    }

    // Turned off (not required for her): she signs in with the password alone again.
    expect((await me('DELETE', '/api/v1/auth/second-factor/totp')).status).toBe(204);
    expect((await login(who)).body.accessToken).toEqual(expect.any(String));
  });

  it('an organisation that requires it: her first sign-in may only set one up, then signs her in', async () => {
    const admin = await stack.as('fi-admin');
    const created = await admin('POST', '/api/v1/admin/organisations', {
      name: `Strict NGO ${RUN}`,
      type: 'NGO',
    });
    expect(created.status).toBe(201);
    expect(created.body.requireSecondFactor).toBe(false);
    const orgId = String(created.body.id);
    const patched = await admin('PATCH', `/api/v1/admin/organisations/${orgId}`, {
      requireSecondFactor: true,
    });
    expect(patched.status).toBe(200);
    expect(patched.body.requireSecondFactor).toBe(true);
    const [entry] = (await ds.query(
      `SELECT action, outcome FROM audit_log WHERE actor_id = 'fi-admin' AND action = 'admin.organisation.update'
        ORDER BY seq DESC LIMIT 1`,
    )) as { action: string; outcome: string }[];
    expect(entry).toEqual({ action: 'admin.organisation.update', outcome: 'allowed' });

    const who = await newAccount('strict', orgId);
    const first = await login(who);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ enrolmentRequired: true, challengeToken: expect.any(String) });
    const challengeToken = first.body.challengeToken;
    // Not a token for the second-factor step, nor for anything behind a bearer token.
    expect(
      (await post('POST', '/api/v1/auth/login/second-factor', { challengeToken, totp: '123456' }))
        .status,
    ).toBe(401);
    expect((await caller(stack.baseUrl, challengeToken)('GET', '/api/v1/auth/me')).status).toBe(
      401,
    );

    const enrolment = await post('POST', '/api/v1/auth/login/enrolment/totp', { challengeToken });
    expect(enrolment.status).toBe(200);
    const bad = await post('POST', '/api/v1/auth/login/enrolment/totp/confirm', {
      challengeToken,
      code: '000000',
    });
    expect(bad.status).toBe(400);
    const done = await post('POST', '/api/v1/auth/login/enrolment/totp/confirm', {
      challengeToken,
      code: await generate({ secret: enrolment.body.secret }),
    });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({
      accessToken: expect.any(String),
      tokenType: 'Bearer',
      expiresIn: expect.any(Number),
      recoveryCodes: expect.arrayContaining([expect.stringMatching(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/)]),
    });
    expect(
      (await post('POST', '/api/v1/auth/login/enrolment/totp', { challengeToken })).status,
    ).toBe(401);

    const me = caller(stack.baseUrl, done.body.accessToken);
    expect((await me('GET', '/api/v1/auth/second-factor')).body).toMatchObject({
      required: true,
      totp: true,
    });
    // Required: she cannot turn her only factor off.
    expect((await me('DELETE', '/api/v1/auth/second-factor/totp')).status).toBe(409);
    expect((await login(who)).body.secondFactorRequired).toBe(true);
  });

  it('passkeys: registered with a software authenticator, then the second factor of sign-in', async () => {
    const who = await newAccount('passkey');
    const me = await signedIn(who);
    const device = new SoftAuthenticator(RP_ID, ORIGIN);
    const options = await me('POST', '/api/v1/auth/second-factor/passkeys/options');
    expect(options.status).toBe(200);
    expect(options.body.options.rp).toEqual({ id: RP_ID, name: 'Ariadne' });
    // Another origin's answer is refused.
    const elsewhere = new SoftAuthenticator(RP_ID, 'http://evil.example');
    const refused = await me('POST', '/api/v1/auth/second-factor/passkeys', {
      name: 'Laptop',
      response: elsewhere.register(options.body.options),
    });
    expect(refused.status).toBe(400);
    const again = await me('POST', '/api/v1/auth/second-factor/passkeys/options');
    const added = await me('POST', '/api/v1/auth/second-factor/passkeys', {
      name: 'Laptop',
      response: device.register(again.body.options),
    });
    expect(added.status).toBe(201);
    expect(added.body.passkey).toMatchObject({ id: device.id, name: 'Laptop', lastUsedAt: null });
    expect(added.body.recoveryCodes).toHaveLength(10);

    const step = (await login(who)).body;
    expect(step.methods).toEqual(['webauthn', 'recovery-code']);
    const challenge = await post('POST', '/api/v1/auth/login/second-factor/passkey-options', {
      challengeToken: step.challengeToken,
    });
    expect(challenge.status).toBe(200);
    expect(challenge.body.options.allowCredentials).toEqual([
      expect.objectContaining({ id: device.id }),
    ]);
    const assertion = device.authenticate(challenge.body.options);
    const done = await post('POST', '/api/v1/auth/login/second-factor', {
      challengeToken: step.challengeToken,
      webauthn: assertion,
    });
    expect(done.status).toBe(200);
    expect(done.body.accessToken).toEqual(expect.any(String));

    // The same assertion again: its challenge is spent.
    const next = (await login(who)).body;
    await post('POST', '/api/v1/auth/login/second-factor/passkey-options', {
      challengeToken: next.challengeToken,
    });
    const replay = await post('POST', '/api/v1/auth/login/second-factor', {
      challengeToken: next.challengeToken,
      webauthn: assertion,
    });
    expect(replay.status).toBe(401);

    const status = await me('GET', '/api/v1/auth/second-factor');
    expect(status.body.passkeys).toEqual([
      expect.objectContaining({ id: device.id, lastUsedAt: expect.any(String) }),
    ]);
    expect((await me('DELETE', `/api/v1/auth/second-factor/passkeys/${device.id}`)).status).toBe(
      204,
    );
    expect((await me('DELETE', `/api/v1/auth/second-factor/passkeys/${device.id}`)).status).toBe(
      404,
    );
    expect((await login(who)).body.accessToken).toEqual(expect.any(String));
    const entries = await auditOf(who);
    expect(entries).toContainEqual(
      expect.objectContaining({ action: 'auth.sign-in', purpose: 'webauthn', outcome: 'allowed' }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({ action: 'auth.second-factor.disable', purpose: 'webauthn' }),
    );
  });

  it('"Confirm it is you" with a passkey: a challenge of her own, answered with her password and the assertion', async () => {
    const who = await newAccount('reauth-passkey');
    const me = await signedIn(who);
    // Without a passkey there is no challenge to ask for.
    const none = await me('POST', '/api/v1/auth/reauthenticate/passkey-options');
    expect([none.status, none.body.type]).toEqual([409, expect.stringMatching(/\/no-passkey$/)]);
    expect((await post('POST', '/api/v1/auth/reauthenticate/passkey-options')).status).toBe(401);

    const device = new SoftAuthenticator(RP_ID, ORIGIN);
    const reg = await me('POST', '/api/v1/auth/second-factor/passkeys/options');
    const added = await me('POST', '/api/v1/auth/second-factor/passkeys', {
      name: 'Phone',
      response: device.register(reg.body.options),
    });
    expect(added.status).toBe(201);

    // Her password alone: she is asked for the second factor, the passkey among her methods.
    const half = await me('POST', '/api/v1/auth/reauthenticate', { password: DEMO_PASSWORD });
    expect([half.status, half.body.methods]).toEqual([401, ['webauthn', 'recovery-code']]);
    const options = await me('POST', '/api/v1/auth/reauthenticate/passkey-options');
    expect(options.status).toBe(200);
    expect(options.headers.get('cache-control')).toBe('no-store');
    expect(options.body.options.allowCredentials).toEqual([
      expect.objectContaining({ id: device.id }),
    ]);
    const assertion = device.authenticate(options.body.options);
    // The wrong password with a good assertion is refused.
    const wrong = await me('POST', '/api/v1/auth/reauthenticate', {
      password: 'not her password',
      webauthn: assertion,
    });
    expect(wrong.status).toBe(401);
    const fresh = await me('POST', '/api/v1/auth/reauthenticate/passkey-options');
    const signed = device.authenticate(fresh.body.options);
    const before = Math.floor(Date.now() / 1000);
    const done = await me('POST', '/api/v1/auth/reauthenticate', {
      password: DEMO_PASSWORD,
      webauthn: signed,
    });
    expect(done.status).toBe(200);
    const claims = JSON.parse(
      Buffer.from(String(done.body.accessToken).split('.')[1]!, 'base64url').toString(),
    ) as { auth_time: number; sub: string };
    expect(claims.sub).toBe(who);
    expect(claims.auth_time).toBeGreaterThanOrEqual(before);
    // Its challenge is spent: the same assertion again is refused.
    const replay = await me('POST', '/api/v1/auth/reauthenticate', {
      password: DEMO_PASSWORD,
      webauthn: signed,
    });
    expect(replay.status).toBe(401);
    expect(await auditOf(who)).toContainEqual(
      expect.objectContaining({ action: 'auth.reauthentication', outcome: 'allowed' }),
    );
  });

  it('the demo secret is the one documented for the demo', () => {
    expect(TEST_TOTP_SECRET).toBe(
      jest.requireActual<typeof import('@ariadne/persistence')>('@ariadne/persistence')
        .DEFAULT_DEMO_TOTP_SECRET,
    );
  });
});
