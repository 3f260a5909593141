export * from './events/lambda-context';
export * from './events/http-api';
export * from './events/s3';
export * from './events/sns';
export * from './images';
export * from './tokens';
export * from './s3rver';
export * from './messages';
