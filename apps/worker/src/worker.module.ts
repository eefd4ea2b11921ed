import { Module } from '@nestjs/common';
import { ConfigModule } from '@ariadne/config';
import { PersistenceModule } from '@ariadne/persistence';
import { SecurityModule, LoggingModule } from '@ariadne/security';
import { TemporalWorkerService } from './temporal-worker.service';

/** The worker: an application context (no HTTP listener) around the Temporal worker. */
@Module({
  imports: [ConfigModule, LoggingModule, PersistenceModule, SecurityModule],
  providers: [TemporalWorkerService],
})
export class WorkerModule {}
