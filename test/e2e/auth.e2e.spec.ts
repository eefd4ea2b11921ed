/**
 * Authentication end to end, against AuthModule on its own (the lead wires it into AppModule):
 * local login and tokens, the global guard, roles, login throttling, OIDC with a local key set,
 * and the demo seed. Real PostgreSQL; the OIDC provider's JWKS is served on 127.0.0.1.
 */
import { Controller, Get, type INestApplication, Module, VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { exportJWK, generateKeyPair, type JWK, type CryptoKey, SignJWT } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ConfigModule } from '@ariadne/config';
import type { Actor } from '@ariadne/domain';
import {
  createDataSource,
  hashPassword,
  IdentityRepository,
  OrganisationEntity,
  PersistenceModule,
  seedDemo,
  UserEntity,
  verifyPassword,
} from '@ariadne/persistence';
import { SecurityModule } from '@ariadne/security';
import { generate } from 'otplib';
import { AuditModule } from '../../apps/api/src/audit';
import { AuthModule, CurrentActor, Public, Roles } from '../../apps/api/src/auth';
import { ProblemFilter } from '../../apps/api/src/common/problem.filter';
import { validationPipe } from '../../apps/api/src/common/validation';
import { createTestDatabase } from '../support/services';

@Controller({ path: 'probe', version: '1' })
class ProbeController {
  @Public()
  @Get('open')
  open(): { ok: true } {
    return { ok: true };
  }

  @Get('supervisors')
  @Roles('supervisor', 'coordinator')
  supervisors(@CurrentActor() actor: Actor): Actor {
    return actor;
  }
}

@Module({
  // AuditModule: sign-ins and refusals are recorded in the trail.
  // SecurityModule: the master key that seals TOTP secrets.
  imports: [ConfigModule, PersistenceModule, SecurityModule, AuditModule, AuthModule],
  controllers: [ProbeController],
})
class AuthTestModule {}

const SECRET = randomBytes(48).toString('base64');
const RUN = randomBytes(3).toString('hex');
const ORG = `e2e-${RUN}-ngo`;
const id = (name: string) => `e2e-${RUN}-${name}`;
const PASSWORD = `pw-${randomBytes(12).toString('base64url')}`;
const OIDC_ISSUER = 'https://idp.test.invalid/realms/ariadne';
const OIDC_AUDIENCE = 'ariadne-api-oidc';

let app: INestApplication;
let root: string;
let base: string;
let ds: DataSource;
let jwks: Server;
let idpKey: CryptoKey;
let otherKey: CryptoKey;
const KID = 'test-key-1';

