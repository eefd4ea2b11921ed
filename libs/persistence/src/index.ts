export * from './data-source';
export * from './event-store';
export * from './case-summaries';
export * from './migrations';
export { CaseEventEntity } from './entities/case-event.entity';
export { CaseSummaryEntity } from './entities/case-summary.entity';
export * from './persistence.module';
export * from './identity';
