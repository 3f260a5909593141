export { startLocalStack, REGION, UPLOADS_BUCKET, ASSETS_BUCKET, LOCAL_CREDENTIALS } from './local-stack';
export type { LocalStack, LocalStackOptions, ServiceName } from './options';
export { DEFAULT_PORTS } from './options';
export type { DemoUser } from '@cruddur/local/cognito';
export type { StackFile } from './stack-file';
export { DataDirInUseError, LocalStackError, PortInUseError, UsageError, WebBuildError } from './errors';
