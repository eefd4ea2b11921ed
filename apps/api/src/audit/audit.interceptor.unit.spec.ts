import { type CallHandler, type ExecutionContext, HttpStatus } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { lastValueFrom, of, throwError } from 'rxjs';
import type { AuditEntry, AuditTrail } from '@ariadne/persistence';
import { problem, ProblemException } from '../common/problem';
import { AUDITED, Audited, type AuditedOptions } from './audited.decorator';
import { AuditInterceptor, auditedCaseId, auditOutcome } from './audit.interceptor';

const CASE = '0b7c1c38-6a43-4b8e-9d0e-4f8f4f1c2a11';
const actor = { userId: 'se-ngo-1-cw-1', organisationId: 'se-ngo-1', role: 'caseworker' };

function setup(options: AuditedOptions | undefined, append = jest.fn().mockResolvedValue({})) {
  const handler = (): void => undefined;
  if (options) Reflect.defineMetadata(AUDITED, { purpose: 'case-management', ...options }, handler);
  const req = { actor, params: { caseId: CASE }, id: 17 };
  const res = { statusCode: 200 };
  const ctx = {
    getType: () => 'http',
    getHandler: () => handler,
    getClass: () => class {},
    switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
  } as unknown as ExecutionContext;
  const interceptor = new AuditInterceptor(new Reflector(), { append } as unknown as AuditTrail);
  const run = (handle: CallHandler['handle']) =>
    lastValueFrom(interceptor.intercept(ctx, { handle }));
  return { append, req, res, run };
}

describe('audit interceptor', () => {
  it('maps the status to an outcome: 2xx allowed; 401, 403, 404 denied; else failed', () => {
    expect([200, 201, 204].map(auditOutcome)).toEqual(['allowed', 'allowed', 'allowed']);
    expect([401, 403, 404].map(auditOutcome)).toEqual(['denied', 'denied', 'denied']);
    expect([400, 409, 422, 500, 503].map(auditOutcome)).toEqual(Array(5).fill('failed'));
  });

  it('takes the case from the route, else from the response, and only a uuid', () => {
    expect(auditedCaseId({ caseId: CASE }, { caseId: 'x' })).toBe(CASE);
    expect(auditedCaseId({}, { caseId: CASE })).toBe(CASE);
    expect(auditedCaseId({ caseId: 'Anna Svensson' })).toBeNull();
    expect(auditedCaseId(undefined, [{ caseId: CASE }])).toBeNull();
    expect(auditedCaseId(undefined, null)).toBeNull();
  });

  it('leaves routes without @Audited() alone', async () => {
    const { append, run } = setup(undefined);
    await expect(run(() => of('body'))).resolves.toBe('body');
    expect(append).not.toHaveBeenCalled();
  });

  it('records who, what, which case, why and the outcome before the body goes out', async () => {
    const { append, run } = setup({ action: 'case.read', categories: ['case'] });
    await expect(run(() => of({ caseId: CASE }))).resolves.toEqual({ caseId: CASE });
    expect(append).toHaveBeenCalledTimes(1);
    expect(append.mock.calls[0][0]).toEqual<AuditEntry>({
      actorId: 'se-ngo-1-cw-1',
      actorRole: 'caseworker',
      organisationId: 'se-ngo-1',
      action: 'case.read',
      caseId: CASE,
      categories: ['case'],
      purpose: 'case-management',
      outcome: 'allowed',
      requestId: '17',
    });
  });

  it('records a refused request as denied and passes the refusal on unchanged', async () => {
    const { append, run } = setup({ action: 'case.read', categories: ['case'] });
    const notFound = problem(HttpStatus.NOT_FOUND, 'case-not-found', 'No such case');
    await expect(run(() => throwError(() => notFound))).rejects.toBe(notFound);
    expect(append.mock.calls[0][0]).toMatchObject({ outcome: 'denied', caseId: CASE });
  });

  it('records an error as failed', async () => {
    const { append, run } = setup({ action: 'case.command', categories: ['case'] });
    const boom = new Error('boom');
    await expect(run(() => throwError(() => boom))).rejects.toBe(boom);
    expect(append.mock.calls[0][0]).toMatchObject({ outcome: 'failed' });
  });

  it('fails the request with 503 and Retry-After when the entry cannot be written, and sends no data', async () => {
    const append = jest.fn().mockRejectedValue(new Error('connection lost to 10.0.0.5'));
    const { run } = setup({ action: 'case.read', categories: ['case'] }, append);
    const error = await run(() => of({ caseId: CASE, secret: 'x' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemException);
    expect((error as ProblemException).problem).toMatchObject({ status: 503, retryAfter: 5 });
    expect(JSON.stringify((error as ProblemException).problem)).not.toContain('10.0.0.5');
    // Recorded once: the failure to record is not itself re-recorded as a handler failure.
    expect(append).toHaveBeenCalledTimes(1);
  });

  it('fails a refused request with 503 too when its refusal cannot be recorded', async () => {
    const append = jest.fn().mockRejectedValue(new Error('down'));
    const { run } = setup({ action: 'case.read', categories: ['case'] }, append);
    const error = await run(() =>
      throwError(() => problem(HttpStatus.NOT_FOUND, 'case-not-found', 'No such case')),
    ).catch((e: unknown) => e);
    expect((error as ProblemException).problem.status).toBe(503);
  });

  it('refuses a bad decorator when it is applied, not at the first request', () => {
    expect(() => Audited({ action: 'read the case', categories: ['case'] })).toThrow();
    expect(() => Audited({ action: 'case.read', categories: ['address' as never] })).toThrow();
    expect(() =>
      Audited({ action: 'case.read', categories: ['case'], purpose: 'Why? Because' }),
    ).toThrow();
  });
});