async function startJwks(publicJwk: JWK): Promise<string> {
  jwks = createServer((req, res) => {
    if (req.url !== '/jwks') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [publicJwk] }));
  });
  await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks`;
}

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  idpKey = pair.privateKey;
  otherKey = (await generateKeyPair('RS256')).privateKey;
  const jwksUrl = await startJwks({
    ...(await exportJWK(pair.publicKey)),
    kid: KID,
    alg: 'RS256',
    use: 'sig',
  });
  Object.assign(process.env, {
    ARIADNE_AUTH_SECRET: SECRET,
    ARIADNE_OIDC_ISSUER: OIDC_ISSUER,
    ARIADNE_OIDC_JWKS_URL: jwksUrl,
    ARIADNE_OIDC_AUDIENCE: OIDC_AUDIENCE,
    LOG_LEVEL: 'silent',
    // The limits live in the database, which parallel test files share, all from 127.0.0.1:
    // the per-address limit would count their sign-ins too. The per-login limit is tested here.
    ARIADNE_LOGIN_ADDRESS_RATE_LIMIT: '1000000',
  });

  ds = await createDataSource(process.env.DATABASE_URL!).initialize();
  const repo = new IdentityRepository(ds);
  await repo.insertOrganisationIfAbsent({ id: ORG, country: 'SE', type: 'NGO', name: 'E2E NGO' });
  const passwordHash = await hashPassword(PASSWORD);
  const user = (name: string, role: UserEntity['role'], over: Partial<UserEntity> = {}) =>
    repo.insertUserIfAbsent({
      id: id(name),
      organisationId: ORG,
      role,
      displayName: `E2E ${name}`,
      login: `${name}-${RUN}@ngo.example`,
      passwordHash,
      active: true,
      ...over,
    });
  await user('cw', 'caseworker');
  await user('sup', 'supervisor');
  await user('leaver', 'caseworker');
  await user('off', 'caseworker', { active: false });
  await user('oidc', 'caseworker', { passwordHash: null });
  for (let i = 1; i <= 2; i++) await user(`throttled-${i}`, 'caseworker');

  // As bootstrap.ts builds the API, minus Swagger and logging.
  app = await NestFactory.create(AuthTestModule, { logger: false });
  app.setGlobalPrefix('api', { exclude: ['health'] });
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.useGlobalPipes(validationPipe);
  app.useGlobalFilters(new ProblemFilter());
  const doc = new DocumentBuilder().setTitle('Ariadne').addBearerAuth().build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc), {
    jsonDocumentUrl: 'api/openapi.json',
  });
  await app.listen(0, '127.0.0.1');
  root = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  base = `${root}/api/v1`;
});

afterAll(async () => {
  await app?.close();
  await ds?.destroy();
  await new Promise((r) => jwks?.close(r));
});

const login = (loginName: string, password: string) =>
  fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: loginName, password }),
  });
const get = (path: string, token?: string) =>
  fetch(`${base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
/** Tokens already had: a supervisor sets up her second factor once (her first sign-in). */
const tokens = new Map<string, string>();
async function tokenFor(name: string): Promise<string> {
  const known = tokens.get(name);
  if (known) return known;
  const token = await newTokenFor(name);
  tokens.set(name, token);
  return token;
}

async function newTokenFor(name: string): Promise<string> {
  const res = await login(`${name}-${RUN}@ngo.example`, PASSWORD);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { accessToken?: string; challengeToken?: string };
  if (body.accessToken) return body.accessToken;
  // A supervisor must use a second factor: she sets up TOTP, which signs her in.
  const post = (path: string, b: unknown) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(b),
    });
  const { challengeToken } = body;
  const enrolment = (await (
    await post('/auth/login/enrolment/totp', { challengeToken })
  ).json()) as {
    secret: string;
  };
  const code = await generate({ secret: enrolment.secret });
  const done = await post('/auth/login/enrolment/totp/confirm', { challengeToken, code });
  expect(done.status).toBe(200);
  return ((await done.json()) as { accessToken: string }).accessToken;
}

describe('local login', () => {
  it('issues a token that /auth/me turns back into the actor', async () => {
    const res = await login(`CW-${RUN}@NGO.example`, PASSWORD);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 900 });
    const me = await get('/auth/me', body.accessToken as string);
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({
      userId: id('cw'),
      organisationId: ORG,
      role: 'caseworker',
      displayName: 'E2E cw',
      locale: 'sv',
      country: 'SE',
      organisationName: 'E2E NGO',
    });
  });

  it('gives a wrong password, an unknown login and a deactivated account the identical 401', async () => {
    const answers = await Promise.all([
      login(`cw-${RUN}@ngo.example`, 'not the password'),
      login(`nobody-${RUN}@ngo.example`, PASSWORD),
      login(`off-${RUN}@ngo.example`, PASSWORD),
      login(`oidc-${RUN}@ngo.example`, PASSWORD),
    ]);
    const seen = await Promise.all(
      answers.map(async (r) => ({
        status: r.status,
        type: r.headers.get('content-type'),
        auth: r.headers.get('www-authenticate'),
        body: await r.text(),
      })),
    );
    expect(seen[0]!.status).toBe(401);
    expect(seen[0]!.type).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(seen[0]!.body)).toMatchObject({ title: 'Invalid credentials', status: 401 });
    for (const s of seen) expect(s).toEqual(seen[0]);
  });

  it('answers 400 naming the fields when login or password is missing', async () => {
    const res = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 42 }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { field: string }[] };
    expect(new Set(body.errors.map((e) => e.field))).toEqual(new Set(['login', 'password']));
  });
});

