import { Logger } from '@nestjs/common';
import { hash } from '@node-rs/argon2';
import { decodeJwt, SignJWT } from 'jose';
import { randomBytes } from 'node:crypto';
import { hashPassword, type IdentityRepository, type UserEntity } from '@ariadne/persistence';
import { ProblemException } from '../common/problem';
import type { AuthSettings } from './auth-settings';
import { AuthService, type SecondStep, type SignedIn } from './auth.service';
import type { SecondFactorService } from './second-factor/second-factor.service';

const secret = new TextEncoder().encode(randomBytes(32).toString('base64'));
const settings: AuthSettings = {
  local: { secret, ttlSeconds: 900 },
  passwordLogin: true,
  oidc: null,
  oidcLogin: null,
  session: { refreshTtlSeconds: 8 * 3600, idleTimeoutSeconds: 900 },
  loginRateLimit: 5,
  loginRateWindowSeconds: 60,
};
const PASSWORD = 'a long and correct password';

/** An in-memory users table with the repository's lookup semantics. */
class FakeAccounts {
  readonly rehashed: string[] = [];
  constructor(readonly users: UserEntity[]) {}
  findUserById = async (id: string) => this.users.find((u) => u.id === id) ?? null;
  findUserByLogin = async (login: string) =>
    this.users.find((u) => u.login === login.trim().toLowerCase()) ?? null;
  updatePasswordHash = async (id: string, h: string) => {
    this.rehashed.push(id);
    this.users.find((u) => u.id === id)!.passwordHash = h;
  };
}

beforeAll(() => Logger.overrideLogger(false));

async function setup() {
  const passwordHash = await hashPassword(PASSWORD);
  const mk = (id: string, over: Partial<UserEntity> = {}): UserEntity => ({
    id,
    organisationId: 'se-ngo-1',
    role: 'caseworker',
    displayName: 'Demo',
    login: id,
    email: null,
    passwordHash,
    active: true,
    locale: 'sv',
    createdAt: new Date(0),
    ...over,
  });
  const accounts = new FakeAccounts([
    mk('cw-1'),
    mk('cw-off', { active: false }),
    mk('cw-oidc-only', { passwordHash: null }),
  ]);
  const service = new AuthService(
    settings,
    accounts as unknown as IdentityRepository,
    secondFactor as unknown as SecondFactorService,
  );
  await service.onModuleInit();
  return { service, accounts };
}

/** No account has a second factor unless a test says so. */
const secondFactor = {
  methods: jest.fn(async (_userId: string): Promise<string[]> => []),
  isRequired: jest.fn(async (): Promise<boolean> => false),
  issueChallenge: jest.fn(async (): Promise<string> => 'challenge'),
};

/** The tokens of a login that needs no second step. */
async function signedIn(p: Promise<SignedIn | SecondStep>): Promise<SignedIn> {
  const outcome = await p;
  if ('secondStep' in outcome) throw new Error('a second step was asked for');
  return outcome;
}

async function refusal(p: Promise<unknown>): Promise<unknown> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ProblemException);
  return (e as ProblemException).getResponse();
}

describe('AuthService.login', () => {
  it('issues a bearer token for the right password, login case-insensitive', async () => {
    const { service } = await setup();
    const r = (await signedIn(service.login(' CW-1 ', PASSWORD))).token;
    expect(r).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    expect(decodeJwt(r.accessToken)).toMatchObject({
      sub: 'cw-1',
      org: 'se-ngo-1',
      role: 'caseworker',
    });
  });

  it('answers every failure with the same 401 body', async () => {
    const { service } = await setup();
    const bodies = await Promise.all([
      refusal(service.login('cw-1', 'wrong password')),
      refusal(service.login('nobody', PASSWORD)),
      refusal(service.login('cw-off', PASSWORD)),
      refusal(service.login('cw-oidc-only', PASSWORD)),
    ]);
    expect(bodies[0]).toMatchObject({ status: 401, title: 'Invalid credentials' });
    for (const b of bodies) expect(b).toEqual(bodies[0]);
    expect(JSON.stringify(bodies)).not.toMatch(/nobody|cw-1|wrong password|correct password/i);
  });

  it('upgrades a hash made with old parameters on a successful login', async () => {
    const { service, accounts } = await setup();
    accounts.users[0]!.passwordHash = await hash(PASSWORD, { memoryCost: 19456, timeCost: 2 });
    await service.login('cw-1', PASSWORD);
    expect(accounts.rehashed).toEqual(['cw-1']);
    expect(accounts.users[0]!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=65536,t=3,p=4\$/);
  });
});

describe('AuthService.login with a second factor', () => {
  afterEach(() => {
    secondFactor.methods.mockImplementation(async () => []);
    secondFactor.isRequired.mockImplementation(async () => false);
  });

  it('gives a challenge and no token when she has a second factor', async () => {
    const { service } = await setup();
    secondFactor.methods.mockImplementation(async () => ['totp', 'recovery-code']);
    const outcome = await service.login('cw-1', PASSWORD);
    expect(outcome).toEqual({
      secondStep: {
        secondFactorRequired: true,
        challengeToken: 'challenge',
        methods: ['totp', 'recovery-code'],
      },
    });
    expect(JSON.stringify(outcome)).not.toContain('accessToken');
  });

  it('asks her to set one up when she must and has none', async () => {
    const { service } = await setup();
    secondFactor.isRequired.mockImplementation(async () => true);
    await expect(service.login('cw-1', PASSWORD)).resolves.toEqual({
      secondStep: { enrolmentRequired: true, challengeToken: 'challenge' },
    });
  });

  it('never gets as far as the second step with a wrong password', async () => {
    const { service } = await setup();
    secondFactor.methods.mockImplementation(async () => ['totp']);
    await refusal(service.login('cw-1', 'wrong password'));
  });
});

describe('AuthService.authenticate (local tokens)', () => {
  it('returns the actor of a valid token', async () => {
    const { service } = await setup();
    const { accessToken } = (await signedIn(service.login('cw-1', PASSWORD))).token;
    await expect(service.authenticate(accessToken)).resolves.toEqual({
      userId: 'cw-1',
      organisationId: 'se-ngo-1',
      role: 'caseworker',
    });
  });

  it('refuses the token once the account is deactivated or its role or organisation changed', async () => {
    const { service, accounts } = await setup();
    const { accessToken } = (await signedIn(service.login('cw-1', PASSWORD))).token;
    const u = accounts.users[0]!;
    u.role = 'supervisor';
    await expect(service.authenticate(accessToken)).resolves.toBeNull();
    u.role = 'caseworker';
    u.organisationId = 'se-ngo-2';
    await expect(service.authenticate(accessToken)).resolves.toBeNull();
    u.organisationId = 'se-ngo-1';
    u.active = false;
    await expect(service.authenticate(accessToken)).resolves.toBeNull();
  });

  it('refuses garbage, an unknown issuer, and an OIDC-looking token when OIDC is off', async () => {
    const { service } = await setup();
    await expect(service.authenticate('garbage')).resolves.toBeNull();
    await expect(service.authenticate('a.b.c')).resolves.toBeNull();
    const foreign = await new SignJWT({ org: 'se-ngo-1', role: 'caseworker' })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .setSubject('cw-1')
      .setIssuer('https://idp.example.org')
      .setAudience('ariadne-api')
      .setIssuedAt()
      .setExpirationTime('5m')
      .setJti('j')
      .sign(secret);
    await expect(service.authenticate(foreign)).resolves.toBeNull();
  });
});
