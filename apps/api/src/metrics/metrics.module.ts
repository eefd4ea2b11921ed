import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { HttpMetrics } from './http-metrics';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsController } from './metrics.controller';

/** GET /metrics, and the middleware that measures every request. */
@Module({
  controllers: [MetricsController],
  providers: [HttpMetrics],
  exports: [HttpMetrics],
})
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*');
  }
}
