export * from './vocabulary';
export * from './facts';
export * from './export';
export * from './template';
export * from './coverage';
export * from './dimensions';
