import {
  type CanActivate,
  type ExecutionContext,
  HttpStatus,
  Injectable,
  Logger,
  Optional,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import type { Actor, Role } from '@ariadne/domain';
import { AuditTrail, CaseSummaryRepository } from '@ariadne/persistence';
import { startCasePrefetch } from '../access/case-prefetch';
import { AUDITED, type AuditedOptions } from '../audit/audited.decorator';
import { caseIdOf, routePattern } from '../audit/refusals';
import { problem, type ProblemException } from '../common/problem';
import { AuthService } from './auth.service';
import { type AuthenticatedRequest, IS_PUBLIC, REQUIRED_ROLES } from './decorators';

const REALM = 'Bearer realm="ariadne"';
/** RFC 6750 token68; a header longer than this is no token of ours or of any sane provider. */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;
const MAX_HEADER_LENGTH = 8192;

export function bearerToken(header: string | undefined): string | undefined {
  if (!header || header.length > MAX_HEADER_LENGTH) return undefined;
  return BEARER.exec(header)?.[1];
}

/**
 * Installed as APP_GUARD: every route needs a valid bearer token unless marked @Public(). Sets
 * request.actor, then enforces @Roles(). Answers 401 with WWW-Authenticate (RFC 6750) when
 * there is no valid token, 403 naming the roles when the actor's role is not among them.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('AuthGuard');

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    /** Records every refusal (ASVS 16.3.2); absent only in unit tests without a trail. */
    @Optional() private readonly trail?: AuditTrail,
    /** Reads a command's case while her account is read (absent in unit tests). */
    @Optional() private readonly summaries?: CaseSummaryRepository,
  ) {}

  /** The :caseId of a command route (@Audited 'case.command'), in the form the parser gives. */
  private commandCaseId(ctx: ExecutionContext, req: AuthenticatedRequest): string | null {
    const audited = this.reflector.get<AuditedOptions | undefined>(AUDITED, ctx.getHandler());
    if (audited?.action !== 'case.command') return null;
    const id = caseIdOf(req);
    return id === null ? null : id.toLowerCase();
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    // Only HTTP is served; any other transport is refused rather than left unguarded.
    if (ctx.getType() !== 'http') return false;
    const http = ctx.switchToHttp();
    const req = http.getRequest<AuthenticatedRequest>();
    const res = http.getResponse<Response>();

    const token = bearerToken(req.headers.authorization);
    if (token === undefined) {
      res.setHeader('WWW-Authenticate', REALM);
      throw await this.refused(
        req,
        null,
        'unauthenticated',
        problem(HttpStatus.UNAUTHORIZED, 'unauthenticated', 'Authentication required', {
          detail: 'Send an access token: Authorization: Bearer <token>.',
        }),
      );
    }
    // Issue 11: a command's case is read next to her account, once the token is valid; access
    // to it is decided only after this guard (CaseAccess.require).
    const caseId = this.commandCaseId(ctx, req);
    const authenticated = await this.auth.authenticateToken(
      token,
      caseId && this.summaries
        ? () => startCasePrefetch(req, caseId, (id) => this.summaries!.find(id))
        : undefined,
    );
    if (!authenticated) {
      res.setHeader('WWW-Authenticate', `${REALM}, error="invalid_token"`);
      throw await this.refused(
        req,
        null,
        'invalid-token',
        problem(HttpStatus.UNAUTHORIZED, 'invalid-token', 'Invalid access token', {
          detail: 'The access token is expired or not valid; sign in again.',
        }),
      );
    }
    const { actor } = authenticated;
    req.actor = actor;
    req.authTime = authenticated.authTime;
    req.sessionId = authenticated.sessionId;

    const roles = this.reflector.getAllAndOverride<readonly Role[] | undefined>(
      REQUIRED_ROLES,
      targets,
    );
    if (roles && !roles.includes(actor.role)) {
      throw await this.refused(
        req,
        actor,
        'forbidden-role',
        problem(HttpStatus.FORBIDDEN, 'forbidden-role', 'Your role may not do this', {
          detail: `Needs one of the roles: ${roles.join(', ')}.`,
          requiredRoles: [...roles],
        }),
      );
    }
    return true;
  }

  /**
   * Records the refusal in the audit trail, then gives it back to be thrown: a token refusal by
   * its reason code and route pattern only (whoever sent it is unknown, and the token is not
   * kept); a role refusal by who, which route, and which case. The refusal stands even when the
   * entry cannot be written (logged): refusing must never depend on the trail.
   */
  private async refused(
    req: AuthenticatedRequest,
    actor: Actor | null,
    reason: string,
    refusal: ProblemException,
  ): Promise<ProblemException> {
    if (!this.trail) return refusal;
    const requestId = String((req as { id?: unknown }).id ?? '');
    try {
      await this.trail.append({
        actorId: actor?.userId ?? null,
        actorRole: actor?.role ?? null,
        organisationId: actor?.organisationId ?? null,
        action: actor ? 'access.refused' : 'auth.token.refused',
        caseId: actor ? caseIdOf(req) : null,
        categories: [],
        purpose: 'access-control',
        outcome: 'denied',
        reason,
        route: routePattern(req),
        requestId: /^[A-Za-z0-9_-]{1,128}$/.test(requestId) ? requestId : null,
      });
    } catch (e) {
      this.logger.error(`Refusal not recorded: ${e instanceof Error ? e.name : typeof e}`);
    }
    return refusal;
  }
}
