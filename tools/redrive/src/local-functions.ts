import type { FunctionName } from '@cruddur/shared/contract';

/** The local stack's functions whose asynchronous invocations have a dead-letter folder (S3 → thumbnail, SNS → profile). */
export const LOCAL_FUNCTIONS: readonly string[] = Object.freeze(['thumbnail', 'avatarProcessed'] satisfies FunctionName[]);
