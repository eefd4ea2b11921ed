export * from './audit-entry';
export * from './audit-hash';
export * from './audit-trail';
export { AuditLogEntity } from './audit-log.entity';
export * from './audit-keys';
export * from './audit-anchor';
