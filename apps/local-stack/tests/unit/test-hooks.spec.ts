import { UsageError } from '../../src/errors';
import { HANDLER_S3_ENDPOINT_ENV, PAUSE_FUNCTIONS_ENV, RETRY_DELAYS_ENV, testHooksFromEnv } from '../../src/test-hooks';

describe('testHooksFromEnv', () => {
  it('sets nothing without its variables', () => {
    expect(testHooksFromEnv({})).toEqual({});
  });

  it('reads paused functions, retry delays and the handlers’ S3 endpoint', async () => {
    const hooks = testHooksFromEnv({ [PAUSE_FUNCTIONS_ENV]: 'thumbnail, avatarProcessed', [RETRY_DELAYS_ENV]: '50,100', [HANDLER_S3_ENDPOINT_ENV]: 'http://127.0.0.1:4999' });
    expect(hooks).toMatchObject({ pausedFunctions: ['thumbnail', 'avatarProcessed'], retryDelaysMs: [50, 100] });
    expect(await hooks.handlerS3Endpoint?.('http://127.0.0.1:4569')).toBe('http://127.0.0.1:4999');
  });

  it.each([
    [{ [RETRY_DELAYS_ENV]: '50,soon' }],
    [{ [RETRY_DELAYS_ENV]: '-1' }],
    [{ [HANDLER_S3_ENDPOINT_ENV]: 'https://s3.amazonaws.com' }],
  ])('refuses %j', (env) => {
    expect(() => testHooksFromEnv(env)).toThrow(UsageError);
  });
});
