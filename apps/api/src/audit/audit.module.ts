import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { AuditTrail, DATA_SOURCE } from '@ariadne/persistence';
import { AuditController } from './audit.controller';
import { AuditInterceptor } from './audit.interceptor';

/**
 * The audit trail (P5): the AuditInterceptor records every request to an @Audited() route, and
 * auditors read and verify the trail. Needs PersistenceModule (global) in the application.
 */
@Module({
  controllers: [AuditController],
  providers: [
    {
      provide: AuditTrail,
      useFactory: (ds: DataSource) => new AuditTrail(ds),
      inject: [DATA_SOURCE],
    },
    { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
  ],
  exports: [AuditTrail],
})
export class AuditModule {}
