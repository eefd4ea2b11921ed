import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { APP_CONFIG, type AppConfig, temporalConnectConfig } from '@ariadne/config';
import { AuditTrail, BlindIndexRepository, DATA_SOURCE, EventStore } from '@ariadne/persistence';
import type { DataSource } from 'typeorm';
import {
  BlindIndexer,
  CASE_KEYS,
  type CaseKeyStore,
  SECURITY_CONFIG,
  type SecurityConfig,
  startTracing,
  temporalDataConverter,
  type Tracing,
} from '@ariadne/security';
import { caseActivities } from './case.activities';
import { tracingOptions } from './tracing';
import { bundlerOptions, WORKFLOWS_PATH } from './workflow-bundle';
import {
  cacheOptions,
  deploymentOptions,
  promoteWorkerVersion,
  workerVersion,
} from './worker-deployment';

/** Runs the Temporal worker for the case task queue for as long as the application lives. */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TemporalWorkerService.name);
  private connection?: NativeConnection;
  private worker?: Worker;
  private running?: Promise<void>;
  private readonly stopping = new AbortController();
  private tracing?: Tracing;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly store: EventStore,
    @Inject(SECURITY_CONFIG) private readonly security: SecurityConfig,
    @Inject(CASE_KEYS) private readonly keys: CaseKeyStore,
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
  ) {
    // ARIADNE_AUDIT_KEYS is read (and checked) here, when the worker starts.
    this.trail = new AuditTrail(ds);
  }

  /** The system actor's writes (timers, erasure) join the audit trail with their events. */
  private readonly trail: AuditTrail;

  async onApplicationBootstrap(): Promise<void> {
    // TLS, mTLS, API key, namespace: Temporal's environment configuration, as the API.
    const { connectionOptions, namespace } = temporalConnectConfig(this.config);
    this.connection = await NativeConnection.connect(connectionOptions);
    // OpenTelemetry traces, only with OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT (libs/security/src/tracing.ts).
    this.tracing = startTracing(this.config, 'ariadne-worker', this.config.ARIADNE_WORKER_BUILD_ID);
    this.worker = await Worker.create({
      connection: this.connection,
      namespace,
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      workflowsPath: WORKFLOWS_PATH,
      bundlerOptions: { webpackConfigHook: bundlerOptions },
      // Payloads and failures are encrypted before they reach the Temporal server (P2).
      dataConverter: temporalDataConverter(this.security.payloadKeys),
      activities: caseActivities(
        this.store,
        this.keys,
        {
          indexer: new BlindIndexer(this.security.masterKeys),
          repository: new BlindIndexRepository(this.ds),
        },
        this.trail,
      ),
      // Worker Versioning (docs/adr/0014-safe-deploys.md) and the sticky cache's bound.
      ...deploymentOptions(this.config),
      ...cacheOptions(this.config),
      ...tracingOptions(this.tracing),
    });
    this.running = this.worker.run();
    this.running.catch((e: unknown) => {
      this.logger.error(`Temporal worker stopped: ${e instanceof Error ? e.message : 'unknown'}`);
      process.exitCode = 1;
    });
    const version = workerVersion(this.config);
    this.logger.log(
      `Worker polling task queue ${this.config.TEMPORAL_TASK_QUEUE}` +
        (version ? ` as ${version.deploymentName} build ${version.buildId}` : ' (unversioned)'),
    );
    if (version && this.config.ARIADNE_WORKER_PROMOTE) {
      // In the background: the server knows the version once this worker has polled.
      promoteWorkerVersion(this.connection, namespace, version, {
        signal: this.stopping.signal,
      }).then(
        () =>
          this.logger.log(
            `Build ${version.buildId} is the current version of ${version.deploymentName}`,
          ),
        (e: unknown) =>
          this.logger.error(
            `Could not make build ${version.buildId} current: ${e instanceof Error ? e.message : 'unknown'}`,
          ),
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection?.close();
    await this.tracing?.shutdown();
  }

  /** Resolves when the worker has stopped (used by main to keep the process alive). */
  whenStopped(): Promise<void> {
    return this.running ?? Promise.resolve();
  }
}
