import { Module } from '@nestjs/common';
import { ConfigModule, LoggingModule } from '@ariadne/config';
import { PersistenceModule } from '@ariadne/persistence';
import { AuthModule } from './auth';
import { CasesModule } from './cases/cases.module';
import { HealthController } from './health/health.controller';
import { TemporalClientModule } from './temporal/temporal-client.module';

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    PersistenceModule,
    TemporalClientModule,
    AuthModule,
    CasesModule,
  ],
  controllers: [HealthController],
})
export class AppModule {}
