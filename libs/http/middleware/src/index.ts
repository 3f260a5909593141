export { MalformedBodyError } from './errors';
export { originsFromEnv } from './cors';
export { bodySchema } from './body-schema';
export type { ErrorStatus } from './error-responses';
export { callerIdentity, type CallerIdentity } from './identity';
export { jsonResponse } from './responses';
export { httpApi } from './http-api';
