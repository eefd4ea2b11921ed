import { RETRY_AFTER_SECONDS } from '../common/unavailable';
import {
  type CallHandler,
  type ExecutionContext,
  HttpException,
  HttpStatus,
  Injectable,
  Logger,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { catchError, from, mergeMap, type Observable, throwError } from 'rxjs';
import { type AuditOutcome, AuditTrail, isUuid } from '@ariadne/persistence';
import type { AuthenticatedRequest } from '../auth';
import { problem } from '../common/problem';
import { AUDITED, type AuditedOptions } from './audited.decorator';
import { offerCommandAudit } from './command-audit';
import { reasonOf, routePattern } from './refusals';

/** 2xx: allowed; 401, 403 and 404 (need-to-know hides a case as absent): denied; else failed. */
export function auditOutcome(status: number): AuditOutcome {
  if (status >= 200 && status < 300) return 'allowed';
  if (status === 401 || status === 403 || status === 404) return 'denied';
  return 'failed';
}

export function statusOfError(error: unknown): number {
  return error instanceof HttpException ? error.getStatus() : 500;
}

/** The case a request concerns: its :caseId, else the caseId of the response (case.open). */
export function auditedCaseId(params: unknown, body?: unknown): string | null {
  const fromParams = (params as { caseId?: unknown } | undefined)?.caseId;
  if (isUuid(fromParams)) return fromParams;
  const fromBody = (body as { caseId?: unknown } | null | undefined)?.caseId;
  return isUuid(fromBody) ? fromBody : null;
}

const REQUEST_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** The server's request id when it has the shape an entry accepts, else null. */
function requestIdOf(req: object): string | null {
  const id = (req as { id?: unknown }).id;
  return REQUEST_ID.test(String(id ?? '')) ? String(id) : null;
}

/**
 * Installed as APP_INTERCEPTOR: records each request to an @Audited() route in the audit trail
 * once its handler has finished (successfully or not), and before the response goes out. If
 * the entry cannot be written, the request fails with 500: no read of case data leaves
 * unrecorded. (A write that the handler made stays made; a client retries it with the same
 * Idempotency-Key.) Requests refused by the AuthGuard (401, role 403) never reach an
 * interceptor: the guard records those itself.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger('AuditInterceptor');

  constructor(
    private readonly reflector: Reflector,
    private readonly trail: AuditTrail,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const options = this.reflector.getAllAndOverride<AuditedOptions | undefined>(AUDITED, [
      ctx.getHandler(),
      ctx.getClass(),
    ]);
    if (!options || ctx.getType() !== 'http') return next.handle();
    const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    const res = ctx.switchToHttp().getResponse<Response>();
    // docs/adr/0013: a command's entry may be written by its append (then not again below).
    const offer = offerCommandAudit(req, options, requestIdOf(req));
    return next.handle().pipe(
      // The handler failed: record why (denied or failed), then let its error through.
      catchError((error: unknown) =>
        from(
          this.record(
            options,
            req,
            auditOutcome(statusOfError(error)),
            auditedCaseId(req.params),
            error,
          ),
        ).pipe(mergeMap(() => throwError(() => error))),
      ),
      // The handler succeeded: the body goes out only once the entry is written.
      mergeMap(async (body: unknown) => {
        if (offer?.recorded) return body;
        await this.record(
          options,
          req,
          auditOutcome(res.statusCode),
          auditedCaseId(req.params, body),
        );
        return body;
      }),
    );
  }

  private async record(
    options: AuditedOptions,
    req: AuthenticatedRequest,
    outcome: AuditOutcome,
    caseId: string | null,
    error?: unknown,
  ): Promise<void> {
    try {
      await this.trail.append({
        actorId: req.actor?.userId ?? null,
        actorRole: req.actor?.role ?? null,
        organisationId: req.actor?.organisationId ?? null,
        action: options.action,
        caseId,
        categories: options.categories,
        purpose: options.purpose ?? null,
        outcome,
        requestId: requestIdOf(req),
        // A refusal says why and on which route (the pattern); the case's country is looked up
        // by the trail, so that the case's own auditors see an attempt on it.
        ...(outcome === 'denied' ? { reason: reasonOf(error), route: routePattern(req) } : {}),
      });
    } catch (e) {
      // By type only: a database error may quote values.
      this.logger.error(`Audit append failed: ${e instanceof Error ? e.name : typeof e}`);
      // 503, not 500: the change itself may be stored; a retry with the same Idempotency-Key
      // answers with its original result and records the access then.
      throw problem(
        HttpStatus.SERVICE_UNAVAILABLE,
        'audit-unavailable',
        'The request could not be recorded',
        {
          detail:
            'Every access to case data is recorded, and this one could not be. Try again; ' +
            'a retried change with the same Idempotency-Key is applied once.',
          retryAfter: RETRY_AFTER_SECONDS,
        },
      );
    }
  }
}
