export * from './sql';
export * from './case-board.query';
export * from './case-list.query';
export * from './case-statistics.query';
export * from './referrals.query';
export * from './indicators.query';
export * from './caseload.query';
export * from './dimension-counts.query';
