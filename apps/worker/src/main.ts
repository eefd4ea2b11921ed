import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { loadConfig, parseListen } from '@ariadne/config';
import { redactingTemporalLogger } from '@ariadne/security';
import { Logger } from 'nestjs-pino';
import { TemporalWorkerService } from './temporal-worker.service';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  // The SDK logs failed tasks with their error messages, which may quote personal data (P1).
  // Its metrics (SDK runtime telemetry: task slots, poll and schedule latencies, cache size, by
  // task queue and workflow/activity type, never ids) on a loopback listener of their own.
  const metrics = parseListen(loadConfig().WORKER_METRICS_LISTEN);
  Runtime.install({
    logger: redactingTemporalLogger(new DefaultLogger('INFO')),
    ...(metrics && {
      telemetryOptions: {
        metrics: {
          prometheus: {
            bindAddress: `${metrics.host.includes(':') ? `[${metrics.host}]` : metrics.host}:${metrics.port}`,
            countersTotalSuffix: true,
            useSecondsForDurations: true,
          },
        },
      },
    }),
  });
  const app = await NestFactory.createApplicationContext(WorkerModule, {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  // SIGINT/SIGTERM → onApplicationShutdown: the worker finishes its tasks, then exits.
  app.enableShutdownHooks();
  await app.get(TemporalWorkerService).whenStopped();
}

main().catch((e: unknown) => {
  process.stderr.write(`Worker failed to start: ${e instanceof Error ? e.message : 'unknown'}\n`);
  process.exit(1);
});
