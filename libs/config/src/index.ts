export * from './config';
export * from './policies';
export * from './config.module';
export * from './temporal-connection';
