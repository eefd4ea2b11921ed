import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { AuditTrail, auditKeysFromEnv, DATA_SOURCE } from '@ariadne/persistence';
import { AuditController } from './audit.controller';
import { AuditAnchors } from './audit-anchors';
import { AuditInterceptor } from './audit.interceptor';

/**
 * The audit trail (P5): the AuditInterceptor records every request to an @Audited() route, and
 * auditors read and verify the trail; the head is anchored now and then (AuditAnchors). Global,
 * so that sign-ins and refusals elsewhere (auth) are recorded in the same trail. Needs
 * PersistenceModule (global) in the application. ARIADNE_AUDIT_KEYS is checked at start-up.
 */
@Global()
@Module({
  controllers: [AuditController],
  providers: [
    {
      provide: AuditTrail,
      useFactory: (ds: DataSource) => new AuditTrail(ds, auditKeysFromEnv()),
      inject: [DATA_SOURCE],
    },
    { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
    AuditAnchors,
  ],
  exports: [AuditTrail],
})
export class AuditModule {}
