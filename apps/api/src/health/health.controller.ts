import { Controller, Get, HttpStatus, Inject, Res, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Client } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@ariadne/config';
import { DATA_SOURCE } from '@ariadne/persistence';
import { Public } from '../auth';

/** How long one dependency may take to answer a health check. */
const CHECK_MS = 2000;
/**
 * A worker long-polls for a minute at a time; one seen within this window is polling. Temporal
 * forgets pollers after a few minutes, so a stopped worker shows as none or as too old.
 */
const POLLER_FRESH_MS = 90_000;

type Up = 'up' | 'down';
export interface Readiness {
  status: 'ok' | 'degraded';
  database: Up;
  temporal: Up;
  /** Whether a worker polls the case task queue: without one, commands cannot be confirmed. */
  worker: 'polling' | 'none' | 'unknown';
}

function within<T>(ms: number, p: Promise<T>): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref()),
  ]);
}

@ApiTags('operations')
@Public()
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Readiness (as /health/ready): PostgreSQL, Temporal and a worker on the case task queue. */
  @Get()
  @ApiOkResponse({ description: 'ready' })
  @ApiServiceUnavailableResponse({ description: 'degraded: the body says which part' })
  health(@Res({ passthrough: true }) res: Response): Promise<Readiness> {
    return this.ready(res);
  }

  /**
   * 200 with `ok` when every part answers; 503 with `degraded` and the part that does not
   * (database, temporal, or worker: none polls the case task queue). For load balancers.
   */
  @Get('ready')
  @ApiOkResponse({ description: 'ready' })
  @ApiServiceUnavailableResponse({ description: 'degraded: the body says which part' })
  async ready(@Res({ passthrough: true }) res: Response): Promise<Readiness> {
    const [database, temporal, worker] = await Promise.all([
      within(CHECK_MS, this.ds.query('SELECT 1')).then(
        (): Up => 'up',
        (): Up => 'down',
      ),
      within(CHECK_MS, this.temporal.connection.workflowService.getSystemInfo({})).then(
        (): Up => 'up',
        (): Up => 'down',
      ),
      this.workerPolling(),
    ]);
    const ok = database === 'up' && temporal === 'up' && worker === 'polling';
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ok' : 'degraded', database, temporal, worker };
  }

  /** The process is alive and serving; no dependency checked (for restarts, not routing). */
  @Get('live')
  @ApiOkResponse({ description: 'alive' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Temporal's DescribeTaskQueue: has a worker polled the case task queue lately? */
  private async workerPolling(): Promise<Readiness['worker']> {
    try {
      const answer = await within(
        CHECK_MS,
        this.temporal.connection.workflowService.describeTaskQueue({
          namespace: this.temporal.options.namespace,
          taskQueue: {
            name: this.config.TEMPORAL_TASK_QUEUE,
            kind: proto.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL,
          },
          taskQueueType: proto.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
        }),
      );
      const now = Date.now();
      const fresh = (answer.pollers ?? []).some((p) => {
        const seconds = Number(p.lastAccessTime?.seconds ?? 0);
        return now - seconds * 1000 < POLLER_FRESH_MS;
      });
      return fresh ? 'polling' : 'none';
    } catch {
      return 'unknown';
    }
  }
}
