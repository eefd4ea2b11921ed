/**
 * Browser sessions end to end (issue 8): the refresh-token cookie set at sign-in, rotated on
 * refresh, revoked with its family on reuse and at sign-out, refused for a deactivated account,
 * after the idle time and after the absolute lifetime; the public auth configuration; her
 * language on her account; and sign-in by redirect against a small OpenID Connect provider
 * served in this test (discovery, JWKS, authorise redirect, token endpoint).
 */
import { exportJWK, generateKeyPair, type CryptoKey, SignJWT } from 'jose';
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { createDataSource, hashPassword, IdentityRepository } from '@ariadne/persistence';
import { type ApiStack, mustEnv, startApiStack } from '../support/stack';

jest.setTimeout(60_000);

const RUN = randomBytes(3).toString('hex');
const PASSWORD = `pw-${randomBytes(12).toString('base64url')}`;
const CLIENT_ID = 'ariadne-web';
/** The callback's registered address; the test follows the provider's redirect to the stack. */
const REDIRECT_URI = 'http://127.0.0.1:9/api/v1/auth/oidc/callback';
const AUTH = '/api/v1/auth';
const JSON_TYPE = { 'content-type': 'application/json' };

interface Cookie {
  readonly value: string;
  readonly attributes: Readonly<Record<string, string | true>>;
}

function cookies(res: Response): Record<string, Cookie> {
  const out: Record<string, Cookie> = {};
  for (const line of res.headers.getSetCookie()) {
    const [pair = '', ...attrs] = line.split(';').map((p) => p.trim());
    const eq = pair.indexOf('=');
    out[pair.slice(0, eq)] = {
      value: decodeURIComponent(pair.slice(eq + 1)),
      attributes: Object.fromEntries(
        attrs.map((a) => {
          const i = a.indexOf('=');
          return i < 0 ? [a.toLowerCase(), true] : [a.slice(0, i).toLowerCase(), a.slice(i + 1)];
        }),
      ),
    };
  }
  return out;
}

// --- A small OpenID Connect provider: just enough of the protocol to sign one person in. ---

interface Grant {
  readonly sub: string;
  readonly nonce: string;
  readonly challenge: string;
  readonly redirectUri: string;
}

let idp: Server;
let issuer: string;
let idpKey: CryptoKey;
/** Whom the provider signs in next (it asks no password). */
let nextSubject = '';
const grants = new Map<string, Grant>();

async function body(req: IncomingMessage): Promise<URLSearchParams> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return new URLSearchParams(text);
}

async function startIdp(): Promise<void> {
  const pair = await generateKeyPair('RS256');
  idpKey = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  idp = createServer((req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const json = (status: number, value: unknown): void =>
      void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['none'],
      });
    }
    if (url.pathname === '/jwks') return json(200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      const q = url.searchParams;
      if (q.get('client_id') !== CLIENT_ID || q.get('code_challenge_method') !== 'S256') {
        return json(400, { error: 'invalid_request' });
      }
      const code = randomBytes(16).toString('hex');
      grants.set(code, {
        sub: nextSubject,
        nonce: q.get('nonce') ?? '',
        challenge: q.get('code_challenge') ?? '',
        redirectUri: q.get('redirect_uri') ?? '',
      });
      const back = new URL(q.get('redirect_uri') ?? '');
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.get('state') ?? '');
      return void res.writeHead(302, { location: back.href }).end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      return void body(req).then(async (form) => {
        const grant = grants.get(form.get('code') ?? '');
        grants.delete(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        const challenge = createHash('sha256').update(verifier).digest('base64url');
        if (
          !grant ||
          form.get('grant_type') !== 'authorization_code' ||
          form.get('client_id') !== CLIENT_ID ||
          form.get('redirect_uri') !== grant.redirectUri ||
          challenge !== grant.challenge
        ) {
          return json(400, { error: 'invalid_grant' });
        }
        const idToken = await new SignJWT({ nonce: grant.nonce })
          .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
          .setIssuer(issuer)
          .setAudience(CLIENT_ID)
          .setSubject(grant.sub)
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(idpKey);
        json(200, {
          access_token: 'opaque',
          token_type: 'Bearer',
          expires_in: 60,
          id_token: idToken,
        });
      });
    }
    json(404, { error: 'not_found' });
  });
  await new Promise<void>((r) => idp.listen(0, '127.0.0.1', r));
  issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
}

