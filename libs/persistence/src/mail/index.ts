export * from './backoff';
export * from './digest';
export * from './outbox';
export * from './render';
export * from './time-zones';
export * from './preferences';
