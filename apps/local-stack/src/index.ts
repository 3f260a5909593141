export { startLocalStack, REGION, UPLOADS_BUCKET, ASSETS_BUCKET, LOCAL_CREDENTIALS } from './local-stack';
export type { LocalStack, LocalStackOptions, ServiceName } from './options';
export { DEFAULT_PORTS } from './options';
export type { DemoUser } from '@cruddur/local-cognito';
export type { StackFile } from './stack-file';
export { LocalStackError, PortInUseError, UsageError, WebBuildError } from './errors';
// The SigV4-checking S3 front on its own: the artifact test puts it before the built functions.
export { createS3Front, type ObjectCreatedNotification } from './s3/s3-front';
export { SigV4Verifier } from './s3/sigv4-verifier';