describe('the guard', () => {
  const expectUnauthorized = async (res: Response, challenge: string) => {
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('www-authenticate')).toBe(challenge);
  };
  const INVALID = 'Bearer realm="ariadne", error="invalid_token"';
  const localToken = (
    mutate: (j: SignJWT) => SignJWT,
    key: Uint8Array = new TextEncoder().encode(SECRET),
  ) =>
    mutate(
      new SignJWT({ org: ORG, role: 'caseworker', auth_time: Math.floor(Date.now() / 1000) })
        .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
        .setSubject(id('cw'))
        .setIssuer('ariadne')
        .setAudience('ariadne-api')
        .setIssuedAt()
        .setExpirationTime('5m')
        .setJti(randomBytes(8).toString('hex')),
    ).sign(key);

  it('lets @Public() routes through without a token', async () => {
    expect((await get('/probe/open')).status).toBe(200);
  });

  it('leaves the OpenAPI docs open, documenting the bearer scheme', async () => {
    expect((await fetch(`${root}/api/docs`)).status).toBe(200);
    const res = await fetch(`${root}/api/openapi.json`);
    expect(res.status).toBe(200);
    const spec = (await res.json()) as {
      paths: Record<string, Record<string, { security?: unknown }>>;
    };
    expect(spec.paths['/api/v1/auth/login']?.post).toBeDefined();
    expect(spec.paths['/api/v1/auth/me']?.get?.security).toEqual([{ bearer: [] }]);
  });

  it('answers 401 with WWW-Authenticate when the token is missing', async () => {
    await expectUnauthorized(await get('/auth/me'), 'Bearer realm="ariadne"');
  });

  it('answers 401 invalid_token for garbage, expired, forged and foreign tokens', async () => {
    await expectUnauthorized(await get('/auth/me', 'garbage'), INVALID);
    const now = Math.floor(Date.now() / 1000);
    const expired = await localToken((j) => j.setIssuedAt(now - 3600).setExpirationTime(now - 60));
    await expectUnauthorized(await get('/auth/me', expired), INVALID);
    const forged = await localToken((j) => j, randomBytes(48));
    await expectUnauthorized(await get('/auth/me', forged), INVALID);
    const otherAudience = await localToken((j) => j.setAudience('other-api'));
    await expectUnauthorized(await get('/auth/me', otherAudience), INVALID);
    // Control: the same construction with the right secret and claims is accepted.
    expect((await get('/auth/me', await localToken((j) => j))).status).toBe(200);
  });

  it('refuses a valid token once its account is deactivated', async () => {
    const token = await tokenFor('leaver');
    expect((await get('/auth/me', token)).status).toBe(200);
    await ds.getRepository(UserEntity).update({ id: id('leaver') }, { active: false });
    await expectUnauthorized(await get('/auth/me', token), INVALID);
  });

  it('answers 403 naming the roles @Roles() requires', async () => {
    const res = await get('/probe/supervisors', await tokenFor('cw'));
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({
      status: 403,
      requiredRoles: ['supervisor', 'coordinator'],
    });
    const ok = await get('/probe/supervisors', await tokenFor('sup'));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ userId: id('sup'), organisationId: ORG, role: 'supervisor' });
  });
});

describe('login throttling', () => {
  it('answers 429 after 5 attempts per login and address, leaving other logins alone', async () => {
    const target = `throttled-1-${RUN}@ngo.example`;
    for (let i = 0; i < 5; i++) expect((await login(target, 'guess')).status).toBe(401);
    const limited = await login(target, PASSWORD);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await limited.json()).toMatchObject({ status: 429, title: 'Too many login attempts' });
    // Another login from the same address is still let through…
    expect((await login(`throttled-2-${RUN}@ngo.example`, PASSWORD)).status).toBe(200);
    // …and no other route is throttled.
    const token = await tokenFor('sup');
    for (let i = 0; i < 10; i++) expect((await get('/auth/me', token)).status).toBe(200);
  });
});

