import { Module } from '@nestjs/common';
import { ConfigModule } from '@ariadne/config';
import { PersistenceModule } from '@ariadne/persistence';
import { SecurityModule, LoggingModule } from '@ariadne/security';
import { AccessModule } from './access';
import { AdminModule } from './admin/admin.module';
import { AuditModule } from './audit';
import { AuthModule } from './auth';
import { CaseReferenceModule } from './case-reference/case-references.service';
import { CaseListModule } from './case-list/case-list.module';
import { DirectoryModule } from './directory/directory.module';
import { FindModule } from './find/find.module';
import { PersonModule } from './person/person.module';
import { TasksModule } from './tasks/tasks.module';
import { CasesModule } from './cases/cases.module';
import { HealthController } from './health/health.controller';
import { InboxModule } from './inbox/inbox.module';
import { MailModule } from './mail/mail.module';
import { MetricsModule } from './metrics/metrics.module';
import { TemporalClientModule } from './temporal/temporal-client.module';
import { SupervisionModule } from './supervision/supervision.module';
import { CoordinationModule } from './coordination/coordination.module';
import { StatisticsModule } from './statistics/statistics.module';
import { HtcdsModule } from './htcds/htcds.module';
import { ExportsModule } from './exports/exports.module';
import { IntegrationModule } from './integration/integration.module';
import { TransfersModule } from './transfers/transfers.module';

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    PersistenceModule,
    SecurityModule,
    TemporalClientModule,
    AccessModule,
    AuthModule,
    CaseReferenceModule,
    // Before CasesModule: GET /cases and POST /cases/find are matched before :caseId routes.
    FindModule,
    CaseListModule,
    CasesModule,
    PersonModule,
    TasksModule,
    DirectoryModule,
    InboxModule,
    MailModule,
    AuditModule,
    MetricsModule,
    SupervisionModule,
    CoordinationModule,
    StatisticsModule,
    HtcdsModule,
    ExportsModule,
    AdminModule,
    IntegrationModule,
    TransfersModule,
  ],
  controllers: [HealthController],
})
export class AppModule {}
