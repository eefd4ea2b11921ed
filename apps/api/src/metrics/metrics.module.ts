import { Module, type NestModule } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import { HttpMetrics } from './http-metrics';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsServer } from './metrics-server';

/** The middleware that measures every request, and GET /metrics on its own listener. */
@Module({
  providers: [HttpMetrics, MetricsServer],
  exports: [HttpMetrics, MetricsServer],
})
export class MetricsModule implements NestModule {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly metrics: HttpMetrics,
  ) {}

  /**
   * Called while Nest registers middleware, before any route. The middleware is mounted on the
   * HTTP server itself rather than for Nest routes (which the global prefix would limit to
   * /api/…), so that every request is measured, including those that match no route.
   */
  configure(): void {
    const middleware = new HttpMetricsMiddleware(this.metrics);
    this.adapterHost.httpAdapter.use((req: Request, res: Response, next: NextFunction) =>
      middleware.use(req, res, next),
    );
  }
}
