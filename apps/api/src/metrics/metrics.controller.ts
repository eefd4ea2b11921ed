import { Controller, Get, Res, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth';
import { HttpMetrics } from './http-metrics';

@ApiTags('operations')
@Public()
@Controller({ path: 'metrics', version: VERSION_NEUTRAL })
export class MetricsController {
  constructor(private readonly metrics: HttpMetrics) {}

  /**
   * Prometheus exposition: process metrics, and requests by method, route pattern and status.
   * Public, as /health: it carries no personal data; restrict it at the network if need be.
   */
  @Get()
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text format' })
  async scrape(@Res({ passthrough: true }) res: Response): Promise<string> {
    res.setHeader('Content-Type', this.metrics.contentType);
    return this.metrics.exposition();
  }
}
