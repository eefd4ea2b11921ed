import { Global, Module } from '@nestjs/common';
import { type AppConfig, loadConfig } from './config';
import { loadPolicies } from './policies';

export const APP_CONFIG = Symbol('APP_CONFIG');
export const POLICIES = Symbol('POLICIES');

/** Validated configuration and country policies, read once at start-up. */
@Global()
@Module({
  providers: [
    { provide: APP_CONFIG, useFactory: () => loadConfig() },
    { provide: POLICIES, useFactory: (c: AppConfig) => loadPolicies(c), inject: [APP_CONFIG] },
  ],
  exports: [APP_CONFIG, POLICIES],
})
export class ConfigModule {}
