import { HttpException } from '@nestjs/common';
import type { Request } from 'express';
import { isUuid } from '@ariadne/persistence';

const ROUTE = /^[A-Z]{3,7} \/[A-Za-z0-9/:._-]{0,200}$/;
const SLUG = /^[a-z][a-z0-9-]{0,63}$/;

/**
 * The route pattern a request matched, e.g. 'GET /api/v1/cases/:caseId': the pattern, never the
 * path itself, so that no value of the request is recorded. Null when there is none.
 */
export function routePattern(req: Request): string | null {
  const path: unknown = (req.route as { path?: unknown } | undefined)?.path;
  const pattern = typeof path === 'string' ? `${req.method} ${path}` : null;
  return pattern !== null && ROUTE.test(pattern) ? pattern : null;
}

/** A refusal's reason code: the problem type's slug (e.g. 'forbidden-role', 'case-not-found'). */
export function reasonOf(error: unknown): string | null {
  if (!(error instanceof HttpException)) return null;
  const body = error.getResponse() as { type?: unknown } | string;
  const type = typeof body === 'object' && typeof body.type === 'string' ? body.type : '';
  const slug = type.slice(type.lastIndexOf('/') + 1);
  return SLUG.test(slug) ? slug : null;
}

/** The case a refused request named in its route, if it is a case id. */
export function caseIdOf(req: Request): string | null {
  const id: unknown = (req.params as { caseId?: unknown } | undefined)?.caseId;
  return isUuid(id) ? id : null;
}
