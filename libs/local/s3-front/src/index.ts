export * from './bucket-cors';
export * from './errors';
export * from './local-s3rver';
export * from './s3-error';
export * from './s3-front';
export * from './s3-target';
export * from './sigv4-verifier';
export * from './storable-target';
