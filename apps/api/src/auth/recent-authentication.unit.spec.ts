import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import type { AppConfig } from '@ariadne/config';
import type { Actor } from '@ariadne/domain';
import type {
  AuditTrail,
  IdentityRepository,
  NewRefreshToken,
  RefreshTokenRepository,
  RefreshTokenRow,
} from '@ariadne/persistence';
import { ProblemException } from '../common/problem';
import type { AuthSettings } from './auth-settings';
import type { AuthenticatedRequest } from './decorators';
import { LocalTokens } from './local-tokens';
import {
  isRecentAuthentication,
  RecentAuthenticationGuard,
  RequiresRecentAuthentication,
} from './recent-authentication';
import { hashRefreshToken } from './refresh-policy';
import { SessionService } from './sessions.service';

const actor: Actor = { userId: 'se-ngo-1-sup', organisationId: 'se-ngo-1', role: 'supervisor' };
const T0 = Date.parse('2026-12-07T08:00:00Z');
const T0s = T0 / 1000;

class Probe {
  @RequiresRecentAuthentication()
  byDefault(): void {}
  @RequiresRecentAuthentication(60)
  oneMinute(): void {}
  plain(): void {}
}

function guardAt(nowMs: number, trail?: AuditTrail): RecentAuthenticationGuard {
  const config = { ARIADNE_REAUTH_MAX_AGE: 300 } as AppConfig;
  const guard = new RecentAuthenticationGuard(new Reflector(), config, trail);
  guard.now = () => nowMs;
  return guard;
}

let headers: Record<string, string> = {};

function ctxFor(handler: keyof Probe, authTime: number | null, withActor = true) {
  headers = {};
  const req = {
    headers: {},
    actor: withActor ? actor : undefined,
    authTime,
    route: { path: '/api/v1/cases/:caseId/erasure' },
    method: 'POST',
    params: {},
  } as unknown as AuthenticatedRequest;
  const res = { setHeader: (k: string, v: string) => (headers[k] = v) };
  const ctx = new ExecutionContextHost([req, res], Probe, Probe.prototype[handler]);
  ctx.setType('http');
  return ctx;
}

async function refusal(p: Promise<boolean>): Promise<ProblemException['problem']> {
  const e: unknown = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof ProblemException)) throw new Error('expected a refusal');
  return e.problem;
}

describe('@RequiresRecentAuthentication (ASVS 7.5.3)', () => {
  it('lets a fresh authentication through, up to the window exactly', async () => {
    await expect(guardAt(T0).canActivate(ctxFor('byDefault', T0s))).resolves.toBe(true);
    await expect(guardAt(T0 + 300_000).canActivate(ctxFor('byDefault', T0s))).resolves.toBe(true);
  });

  it('refuses one older than the default window with 401 reauthentication-required', async () => {
    const p = await refusal(guardAt(T0 + 301_000).canActivate(ctxFor('byDefault', T0s)));
    expect(p).toMatchObject({
      status: 401,
      type: expect.stringMatching(/\/reauthentication-required$/),
      reauthenticate: true,
      maxAgeSeconds: 300,
    });
    expect(headers['WWW-Authenticate']).toBe(
      'Bearer realm="ariadne", error="insufficient_user_authentication", max_age=300',
    );
  });

  it("takes the route's own window when it names one", async () => {
    await expect(guardAt(T0 + 60_000).canActivate(ctxFor('oneMinute', T0s))).resolves.toBe(true);
    const p = await refusal(guardAt(T0 + 61_000).canActivate(ctxFor('oneMinute', T0s)));
    expect(p.maxAgeSeconds).toBe(60);
  });

  it('refuses a token that does not say when she authenticated, and one without an actor', async () => {
    await refusal(guardAt(T0).canActivate(ctxFor('byDefault', null)));
    await refusal(guardAt(T0).canActivate(ctxFor('byDefault', T0s, false)));
  });

  it('leaves routes without the decorator alone', async () => {
    await expect(guardAt(T0 + 10 ** 9).canActivate(ctxFor('plain', null))).resolves.toBe(true);
  });

  it('records the refusal by ids and route pattern only', async () => {
    const entries: unknown[] = [];
    const trail = { append: async (e: unknown) => void entries.push(e) } as unknown as AuditTrail;
    await refusal(guardAt(T0 + 301_000, trail).canActivate(ctxFor('byDefault', T0s)));
    expect(entries).toEqual([
      expect.objectContaining({
        actorId: actor.userId,
        action: 'access.refused',
        outcome: 'denied',
        reason: 'reauthentication-required',
      }),
    ]);
  });

  it('refuses an authentication time in the future (beyond the clock tolerance)', () => {
    expect(isRecentAuthentication(T0s + 4, T0, 300)).toBe(true);
    expect(isRecentAuthentication(T0s + 60, T0, 300)).toBe(false);
    expect(isRecentAuthentication(Number.NaN, T0, 300)).toBe(false);
  });

  it('refuses a bad window when the module loads', () => {
    expect(() => RequiresRecentAuthentication(0)).toThrow('positive integer');
    expect(() => RequiresRecentAuthentication(1.5)).toThrow('positive integer');
  });
});

