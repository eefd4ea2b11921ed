import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { HttpMetrics, UNMATCHED_ROUTE } from './http-metrics';

/**
 * The route pattern that served a request, as the router registered it (with the global prefix
 * and version, e.g. /api/v1/cases/:caseId); UNMATCHED_ROUTE when no route matched (404s of
 * unknown paths), so that a concrete URL, which may carry an id, never becomes a label.
 */
export function routeLabel(req: Pick<Request, 'route' | 'baseUrl'>): string {
  const path: unknown = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${req.baseUrl ?? ''}${path}` : UNMATCHED_ROUTE;
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
