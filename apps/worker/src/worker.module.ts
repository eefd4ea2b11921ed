import { Module } from '@nestjs/common';
import { ConfigModule } from '@ariadne/config';
import { PersistenceModule } from '@ariadne/persistence';
import { SecurityModule, LoggingModule } from '@ariadne/security';
import { MailSenderService } from './mail/mail-sender.service';
import { TemporalWorkerService } from './temporal-worker.service';

/** The worker: an application context (no HTTP listener) around the Temporal worker and mail. */
@Module({
  imports: [ConfigModule, LoggingModule, PersistenceModule, SecurityModule],
  providers: [TemporalWorkerService, MailSenderService],
})
export class WorkerModule {}
