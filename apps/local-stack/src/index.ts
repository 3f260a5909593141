export { startLocalStack } from './local-stack';
export type { LocalStack, LocalStackOptions } from './options';
export type { StackFile } from './stack-file';
export { DataDirInUseError, PortInUseError, UsageError } from './errors';
