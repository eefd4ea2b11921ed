import { Module } from '@nestjs/common';
import { ConfigModule } from '@ariadne/config';
import { PersistenceModule } from '@ariadne/persistence';
import { SecurityModule, LoggingModule } from '@ariadne/security';
import { AccessModule } from './access';
import { AuditModule } from './audit';
import { AuthModule } from './auth';
import { CaseReferenceModule } from './case-reference/case-references.service';
import { CasesModule } from './cases/cases.module';
import { HealthController } from './health/health.controller';
import { InboxModule } from './inbox/inbox.module';
import { MetricsModule } from './metrics/metrics.module';
import { TemporalClientModule } from './temporal/temporal-client.module';
import { SupervisionModule } from './supervision/supervision.module';
import { CoordinationModule } from './coordination/coordination.module';
import { StatisticsModule } from './statistics/statistics.module';

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
    CasesModule,
    InboxModule,
    AuditModule,
    MetricsModule,
    SupervisionModule,
    CoordinationModule,
    StatisticsModule,
  ],
  controllers: [HealthController],
})
export class AppModule {}
