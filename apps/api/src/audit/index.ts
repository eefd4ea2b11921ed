export { AuditModule } from './audit.module';
export { Audited, type AuditedOptions } from './audited.decorator';
export { AuditInterceptor } from './audit.interceptor';
