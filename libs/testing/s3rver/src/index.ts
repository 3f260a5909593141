export * from './s3rver';
