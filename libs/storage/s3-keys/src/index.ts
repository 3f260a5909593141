export * from './errors';
export * from './layout';
export * from './event-key';
