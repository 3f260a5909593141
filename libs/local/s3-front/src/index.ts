export type { BucketCorsRule } from './bucket-cors';
export { startS3rver, type LocalS3rver } from './local-s3rver';
export { createS3Front } from './s3-front';
export { SigV4Verifier, sha256, type S3Credentials } from './sigv4-verifier';
