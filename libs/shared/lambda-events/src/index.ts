export * from './cloudformation';
export * from './http-api';
export * from './lambda-context';
export * from './on-failure';
export * from './s3';
export * from './s3-event-key';
export * from './sns';
