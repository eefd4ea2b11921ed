import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import type { Actor } from '@ariadne/domain';
import { ProblemException } from '../common/problem';
import { AuthGuard, bearerToken } from './auth.guard';
import type { AuditTrail } from '@ariadne/persistence';
import type { AuthService } from './auth.service';
import { type AuthenticatedRequest, Public, Roles } from './decorators';

const actor: Actor = { userId: 'se-ngo-1-sup', organisationId: 'se-ngo-1', role: 'supervisor' };

class Probe {
  @Public()
  open(): void {}
  any(): void {}
  @Roles('admin', 'auditor')
  adminOnly(): void {}
  @Roles('supervisor')
  supervisors(): void {}
}

function call(handler: keyof Probe, authorization?: string) {
  const req = { headers: { authorization } } as unknown as AuthenticatedRequest;
  const headers: Record<string, string> = {};
  const res = { setHeader: (k: string, v: string) => (headers[k] = v) };
  const ctx = new ExecutionContextHost([req, res], Probe, Probe.prototype[handler]);
  ctx.setType('http');
  const auth = {
    authenticateToken: async (t: string) =>
      t === 'good.token.sig' ? { actor, authTime: null, sessionId: null, local: true } : null,
  } as unknown as AuthService;
  const result = new AuthGuard(new Reflector(), auth).canActivate(ctx);
  return { result, req, headers };
}

async function problemOf(p: Promise<unknown>): Promise<ProblemException['problem']> {
  const e: unknown = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ProblemException);
  return (e as ProblemException).problem;
}

describe('bearerToken', () => {
  it('reads the token of a Bearer header, whatever the scheme case', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('bearer abc.def-_~+/=')).toBe('abc.def-_~+/=');
  });
  it('ignores other schemes and malformed or oversized headers', () => {
    for (const h of [undefined, '', 'Basic dXNlcjpwdw==', 'Bearer', 'Bearer a b', 'Bearer <x>']) {
      expect(bearerToken(h)).toBeUndefined();
    }
    expect(bearerToken(`Bearer ${'a'.repeat(9000)}`)).toBeUndefined();
  });
});

describe('AuthGuard', () => {
  it('lets @Public() routes through without a token', async () => {
    await expect(call('open').result).resolves.toBe(true);
  });

  it('answers 401 with WWW-Authenticate when the token is missing', async () => {
    const c = call('any');
    expect(await problemOf(c.result)).toMatchObject({ status: 401 });
    expect(c.headers['WWW-Authenticate']).toBe('Bearer realm="ariadne"');
  });

  it('answers 401 invalid_token when the token stands for no one', async () => {
    const c = call('any', 'Bearer bad.token.sig');
    expect(await problemOf(c.result)).toMatchObject({ status: 401, title: 'Invalid access token' });
    expect(c.headers['WWW-Authenticate']).toBe('Bearer realm="ariadne", error="invalid_token"');
  });

  it('sets request.actor for a valid token', async () => {
    const c = call('any', 'Bearer good.token.sig');
    await expect(c.result).resolves.toBe(true);
    expect(c.req.actor).toEqual(actor);
  });

  it('answers 403 naming the required roles when the role is not among them', async () => {
    const p = await problemOf(call('adminOnly', 'Bearer good.token.sig').result);
    expect(p).toMatchObject({ status: 403, requiredRoles: ['admin', 'auditor'] });
    expect(p.detail).toContain('admin, auditor');
    await expect(call('supervisors', 'Bearer good.token.sig').result).resolves.toBe(true);
  });
});

describe('AuthGuard: refusals in the audit trail', () => {
  const CASE = '0b7c1c38-6a43-4b8e-9d0e-4f8f4f1c2a11';

  function guarded(handler: keyof Probe, authorization: string | undefined, append: jest.Mock) {
    const req = {
      headers: { authorization },
      method: 'GET',
      route: { path: '/api/v1/cases/:caseId' },
      params: { caseId: CASE },
      id: 7,
    } as unknown as AuthenticatedRequest;
    const res = { setHeader: () => undefined };
    const ctx = new ExecutionContextHost([req, res], Probe, Probe.prototype[handler]);
    ctx.setType('http');
    const auth = {
      authenticateToken: async (t: string) =>
        t === 'good.token.sig' ? { actor, authTime: null, sessionId: null, local: true } : null,
    } as unknown as AuthService;
    const trail = { append } as unknown as AuditTrail;
    return new AuthGuard(new Reflector(), auth, trail).canActivate(ctx);
  }

  it('records a refused token by reason and route pattern only: no actor, token or case', async () => {
    const append = jest.fn().mockResolvedValue({});
    await expect(guarded('any', 'Bearer forged.token.sig', append)).rejects.toBeInstanceOf(
      ProblemException,
    );
    await expect(guarded('any', undefined, append)).rejects.toBeInstanceOf(ProblemException);
    expect(append.mock.calls.map((c) => c[0])).toEqual([
      expect.objectContaining({
        actorId: null,
        action: 'auth.token.refused',
        caseId: null,
        outcome: 'denied',
        reason: 'invalid-token',
        route: 'GET /api/v1/cases/:caseId',
        requestId: '7',
      }),
      expect.objectContaining({ reason: 'unauthenticated' }),
    ]);
    expect(JSON.stringify(append.mock.calls)).not.toContain('forged');
  });

  it('records a role refusal: who, which route, which case', async () => {
    const append = jest.fn().mockResolvedValue({});
    await expect(guarded('adminOnly', 'Bearer good.token.sig', append)).rejects.toBeInstanceOf(
      ProblemException,
    );
    expect(append).toHaveBeenCalledWith(
      expect.objectContaining({
        actorId: 'se-ngo-1-sup',
        actorRole: 'supervisor',
        organisationId: 'se-ngo-1',
        action: 'access.refused',
        caseId: CASE,
        reason: 'forbidden-role',
      }),
    );
  });

  it('records nothing for an allowed request, and refuses even when the trail is down', async () => {
    const quiet = jest.fn().mockResolvedValue({});
    await expect(guarded('supervisors', 'Bearer good.token.sig', quiet)).resolves.toBe(true);
    expect(quiet).not.toHaveBeenCalled();
    const down = jest.fn().mockRejectedValue(new Error('down'));
    const problem = await problemOf(guarded('adminOnly', 'Bearer good.token.sig', down));
    expect(problem.status).toBe(403);
  });
});
