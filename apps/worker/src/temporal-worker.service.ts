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
  temporalDataConverter,
} from '@ariadne/security';
import { caseActivities } from './case.activities';
import { bundlerOptions, WORKFLOWS_PATH } from './workflow-bundle';

/** Runs the Temporal worker for the case task queue for as long as the application lives. */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TemporalWorkerService.name);
  private connection?: NativeConnection;
  private worker?: Worker;
  private running?: Promise<void>;

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
    });
    this.running = this.worker.run();
    this.running.catch((e: unknown) => {
      this.logger.error(`Temporal worker stopped: ${e instanceof Error ? e.message : 'unknown'}`);
      process.exitCode = 1;
    });
    this.logger.log(`Worker polling task queue ${this.config.TEMPORAL_TASK_QUEUE}`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection?.close();
  }

  /** Resolves when the worker has stopped (used by main to keep the process alive). */
  whenStopped(): Promise<void> {
    return this.running ?? Promise.resolve();
  }
}
