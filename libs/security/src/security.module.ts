import { Global, Module } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '@ariadne/persistence';
import { type CaseKeyStore, localCaseKeyStore } from './case-keys';
import { type SecurityConfig, securityConfigFromEnv } from './config';

export const SECURITY_CONFIG = Symbol('SECURITY_CONFIG');
export const CASE_KEYS = Symbol('CASE_KEYS');

/** The keys (validated at start-up, from the environment only) and the per-case key store. */
@Global()
@Module({
  providers: [
    { provide: SECURITY_CONFIG, useFactory: () => securityConfigFromEnv() },
    {
      provide: CASE_KEYS,
      inject: [DATA_SOURCE, SECURITY_CONFIG],
      useFactory: (ds: DataSource, c: SecurityConfig): CaseKeyStore =>
        localCaseKeyStore(ds, c.masterKeys),
    },
  ],
  exports: [SECURITY_CONFIG, CASE_KEYS],
})
export class SecurityModule {}