// --- The stack, and accounts of this file's own (the demo accounts are shared with others). ---

let stack: ApiStack;
let db: DataSource;
const user = (name: string): string => `e2e-${RUN}-${name}`;

async function createUser(name: string): Promise<string> {
  const id = user(name);
  const inserted = await new IdentityRepository(db).insertUserIfAbsent({
    id,
    organisationId: 'se-ngo-1',
    role: 'caseworker',
    displayName: 'Session test caseworker',
    login: id,
    passwordHash: await hashPassword(PASSWORD),
    active: true,
  });
  expect(inserted).toBe(true);
  return id;
}

function post(path: string, headers: Record<string, string> = {}, payload?: unknown) {
  return fetch(stack.baseUrl + AUTH + path, {
    method: 'POST',
    headers,
    body: payload === undefined ? undefined : JSON.stringify(payload),
    redirect: 'manual',
  });
}

/** Signs in and returns the refresh token of the session cookie. */
async function login(id: string, password = PASSWORD): Promise<{ res: Response; token: string }> {
  const res = await post('/login', JSON_TYPE, { login: id, password });
  expect(res.status).toBe(200);
  return { res, token: cookies(res).ariadne_refresh?.value ?? '' };
}

const refresh = (token: string, headers: Record<string, string> = JSON_TYPE) =>
  post('/refresh', { ...headers, cookie: `ariadne_refresh=${token}` });

