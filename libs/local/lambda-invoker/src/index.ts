export * from './async-invoker';
export * from './errors';
export * from './invoke';
