export * from './errors';
export * from './config';
export * from './avatar-processed';
export * from './aws-clients';
export * from './sns-publisher';
export * from './process-upload';
export * from './process-event';
export * from './thumbnail-handler';
