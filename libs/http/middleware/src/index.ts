export * from './errors';
export * from './cors';
export * from './json-body';
export * from './body-schema';
export * from './error-responses';
export * from './identity';
export * from './responses';
export * from './http-api';
