import { Module } from '@nestjs/common';
import { ConfigModule } from '@ariadne/config';
import { PersistenceModule } from '@ariadne/persistence';
import { SecurityModule, LoggingModule } from '@ariadne/security';
import { AuditModule } from './audit';
import { AuthModule } from './auth';
import { CasesModule } from './cases/cases.module';
import { HealthController } from './health/health.controller';
import { MetricsModule } from './metrics/metrics.module';
import { TemporalClientModule } from './temporal/temporal-client.module';

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    PersistenceModule,
    SecurityModule,
    TemporalClientModule,
    AuthModule,
    CasesModule,
    AuditModule,
    MetricsModule,
  ],
  controllers: [HealthController],
})
export class AppModule {}
