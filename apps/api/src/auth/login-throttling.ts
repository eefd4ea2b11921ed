import { type ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import {
  normalizeIp,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
} from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { normaliseLogin } from '@ariadne/persistence';
import { problem } from '../common/problem';
import type { AuthSettings } from './auth-settings';

/**
 * Per address, however many logins are tried: slows down trying one common password against
 * many logins, while leaving room for a team behind one office address.
 */
const PER_ADDRESS_FACTOR = 10;

function address(req: Request): string {
  return normalizeIp(req.ip ?? '');
}

/** The throttler tracks by address and login; it hashes its keys, so no login is kept in clear. */
function addressAndLogin(req: Request): string {
  const login: unknown = (req.body as { login?: unknown } | undefined)?.login;
  return `${address(req)}\n${typeof login === 'string' ? normaliseLogin(login).slice(0, 254) : ''}`;
}

/** Two limits on POST /auth/login; counted in memory, per API process. */
export function loginThrottling(s: AuthSettings): ThrottlerModuleOptions {
  const ttl = s.loginRateWindowSeconds * 1000;
  return {
    setHeaders: false,
    throttlers: [
      {
        name: 'login-account',
        limit: s.loginRateLimit,
        ttl,
        getTracker: (req) => addressAndLogin(req as Request),
      },
      {
        name: 'login-address',
        limit: s.loginRateLimit * PER_ADDRESS_FACTOR,
        ttl,
        getTracker: (req) => address(req as Request),
      },
    ],
  };
}

/** Used on the login route only (not globally): no other route is counted. */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(
    ctx: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const retryAfter = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    ctx.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfter));
    throw problem(
      HttpStatus.TOO_MANY_REQUESTS,
      'too-many-login-attempts',
      'Too many login attempts',
      {
        detail: `Try again in ${retryAfter} seconds.`,
      },
    );
  }
}
