import {
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ApiForbiddenResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Actor } from '@ariadne/domain';
import type { UserRole } from '@ariadne/persistence';

export const IS_PUBLIC = 'ariadne:auth:public';
export const REQUIRED_ROLES = 'ariadne:auth:roles';

/**
 * A request that passed the AuthGuard carries who makes it, when she last really authenticated
 * (epoch seconds; null when her token does not say), and her session.
 */
export type AuthenticatedRequest = Request & {
  actor?: Actor;
  authTime?: number | null;
  /** The session (refresh-token family) her access token names, if any. */
  sessionId?: string | null;
};

/** The route needs no token (login, health). Everything else does, by default. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/**
 * Only these roles may call the route (403 otherwise). A coarse first gate: what an actor may see
 * of which case (organisation, assignment, data category) is decided by the policy layer.
 */
export const Roles = (...roles: [UserRole, ...UserRole[]]): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(REQUIRED_ROLES, roles),
    ApiForbiddenResponse({ description: `Needs one of the roles: ${roles.join(', ')}` }),
  );

/** The authenticated actor, for a controller method parameter. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  // Only a @Public() route can get here without one: a programming error, not a client's.
  if (!actor) throw new Error('@CurrentActor() used on a route without authentication');
  return actor;
});
