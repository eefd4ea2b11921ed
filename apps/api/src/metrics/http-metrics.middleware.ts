import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { HttpMetrics, UNMATCHED_ROUTE } from './http-metrics';

interface ExpressRoute {
  readonly path?: unknown;
  readonly methods?: Record<string, boolean>;
}

/**
 * The route pattern that served a request, as the router registered it (with the global prefix
 * and version, e.g. /api/v1/cases/:caseId); UNMATCHED_ROUTE when no route matched (404s of
 * unknown paths), so that a concrete URL, which may carry an id, never becomes a label.
 * Nest mounts route-scoped middleware (e.g. request logging) as `all()` routes, registered for
 * every method, which stay as req.route when no controller route matches: a route of more than
 * one method counts as unmatched. (A controller route is registered per method; an @All() one
 * would count as unmatched too, and the API has none.)
 */
export function routeLabel(req: Pick<Request, 'route' | 'baseUrl'>): string {
  const route = req.route as ExpressRoute | undefined;
  if (!route || typeof route.path !== 'string') return UNMATCHED_ROUTE;
  if (Object.keys(route.methods ?? {}).length > 1 || route.methods?._all) return UNMATCHED_ROUTE;
  return `${req.baseUrl ?? ''}${route.path}`;
}

/** Times every request and counts it once its response is sent (or abandoned). */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: HttpMetrics) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const start = process.hrtime.bigint();
    res.once('close', () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const status = res.writableFinished ? String(res.statusCode) : 'aborted';
      this.metrics.observe(req.method, routeLabel(req), status, seconds);
    });
    next();
  }
}
