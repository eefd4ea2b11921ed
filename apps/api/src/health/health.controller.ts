import { Controller, Get, HttpStatus, Inject, Res, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Client } from '@temporalio/client';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '@ariadne/persistence';
import { Public } from '../auth';

@ApiTags('operations')
@Public()
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    private readonly temporal: Client,
  ) {}

  /** Liveness and readiness: the database and the Temporal server answer. */
  @Get()
  async health(@Res({ passthrough: true }) res: Response): Promise<Record<string, string>> {
    const [database, temporal] = await Promise.all([
      this.ds.query('SELECT 1').then(
        () => 'up',
        () => 'down',
      ),
      this.temporal.connection.workflowService.getSystemInfo({}).then(
        () => 'up',
        () => 'down',
      ),
    ]);
    const ok = database === 'up' && temporal === 'up';
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ok' : 'degraded', database, temporal };
  }
}