/** An in-memory refresh-token table, enough for SessionService. */
function memoryTokens(): RefreshTokenRepository {
  const rows = new Map<string, RefreshTokenRow>();
  const repo = {
    transaction: async <T>(fn: (r: RefreshTokenRepository) => Promise<T>) => fn(repo),
    insert: async (t: NewRefreshToken) =>
      void rows.set(t.tokenHash.toString('hex'), { ...t, usedAt: null, revokedAt: null }),
    findForUpdate: async (h: Buffer) => rows.get(h.toString('hex')) ?? null,
    markUsed: async (h: Buffer, at: Date) => {
      const r = rows.get(h.toString('hex'))!;
      rows.set(h.toString('hex'), { ...r, usedAt: at });
    },
    revokeFamily: async () => undefined,
    deleteExpired: async () => undefined,
    reauthenticated: async (familyId: string, userId: string, at: Date) => {
      let n = 0;
      for (const [k, r] of rows) {
        if (r.familyId === familyId && r.userId === userId && !r.revokedAt) {
          rows.set(k, { ...r, authTime: at });
          n++;
        }
      }
      return n > 0;
    },
  } as unknown as RefreshTokenRepository;
  return repo;
}

describe('auth_time across a session', () => {
  afterEach(() => jest.useRealTimers());

  it('refresh keeps the sign-in time; re-authentication renews it for the session', async () => {
    jest.useFakeTimers({ now: T0, doNotFake: ['nextTick', 'setImmediate'] });
    const settings = {
      session: { refreshTtlSeconds: 8 * 3600, idleTimeoutSeconds: 900 },
    } as AuthSettings;
    const accounts = {
      findUserById: async () => ({ ...actor, id: actor.userId, active: true }),
    } as unknown as IdentityRepository;
    const sessions = new SessionService(settings, memoryTokens(), accounts);
    const first = await sessions.start(actor.userId);
    expect(first.authTime).toBe(T0s);

    jest.setSystemTime(T0 + 600_000);
    const second = await sessions.refresh(first.token);
    expect(second.authTime).toBe(T0s);
    expect(second.sessionId).toBe(first.sessionId);
    // The access token of that refresh is too old for a sensitive action ten minutes on.
    const tokens = new LocalTokens(
      { secret: new TextEncoder().encode('x'.repeat(48)), ttlSeconds: 900 },
      () => new Date(),
    );
    const claims = await tokens.verify((await tokens.issue(actor, second)).accessToken);
    expect(claims.authTime).toBe(T0s);
    expect(isRecentAuthentication(claims.authTime, Date.now(), 300)).toBe(false);

    await sessions.reauthenticated(second.sessionId, actor.userId, new Date());
    jest.setSystemTime(T0 + 700_000);
    const third = await sessions.refresh(second.token);
    expect(third.authTime).toBe(T0s + 600);
    expect(isRecentAuthentication(third.authTime, Date.now(), 300)).toBe(true);
    expect(hashRefreshToken(third.token)).not.toEqual(hashRefreshToken(second.token));
  });

  it('does not revive a session that has ended', async () => {
    const settings = {
      session: { refreshTtlSeconds: 8 * 3600, idleTimeoutSeconds: 900 },
    } as AuthSettings;
    const sessions = new SessionService(settings, memoryTokens(), {} as IdentityRepository);
    await expect(
      sessions.reauthenticated('no-such-family', actor.userId, new Date()),
    ).rejects.toBeInstanceOf(ProblemException);
    await expect(sessions.reauthenticated(null, actor.userId, new Date())).resolves.toBeUndefined();
  });
});
