import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import type { Actor } from '@ariadne/domain';
import type { CaseSummaryRepository } from '@ariadne/persistence';
import { casePrefetchOf } from '../access/case-prefetch';
import { Audited } from '../audit';
import { AuthGuard } from './auth.guard';
import type { AuthService } from './auth.service';
import type { AuthenticatedRequest } from './decorators';

const actor: Actor = { userId: 'se-ngo-1-cw-1', organisationId: 'se-ngo-1', role: 'caseworker' };
const CASE = '0B6E4C1A-2F3D-4A5B-8C7D-9E0F1A2B3C4D';

class Probe {
  @Audited({ action: 'case.command', categories: ['case'] })
  command(): void {}
  @Audited({ action: 'case.read', categories: ['case'] })
  read(): void {}
}

/**
 * Issue 11: the AuthGuard reads a command's case next to the account, only once the token is
 * valid (the AuthService calls back after the signature and claims), and only for commands.
 */
async function run(handler: keyof Probe, token: string, caseId: string = CASE) {
  const req = {
    headers: { authorization: `Bearer ${token}` },
    params: { caseId },
  } as unknown as AuthenticatedRequest;
  const ctx = new ExecutionContextHost(
    [req, { setHeader: () => undefined }],
    Probe,
    Probe.prototype[handler],
  );
  ctx.setType('http');
  const reads: string[] = [];
  const summaries = {
    find: async (id: string) => {
      reads.push(id);
      return { caseId: id } as never;
    },
  } as unknown as CaseSummaryRepository;
  const auth = {
    authenticateToken: async (t: string, onVerified?: () => void) => {
      if (t !== 'good.token.sig') return null;
      onVerified?.();
      return { actor, authTime: null, sessionId: null, local: true };
    },
  } as unknown as AuthService;
  const guard = new AuthGuard(new Reflector(), auth, undefined, summaries);
  const result = await guard.canActivate(ctx).then(
    (ok) => ok,
    () => false,
  );
  return { result, reads, req };
}

describe('AuthGuard: a command’s case read next to the account', () => {
  it('starts the read of a command’s case once the token is valid', async () => {
    const { result, reads, req } = await run('command', 'good.token.sig');
    expect(result).toBe(true);
    expect(reads).toEqual([CASE.toLowerCase()]);
    await expect(casePrefetchOf(req, CASE.toLowerCase())).resolves.toEqual({
      caseId: CASE.toLowerCase(),
    });
    expect(casePrefetchOf(req, '11111111-1111-4111-8111-111111111111')).toBeUndefined();
  });

  it('reads nothing for an invalid token, a route that is not a command, or no case id', async () => {
    expect((await run('command', 'bad.token.sig')).reads).toEqual([]);
    expect((await run('read', 'good.token.sig')).reads).toEqual([]);
    expect((await run('command', 'good.token.sig', 'not-a-case')).reads).toEqual([]);
  });
});