async function me(accessToken: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${stack.baseUrl}${AUTH}/me`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const hashOf = (token: string): Buffer => createHash('sha256').update(token).digest();

beforeAll(async () => {
  await startIdp();
  stack = await startApiStack({
    ARIADNE_OIDC_ISSUER: issuer,
    ARIADNE_OIDC_CLIENT_ID: CLIENT_ID,
    ARIADNE_OIDC_REDIRECT_URI: REDIRECT_URI,
  });
  db = await createDataSource(mustEnv('DATABASE_URL')).initialize();
});

afterAll(async () => {
  await db?.destroy();
  await stack?.close();
  await new Promise((r) => idp?.close(r));
});

describe('refresh-token sessions', () => {
  it('login sets the refresh cookie: httpOnly, Secure, SameSite=Strict, auth path, absolute end', async () => {
    const id = await createUser('cookie');
    const before = Date.now();
    const { res, token } = await login(id);
    const c = cookies(res).ariadne_refresh!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(c.attributes).toMatchObject({
      httponly: true,
      secure: true,
      samesite: 'Strict',
      path: '/api/v1/auth',
    });
    const expires = Date.parse(String(c.attributes.expires));
    expect(expires).toBeGreaterThan(before + 8 * 3600_000 - 5_000);
    expect(expires).toBeLessThan(Date.now() + 8 * 3600_000 + 5_000);
    expect(res.headers.get('cache-control')).toBe('no-store');
    // Only the hash is stored.
    const rows: unknown[] = await db.query(
      `SELECT 1 FROM refresh_tokens WHERE token_hash = $1 AND user_id = $2`,
      [hashOf(token), id],
    );
    expect(rows).toHaveLength(1);
    const raw: unknown[] = await db.query(
      `SELECT 1 FROM refresh_tokens WHERE encode(token_hash, 'escape') LIKE '%' || $1 || '%'`,
      [token],
    );
    expect(raw).toHaveLength(0);
  });

  it('refresh rotates: a new access token and a new cookie of the same family', async () => {
    const id = await createUser('rotate');
    const { token: first } = await login(id);
    const res = await refresh(first);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      accessToken: string;
      tokenType: string;
      expiresIn: number;
    };
    expect(body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 900 });
    expect(res.headers.get('cache-control')).toBe('no-store');
    const second = cookies(res).ariadne_refresh!.value;
    expect(second).not.toBe(first);
    expect((await me(body.accessToken)).body).toMatchObject({ userId: id, role: 'caseworker' });
    const families: Array<{ family_id: string; used: boolean }> = await db.query(
      `SELECT family_id, used_at IS NOT NULL AS used FROM refresh_tokens
        WHERE token_hash = ANY($1) ORDER BY issued_at`,
      [[hashOf(first), hashOf(second)]],
    );
    expect(families.map((f) => f.used)).toEqual([true, false]);
    expect(families[0]!.family_id).toBe(families[1]!.family_id);
    // And again with the new one.
    expect((await refresh(second)).status).toBe(200);
  });

  it('reusing a rotated token answers 401 and revokes the family: the newest stops working', async () => {
    const id = await createUser('reuse');
    const { token: first } = await login(id);
    const rotated = await refresh(first);
    const newest = cookies(rotated).ariadne_refresh!.value;

    const reuse = await refresh(first);
    expect(reuse.status).toBe(401);
    expect(reuse.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect(await reuse.json()).toMatchObject({
      status: 401,
      type: expect.stringMatching(/session-ended$/),
    });
    expect(cookies(reuse).ariadne_refresh?.value).toBe('');

    expect((await refresh(newest)).status).toBe(401);
    const open: unknown[] = await db.query(
      `SELECT 1 FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL`,
      [id],
    );
    expect(open).toHaveLength(0);
  });

  it('another sign-in of the same account is its own family, untouched by the revocation', async () => {
    const id = await createUser('families');
    const { token: a } = await login(id);
    const { token: b } = await login(id);
    await refresh(a);
    expect((await refresh(a)).status).toBe(401); // reuse: family of a revoked
    expect((await refresh(b)).status).toBe(200);
  });

  it('logout revokes the session and clears the cookie; without a session it still answers 204', async () => {
    const id = await createUser('logout');
    const { token } = await login(id);
    const res = await post('/logout', {
      'x-requested-with': 'ariadne',
      cookie: `ariadne_refresh=${token}`,
    });
    expect(res.status).toBe(204);
    const cleared = cookies(res).ariadne_refresh!;
    expect(cleared.value).toBe('');
    expect(Date.parse(String(cleared.attributes.expires))).toBeLessThan(Date.now());
    expect(cleared.attributes.path).toBe('/api/v1/auth');
    expect((await refresh(token)).status).toBe(401);
    expect((await post('/logout', JSON_TYPE)).status).toBe(204);
    expect(
      (await post('/logout', { 'x-requested-with': 'ariadne', cookie: 'ariadne_refresh=junk' }))
        .status,
    ).toBe(204);
  });

  it('refuses a refresh without a session (401) and a request a cross-site form could send (403)', async () => {
    const none = await post('/refresh', JSON_TYPE);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect((await refresh('not-a-token')).status).toBe(401);

    const id = await createUser('csrf');
    const { token } = await login(id);
    // A form post: text/plain or urlencoded, no custom header. Refused before the cookie is read.
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const res = await refresh(token, { 'content-type': type });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ type: expect.stringMatching(/csrf-check-failed$/) });
    }
    expect((await post('/logout', { cookie: `ariadne_refresh=${token}` })).status).toBe(403);
    // The session is intact: the custom header works as well as a JSON body type.
    expect((await refresh(token, { 'x-requested-with': 'ariadne' })).status).toBe(200);
  });

  it('a deactivated account cannot refresh, and its session is revoked', async () => {
    const id = await createUser('deactivated');
    const { token } = await login(id);
    await db.query(`UPDATE users SET active = false WHERE id = $1`, [id]);
    expect((await refresh(token)).status).toBe(401);
    await db.query(`UPDATE users SET active = true WHERE id = $1`, [id]);
    expect((await refresh(token)).status).toBe(401);
  });

  it('a session unused for the idle time ends on the server (ASVS 7.3.1), and so at its absolute end', async () => {
    const id = await createUser('idle');
    const { token: idle } = await login(id);
    // As if the token had been issued 901 s ago (idle time 900 s by default).
    await db.query(
      `UPDATE refresh_tokens SET issued_at = now() - interval '901 seconds' WHERE token_hash = $1`,
      [hashOf(idle)],
    );
    expect((await refresh(idle)).status).toBe(401);

    const { token: almost } = await login(id);
    await db.query(
      `UPDATE refresh_tokens SET issued_at = now() - interval '880 seconds' WHERE token_hash = $1`,
      [hashOf(almost)],
    );
    expect((await refresh(almost)).status).toBe(200);

    const { token: old } = await login(id);
    await db.query(
      `UPDATE refresh_tokens SET issued_at = now() - interval '9 hours',
                                 expires_at = now() - interval '1 hour'
        WHERE token_hash = $1`,
      [hashOf(old)],
    );
    expect((await refresh(old)).status).toBe(401);
  });
});

describe('GET /auth/config', () => {
  it('tells the sign-in page the idle time and the ways to sign in, to anyone', async () => {
    const res = await stack.anonymous('GET', `${AUTH}/config`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ idleTimeoutSeconds: 900, local: true, oidc: { enabled: true } });
  });
});

describe('her language on her account', () => {
  it('new accounts start with the language of the organisation’s country', async () => {
    const id = await createUser('locale-default');
    const rows: Array<{ locale: string }> = await db.query(
      `SELECT locale FROM users WHERE id = $1`,
      [id],
    );
    expect(rows[0]?.locale).toBe('sv');
    const demo: Array<{ id: string; locale: string }> = await db.query(
      `SELECT id, locale FROM users WHERE id IN ('se-ngo-1-cw-1', 'no-ngo-1-cw-1', 'ro-recv-1-cw-1') ORDER BY id`,
    );
    expect(demo).toEqual([
      { id: 'no-ngo-1-cw-1', locale: 'nb' },
      { id: 'ro-recv-1-cw-1', locale: 'en' },
      { id: 'se-ngo-1-cw-1', locale: 'sv' },
    ]);
  });

  it('GET /auth/me shows who she is; PATCH changes her language; anything else is 400 naming the field', async () => {
    const id = await createUser('locale');
    const { res } = await login(id);
    const { accessToken } = (await res.json()) as { accessToken: string };
    const as = (method: string, payload?: unknown) =>
      fetch(`${stack.baseUrl}${AUTH}/me`, {
        method,
        headers: { authorization: `Bearer ${accessToken}`, ...JSON_TYPE },
        body: payload === undefined ? undefined : JSON.stringify(payload),
      });

    const got = await as('GET');
    expect(got.status).toBe(200);
    expect(got.headers.get('cache-control')).toBe('no-store');
    expect(await got.json()).toEqual({
      userId: id,
      organisationId: 'se-ngo-1',
      role: 'caseworker',
      displayName: 'Session test caseworker',
      locale: 'sv',
      country: 'SE',
      organisationName: 'Demo NGO (SE)',
    });

    const changed = await as('PATCH', { locale: 'fi' });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ userId: id, locale: 'fi' });
    expect((await me(accessToken)).body.locale).toBe('fi');

    for (const bad of [
      { locale: 'xx-secret' },
      {},
      { locale: 'FI' },
      { locale: 'fi', role: 'admin' },
    ]) {
      const res400 = await as('PATCH', bad);
      expect(res400.status).toBe(400);
      const text = await res400.text();
      expect(text).not.toContain('xx-secret');
      const problem = JSON.parse(text) as { errors: Array<{ field: string }> };
      expect(problem.errors.map((e) => e.field)).toEqual([
        Object.keys(bad).includes('role') ? 'role' : 'locale',
      ]);
    }
    expect((await me(accessToken)).body.locale).toBe('fi');
  });

  it('a demo account signs in as before (password login unchanged)', async () => {
    const caller = await stack.as('se-ngo-1-sup');
    const res = await caller('GET', `${AUTH}/me`);
    expect(res.body).toMatchObject({ userId: 'se-ngo-1-sup', role: 'supervisor', country: 'SE' });
  });
});

describe('OIDC sign-in by redirect (authorisation code + PKCE)', () => {
  /** Starts at the API, lets the provider sign `subject` in, and brings the answer back. */
  async function signIn(
    subject: string,
    tamper: (callback: URL) => void = () => undefined,
  ): Promise<Response> {
    nextSubject = subject;
    const start = await fetch(`${stack.baseUrl}${AUTH}/oidc/start`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location') ?? '');
    expect(authorize.origin).toBe(issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toBe(REDIRECT_URI);
    const transaction = cookies(start).ariadne_oidc!;
    expect(transaction.attributes).toMatchObject({
      httponly: true,
      secure: true,
      samesite: 'Lax',
      path: '/api/v1/auth/oidc',
    });
    // Nothing of the transaction is readable: state, nonce and verifier are encrypted.
    expect(transaction.value).not.toContain(authorize.searchParams.get('state'));

    const atIdp = await fetch(authorize, { redirect: 'manual' });
    expect(atIdp.status).toBe(302);
    const back = new URL(atIdp.headers.get('location') ?? '');
    expect(back.pathname).toBe('/api/v1/auth/oidc/callback');
    tamper(back);
    // The browser follows the redirect to the registered address: here, the stack's.
    return fetch(`${stack.baseUrl}${back.pathname}${back.search}`, {
      redirect: 'manual',
      headers: { cookie: `ariadne_oidc=${encodeURIComponent(transaction.value)}` },
    });
  }

  it('signs a known account in: a session cookie and a redirect to /', async () => {
    const id = await createUser('oidc');
    const res = await signIn(id);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/');
    const set = cookies(res);
    expect(set.ariadne_oidc?.value).toBe('');
    const session = set.ariadne_refresh!;
    expect(session.attributes).toMatchObject({ httponly: true, secure: true, samesite: 'Strict' });

    const refreshed = await refresh(session.value);
    expect(refreshed.status).toBe(200);
    const { accessToken } = (await refreshed.json()) as { accessToken: string };
    expect((await me(accessToken)).body).toMatchObject({ userId: id, organisationId: 'se-ngo-1' });
  });

  it('refuses an unknown or deactivated account, a changed state and a replayed code', async () => {
    const failed = (res: Response): void => {
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('/?signin=failed');
      expect(cookies(res).ariadne_refresh).toBeUndefined();
    };
    failed(await signIn(user('nobody')));

    const off = await createUser('oidc-off');
    await db.query(`UPDATE users SET active = false WHERE id = $1`, [off]);
    failed(await signIn(off));

    const id = await createUser('oidc-state');
    failed(await signIn(id, (u) => u.searchParams.set('state', 'forged')));

    let code = '';
    const first = await signIn(id, (u) => (code = u.searchParams.get('code') ?? ''));
    expect(first.headers.get('location')).toBe('/');
    expect(code).not.toBe('');
    failed(await signIn(id, (u) => u.searchParams.set('code', code)));

    // Without the transaction cookie (another browser): refused.
    const start = await fetch(`${stack.baseUrl}${AUTH}/oidc/callback?code=x&state=y`, {
      redirect: 'manual',
    });
    failed(start);
  });
});
