import {
  applyDecorators,
  type CanActivate,
  type ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
  Optional,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig } from '@ariadne/config';
import { AuditTrail } from '@ariadne/persistence';
import { caseIdOf, routePattern } from '../audit/refusals';
import { problem, type ProblemException } from '../common/problem';
import type { AuthenticatedRequest } from './decorators';

export const RECENT_AUTHENTICATION = 'ariadne:auth:recent';
export const REAUTHENTICATION_REQUIRED = 'reauthentication-required';

/**
 * 401 for a sensitive action whose caller last authenticated too long ago: the client asks for
 * her password (and second factor), calls POST /auth/reauthenticate and tries once more.
 */
export function reauthenticationRequired(maxAgeSeconds: number): ProblemException {
  return problem(HttpStatus.UNAUTHORIZED, REAUTHENTICATION_REQUIRED, 'Confirm it is you', {
    detail:
      `This action needs a sign-in within the last ${maxAgeSeconds} seconds: ` +
      'confirm your password (and second factor) with POST /api/v1/auth/reauthenticate, then try again.',
    reauthenticate: true,
    maxAgeSeconds,
  });
}

/**
 * Whether a real authentication at authTime (epoch seconds) is recent enough at now (epoch ms).
 * No authentication time (a provider token without auth_time) is never recent; one in the future
 * beyond the replicas' clock tolerance is not trusted either.
 */
export function isRecentAuthentication(
  authTime: number | null | undefined,
  nowMs: number,
  maxAgeSeconds: number,
): boolean {
  if (typeof authTime !== 'number' || !Number.isFinite(authTime)) return false;
  const age = nowMs / 1000 - authTime;
  return age <= maxAgeSeconds && age >= -5;
}

/**
 * The guard behind @RequiresRecentAuthentication(): runs after the global AuthGuard (which set
 * request.actor and request.authTime) and refuses with 401 reauthentication-required when her
 * last real authentication is older than the route's window, or ARIADNE_REAUTH_MAX_AGE.
 * Depends only on global providers, so any module's controller can use it.
 */
@Injectable()
export class RecentAuthenticationGuard implements CanActivate {
  private readonly logger = new Logger('RecentAuthentication');
  /** The clock; tests replace it. */
  now: () => number = () => Date.now();

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly trail?: AuditTrail,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const routeMaxAge = this.reflector.getAllAndOverride<number | null | undefined>(
      RECENT_AUTHENTICATION,
      [ctx.getHandler(), ctx.getClass()],
    );
    if (routeMaxAge === undefined) return true;
    const maxAge = routeMaxAge ?? this.config.ARIADNE_REAUTH_MAX_AGE;
    const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    // Without an actor the AuthGuard has already refused; a route both @Public() and recent is
    // a programming error and refused rather than let through.
    if (req.actor && isRecentAuthentication(req.authTime, this.now(), maxAge)) return true;
    await this.record(req);
    // RFC 9470 (step-up authentication challenge): what is missing, and how recent it must be.
    ctx
      .switchToHttp()
      .getResponse<Response>()
      .setHeader(
        'WWW-Authenticate',
        `Bearer realm="ariadne", error="insufficient_user_authentication", max_age=${maxAge}`,
      );
    throw reauthenticationRequired(maxAge);
  }

  /** The refusal in the audit trail, by ids and route pattern (never refusing on its failure). */
  private async record(req: AuthenticatedRequest): Promise<void> {
    if (!this.trail) return;
    const requestId = String((req as { id?: unknown }).id ?? '');
    try {
      await this.trail.append({
        actorId: req.actor?.userId ?? null,
        actorRole: req.actor?.role ?? null,
        organisationId: req.actor?.organisationId ?? null,
        action: 'access.refused',
        caseId: req.actor ? caseIdOf(req) : null,
        categories: [],
        purpose: 'access-control',
        outcome: 'denied',
        reason: REAUTHENTICATION_REQUIRED,
        route: routePattern(req),
        requestId: /^[A-Za-z0-9_-]{1,128}$/.test(requestId) ? requestId : null,
      });
    } catch (e) {
      this.logger.error(`Refusal not recorded: ${e instanceof Error ? e.name : typeof e}`);
    }
  }
}

/**
 * The route is a sensitive action (ASVS 7.5.3): it needs a real authentication (password and
 * second factor) within maxAgeSeconds, by default ARIADNE_REAUTH_MAX_AGE (5 minutes); otherwise
 * 401 problem+json of type …/reauthentication-required with `reauthenticate: true`.
 * Put it on a controller method (or class) next to @Roles(); the role check comes first.
 */
export const RequiresRecentAuthentication = (
  maxAgeSeconds?: number,
): MethodDecorator & ClassDecorator => {
  if (maxAgeSeconds !== undefined && !(Number.isInteger(maxAgeSeconds) && maxAgeSeconds > 0)) {
    // Decorators run when the module loads: a bad window stops the start-up.
    throw new Error('@RequiresRecentAuthentication(maxAgeSeconds) needs a positive integer');
  }
  return applyDecorators(
    SetMetadata(RECENT_AUTHENTICATION, maxAgeSeconds ?? null),
    UseGuards(RecentAuthenticationGuard),
    ApiUnauthorizedResponse({
      description:
        'No valid access token, or `reauthentication-required` (`reauthenticate: true`): ' +
        'the last sign-in is too old for this action; POST /auth/reauthenticate, then retry',
    }),
  );
};
