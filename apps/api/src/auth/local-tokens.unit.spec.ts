import { decodeJwt, decodeProtectedHeader, SignJWT, UnsecuredJWT } from 'jose';
import { randomBytes } from 'node:crypto';
import type { Actor } from '@ariadne/domain';
import { LocalTokens } from './local-tokens';

const secret = new TextEncoder().encode(randomBytes(32).toString('base64'));
const actor: Actor = { userId: 'se-ngo-1-cw-1', organisationId: 'se-ngo-1', role: 'caseworker' };
const T0 = new Date('2026-01-05T08:00:00Z');
const at = (d: Date) => () => d;
const plus = (s: number) => new Date(T0.getTime() + s * 1000);

function tokens(now = T0, ttlSeconds = 900): LocalTokens {
  return new LocalTokens({ secret, ttlSeconds }, at(now));
}

/** Replaces one base64url character in a segment (0 header, 1 payload, 2 signature). */
function tamper(token: string, segment: number): string {
  const parts = token.split('.');
  const s = parts[segment]!;
  parts[segment] = s.slice(0, 5) + (s[5] === 'A' ? 'B' : 'A') + s.slice(6);
  return parts.join('.');
}

describe('LocalTokens', () => {
  it('issues a token that verifies back to the actor', async () => {
    const { accessToken, expiresIn } = await tokens().issue(actor);
    expect(expiresIn).toBe(900);
    await expect(tokens(plus(899)).verify(accessToken)).resolves.toMatchObject({
      userId: actor.userId,
      organisationId: actor.organisationId,
      role: actor.role,
    });
  });

  it('carries exactly the agreed claims: opaque ids, no personal data', async () => {
    const { accessToken } = await tokens().issue(actor);
    const claims = decodeJwt(accessToken);
    expect(Object.keys(claims).sort()).toEqual(
      ['aud', 'auth_time', 'exp', 'iat', 'iss', 'jti', 'org', 'role', 'sub'].sort(),
    );
    expect(claims).toMatchObject({
      sub: 'se-ngo-1-cw-1',
      org: 'se-ngo-1',
      role: 'caseworker',
      iss: 'ariadne',
      aud: 'ariadne-api',
      iat: T0.getTime() / 1000,
      exp: T0.getTime() / 1000 + 900,
    });
    expect(decodeProtectedHeader(accessToken)).toEqual({ alg: 'HS256', typ: 'at+jwt' });
  });

  it("says when she last authenticated: now for a sign-in, the session's time when refreshed", async () => {
    const fresh = decodeJwt((await tokens().issue(actor)).accessToken);
    expect(fresh.auth_time).toBe(T0.getTime() / 1000);
    const older = T0.getTime() / 1000 - 3600;
    const { accessToken } = await tokens().issue(actor, { authTime: older, sessionId: 'fam-1' });
    expect(decodeJwt(accessToken)).toMatchObject({ auth_time: older, sid: 'fam-1' });
    await expect(tokens().verify(accessToken)).resolves.toMatchObject({
      authTime: older,
      sessionId: 'fam-1',
    });
  });

  it('refuses a token whose auth_time lies after its issue', async () => {
    const later = T0.getTime() / 1000 + 60;
    const { accessToken } = await tokens().issue(actor, { authTime: later, sessionId: null });
    await expect(tokens().verify(accessToken)).rejects.toThrow('auth_time invalid');
  });

  it('gives every token its own id', async () => {
    const a = decodeJwt((await tokens().issue(actor)).accessToken).jti;
    const b = decodeJwt((await tokens().issue(actor)).accessToken).jti;
    expect(a).not.toEqual(b);
  });

  it('refuses an expired token', async () => {
    const { accessToken } = await tokens(T0, 60).issue(actor);
    await expect(tokens(plus(60 + 6)).verify(accessToken)).rejects.toMatchObject({
      code: 'ERR_JWT_EXPIRED',
    });
  });

  it('refuses a tampered signature, payload or header', async () => {
    const { accessToken } = await tokens().issue(actor);
    for (const segment of [0, 1, 2]) {
      await expect(tokens().verify(tamper(accessToken, segment))).rejects.toThrow();
    }
  });

  it('refuses a token signed with another secret', async () => {
    const other = new LocalTokens(
      { secret: new TextEncoder().encode(randomBytes(32).toString('base64')), ttlSeconds: 900 },
      at(T0),
    );
    const { accessToken } = await other.issue(actor);
    await expect(tokens().verify(accessToken)).rejects.toMatchObject({
      code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    });
  });

  /** A token as LocalTokens issues it, changed by `mutate`; jose 6 sets the header and jti once. */
  const sign = (
    claims: Record<string, unknown>,
    mutate: (j: SignJWT) => SignJWT,
    { typ = 'at+jwt', jti = 'j-1' }: { typ?: string; jti?: string | null } = {},
  ) => {
    const jwt = new SignJWT({
      org: 'se-ngo-1',
      role: 'supervisor',
      auth_time: T0.getTime() / 1000,
      ...claims,
    })
      .setProtectedHeader({ alg: 'HS256', typ })
      .setSubject('se-ngo-1-cw-1')
      .setIssuer('ariadne')
      .setAudience('ariadne-api')
      .setIssuedAt(T0.getTime() / 1000)
      .setExpirationTime(T0.getTime() / 1000 + 900);
    return mutate(jti === null ? jwt : jwt.setJti(jti)).sign(secret);
  };

  it('accepts a well-formed token signed with the secret (control for the cases below)', async () => {
    await expect(tokens().verify(await sign({}, (j) => j))).resolves.toMatchObject({
      role: 'supervisor',
    });
  });

  it('refuses a wrong audience', async () => {
    const token = await sign({}, (j) => j.setAudience('some-other-api'));
    await expect(tokens().verify(token)).rejects.toMatchObject({
      code: 'ERR_JWT_CLAIM_VALIDATION_FAILED',
      claim: 'aud',
    });
  });

  it('refuses a wrong issuer', async () => {
    const token = await sign({}, (j) => j.setIssuer('someone-else'));
    await expect(tokens().verify(token)).rejects.toMatchObject({ claim: 'iss' });
  });

  it('refuses another token type (e.g. an ID token)', async () => {
    const token = await sign({}, (j) => j, { typ: 'JWT' });
    await expect(tokens().verify(token)).rejects.toMatchObject({ claim: 'typ' });
  });

  it('refuses a token without jti', async () => {
    const token = await sign({}, (j) => j, { jti: null });
    await expect(tokens().verify(token)).rejects.toThrow();
  });

  it('refuses an unsigned token (alg none)', async () => {
    const token = new UnsecuredJWT({ org: 'se-ngo-1', role: 'admin' })
      .setSubject('se-ngo-1-cw-1')
      .setIssuer('ariadne')
      .setAudience('ariadne-api')
      .setIssuedAt(T0.getTime() / 1000)
      .setExpirationTime(T0.getTime() / 1000 + 900)
      .setJti('j-1')
      .encode();
    await expect(tokens().verify(token)).rejects.toThrow();
  });
});
