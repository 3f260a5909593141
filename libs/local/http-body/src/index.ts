export * from './errors';
export * from './http-body';