describe('OIDC', () => {
  const idpToken = (
    claims: Record<string, unknown>,
    mutate: (j: SignJWT) => SignJWT = (j) => j,
    key = idpKey,
  ) =>
    mutate(
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: KID, typ: 'JWT' })
        .setIssuer(OIDC_ISSUER)
        .setAudience(OIDC_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('5m'),
    ).sign(key);

  it('accepts a provider token; organisation and role come from the users table', async () => {
    const token = await idpToken({ sub: id('oidc'), org: 'se-nc', role: 'admin' });
    const me = await get('/auth/me', token);
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({
      userId: id('oidc'),
      organisationId: ORG,
      role: 'caseworker',
      displayName: 'E2E oidc',
      locale: 'sv',
      country: 'SE',
      organisationName: 'E2E NGO',
    });
  });

  it('finds the account by login as well', async () => {
    const me = await get('/auth/me', await idpToken({ sub: `oidc-${RUN}@ngo.example` }));
    expect(me.status).toBe(200);
    expect(((await me.json()) as Actor).userId).toBe(id('oidc'));
  });

  it('refuses a wrong issuer, a wrong audience, another key, an expired token or an unknown subject', async () => {
    const refused = [
      await idpToken({ sub: id('oidc') }, (j) => j.setIssuer('https://evil.test.invalid')),
      await idpToken({ sub: id('oidc') }, (j) => j.setAudience('someone-else')),
      await idpToken({ sub: id('oidc') }, (j) => j, otherKey),
      await idpToken({ sub: id('oidc') }, (j) =>
        j
          .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
          .setExpirationTime(Math.floor(Date.now() / 1000) - 120),
      ),
      await idpToken({ sub: id('nobody') }),
      await idpToken({ sub: id('off') }),
    ];
    for (const token of refused) {
      const res = await get('/auth/me', token);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
    }
  });
});

describe('demo seed', () => {
  let db: { url: string; drop(): Promise<void> };
  let seedDs: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase();
    seedDs = await createDataSource(db.url).initialize();
  });
  afterAll(async () => {
    await seedDs?.destroy();
    await db?.drop();
  });

  // About 150 argon2 hashes and checks at 64 MiB each (75 accounts): tens of seconds on a busy
  // machine.
  jest.setTimeout(180_000);

  it('creates organisations of one country each and their accounts, and is safe to run twice', async () => {
    const first = await seedDemo(seedDs);
    // Eight countries: NGO and shelter 3 each, national team 3 (= 9); RO: 3.
    const COUNTRIES = ['DK', 'EE', 'FI', 'IS', 'LV', 'LT', 'NO', 'SE'];
    expect(first).toHaveLength(8 * 9 + 3);
    expect(first.every((a) => a.password !== null && a.password.length >= 16)).toBe(true);
    expect(new Set(first.map((a) => a.password)).size).toBe(8 * 9 + 3);
    expect(new Set(first.map((a) => a.country))).toEqual(new Set([...COUNTRIES, 'RO']));
    for (const role of ['caseworker', 'supervisor', 'coordinator', 'admin', 'auditor']) {
      for (const country of COUNTRIES) {
        expect(first.some((a) => a.role === role && a.country === country)).toBe(true);
      }
    }
    const orgs = await seedDs.getRepository(OrganisationEntity).find();
    expect(orgs).toHaveLength(8 * 3 + 1);
    expect(
      orgs
        .filter((o) => ['SE', 'RO'].includes(o.country))
        .map((o) => `${o.id}:${o.country}:${o.type}`)
        .sort(),
    ).toEqual([
      'ro-recv-1:RO:NGO',
      'se-nc:SE:CentralGovernmentOrganisation',
      'se-ngo-1:SE:NGO',
      'se-shelter-1:SE:NGO',
    ]);
    const cw = await new IdentityRepository(seedDs).findUserByLogin('se-ngo-1-cw-1');
    const printed = first.find((a) => a.login === 'se-ngo-1-cw-1')!.password!;
    await expect(verifyPassword(cw!.passwordHash!, printed)).resolves.toBe(true);

    const second = await seedDemo(seedDs, { password: 'a demo password' });
    expect(second.map((a) => a.login)).toEqual(first.map((a) => a.login));
    expect(second.every((a) => a.password === null)).toBe(true);
    expect(await seedDs.getRepository(UserEntity).count()).toBe(8 * 9 + 3);
    const unchanged = await new IdentityRepository(seedDs).findUserByLogin('se-ngo-1-cw-1');
    expect(unchanged!.passwordHash).toBe(cw!.passwordHash);

    const reset = await seedDemo(seedDs, { password: 'a demo password', resetPasswords: true });
    expect(reset.every((a) => a.password === 'a demo password')).toBe(true);
    // Rerun with the machine's demo password: shown again, nothing rewritten.
    const before = await new IdentityRepository(seedDs).findUserByLogin('se-ngo-1-cw-1');
    const again = await seedDemo(seedDs, { password: 'a demo password' });
    expect(again.every((a) => a.password === 'a demo password')).toBe(true);
    const after = await new IdentityRepository(seedDs).findUserByLogin('se-ngo-1-cw-1');
    expect(after!.passwordHash).toBe(before!.passwordHash);
  });
});
