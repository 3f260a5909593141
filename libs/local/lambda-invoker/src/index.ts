export * from './dead-letter-folder';
export * from './durable-invoker';
export * from './errors';
export * from './event-journal';
export * from './invoke';
export * from './lambda-invoke-api';
export * from './process-alive';
