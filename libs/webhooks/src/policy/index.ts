export * from './events';
export * from './url';
