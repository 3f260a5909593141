import { UsageError } from './errors';
import type { LocalStackOptions } from './options';

/** Test-only: functions whose events are journaled but not run, e.g. `thumbnail` (a deterministic window before a kill). */
export const PAUSE_FUNCTIONS_ENV = 'LOCAL_STACK_PAUSE_FUNCTIONS';
/** Test-only: the waits before the 2 retries, in ms, e.g. `50,100` (default 1000,2000). */
export const RETRY_DELAYS_ENV = 'LOCAL_STACK_RETRY_DELAYS_MS';
/** Test-only: where the handlers reach S3 instead of the S3 front, e.g. a fault proxy in front of it. */
export const HANDLER_S3_ENDPOINT_ENV = 'LOCAL_STACK_HANDLER_S3_ENDPOINT';

type TestHooks = Pick<LocalStackOptions, 'pausedFunctions' | 'retryDelaysMs' | 'handlerS3Endpoint'>;

/**
 * The options tests set through the environment of a spawned `npm start` (not flags: no user needs them).
 *
 * @throws UsageError for a malformed value
 *
 * @example
 * startLocalStack({ ...cliOptions, ...testHooksFromEnv(process.env) });
 */
export function testHooksFromEnv(env: NodeJS.ProcessEnv): TestHooks {
  const hooks: TestHooks = {};
  const paused = env[PAUSE_FUNCTIONS_ENV];
  if (paused) hooks.pausedFunctions = paused.split(',').map((name) => name.trim()).filter(Boolean);
  const delays = env[RETRY_DELAYS_ENV];
  if (delays) {
    const values = delays.split(',').map((value) => Number(value.trim()));
    if (values.some((value) => !Number.isInteger(value) || value < 0)) throw new UsageError(`${RETRY_DELAYS_ENV} must be whole milliseconds separated by commas, not "${delays}"`);
    hooks.retryDelaysMs = values;
  }
  const endpoint = env[HANDLER_S3_ENDPOINT_ENV];
  if (endpoint) {
    if (!/^http:\/\/(127\.0\.0\.1|localhost):\d+$/.test(endpoint)) throw new UsageError(`${HANDLER_S3_ENDPOINT_ENV} must be http://127.0.0.1:<port>, not "${endpoint}"`);
    hooks.handlerS3Endpoint = () => endpoint;
  }
  return hooks;
}
