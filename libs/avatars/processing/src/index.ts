export * from './errors';
export * from './config';
export * from './avatar-processed';
export * from './sns-publisher';
export * from './process-upload';
export * from './process-event';
export * from './rejection-reason';
export * from './thumbnail-handler';
