import { generateKeyPair, SignJWT } from 'jose';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { UserEntity } from '@ariadne/persistence';
import type { OidcSettings } from './auth-settings';
import {
  IdentityProviderUnavailable,
  type OidcAccountLookup,
  oidcActor,
  OidcVerifier,
} from './oidc';

const settings: OidcSettings = {
  issuer: 'https://idp.example.org',
  jwksUrl: new URL('https://idp.example.org/certs'),
  audience: 'ariadne-api',
  algorithms: ['RS256'],
  userClaim: 'sub',
  orgClaim: 'org',
  roleClaim: 'role',
  trustClaims: false,
};
const trusting: OidcSettings = { ...settings, trustClaims: true };

function user(over: Partial<UserEntity> = {}): UserEntity {
  return {
    id: 'se-ngo-1-cw-1',
    organisationId: 'se-ngo-1',
    role: 'caseworker',
    displayName: 'Demo caseworker 1',
    login: 'anna@ngo.example',
    email: null,
    passwordHash: null,
    active: true,
    locale: 'sv',
    createdAt: new Date(0),
    ...over,
  };
}

function lookup(users: UserEntity[], orgs: string[] = ['se-ngo-1', 'se-nc']): OidcAccountLookup {
  return {
    findUserBySubject: async (s) =>
      users.find((u) => u.id === s || u.login === s.toLowerCase()) ?? null,
    organisationExists: async (id) => orgs.includes(id),
  };
}

describe('oidcActor', () => {
  it('takes organisation and role from the users table, not from the token', async () => {
    const actor = await oidcActor(
      { sub: 'se-ngo-1-cw-1', org: 'se-nc', role: 'admin' },
      settings,
      lookup([user()]),
    );
    expect(actor).toEqual({
      userId: 'se-ngo-1-cw-1',
      organisationId: 'se-ngo-1',
      role: 'caseworker',
    });
  });

  it('finds the account by login too, and then acts as its opaque id', async () => {
    const actor = await oidcActor({ sub: 'Anna@NGO.example' }, settings, lookup([user()]));
    expect(actor?.userId).toBe('se-ngo-1-cw-1');
  });

  it('reads the subject from the configured claim', async () => {
    const s = { ...settings, userClaim: 'preferred_username' };
    expect(
      await oidcActor({ sub: 'x', preferred_username: 'se-ngo-1-cw-1' }, s, lookup([user()])),
    ).not.toBeNull();
    expect(await oidcActor({ sub: 'se-ngo-1-cw-1' }, s, lookup([user()]))).toBeNull();
  });

  it('refuses unknown, deactivated and malformed subjects', async () => {
    expect(await oidcActor({ sub: 'nobody' }, settings, lookup([user()]))).toBeNull();
    expect(
      await oidcActor({ sub: 'se-ngo-1-cw-1' }, settings, lookup([user({ active: false })])),
    ).toBeNull();
    expect(
      await oidcActor({ sub: 42 as unknown as string }, settings, lookup([user()])),
    ).toBeNull();
    expect(await oidcActor({ sub: '' }, settings, lookup([user()]))).toBeNull();
  });

  describe('with ARIADNE_OIDC_TRUST_CLAIMS', () => {
    it('takes organisation and role from the token', async () => {
      const actor = await oidcActor(
        { sub: 'no-ngo-1-cw-9', org: 'se-nc', role: 'coordinator' },
        trusting,
        lookup([]),
      );
      expect(actor).toEqual({
        userId: 'no-ngo-1-cw-9',
        organisationId: 'se-nc',
        role: 'coordinator',
      });
    });

    it('still refuses a known but deactivated account', async () => {
      const claims = { sub: 'se-ngo-1-cw-1', org: 'se-ngo-1', role: 'caseworker' };
      expect(await oidcActor(claims, trusting, lookup([user({ active: false })]))).toBeNull();
    });

    it('refuses unknown roles (system included), unknown organisations and non-opaque ids', async () => {
      const ok = { sub: 'cw-9', org: 'se-ngo-1', role: 'caseworker' };
      expect(await oidcActor(ok, trusting, lookup([]))).not.toBeNull();
      for (const claims of [
        { ...ok, role: 'system' },
        { ...ok, role: 'root' },
        { ...ok, role: undefined },
        { ...ok, org: 'xx-unknown' },
        { ...ok, org: 'Some NGO' },
        { ...ok, sub: 'Anna Andersson' },
      ]) {
        expect(await oidcActor(claims, trusting, lookup([]))).toBeNull();
      }
    });
  });
});

describe('OidcVerifier', () => {
  it('reports an unreachable key set as an outage, not as a bad token', async () => {
    // A loopback port nothing listens on: the fetch fails at once, without any network.
    const port = await new Promise<number>((resolve) => {
      const srv = createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as AddressInfo).port;
        srv.close(() => resolve(p));
      });
    });
    const verifier = new OidcVerifier({
      ...settings,
      jwksUrl: new URL(`http://127.0.0.1:${port}/jwks`),
    });
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: 'k' })
      .setSubject('se-ngo-1-cw-1')
      .setIssuer(settings.issuer)
      .setAudience(settings.audience)
      .setExpirationTime('5m')
      .sign(privateKey);
    await expect(verifier.verify(token)).rejects.toBeInstanceOf(IdentityProviderUnavailable);
  });
});
