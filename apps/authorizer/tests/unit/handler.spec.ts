import { authorizerEvent, lambdaContext } from '@cruddur/shared/lambda-events';
import { handlerModuleLoader } from '../helpers/handler-module';

describe('handler module (built from process.env at module scope)', () => {
  const loadHandler = handlerModuleLoader();

  it('survives a broken environment at init, then denies and logs an error on each call', async () => {
    // POWERTOOLS_DEV makes the Logger write through the global console, which the test can watch.
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const handler = await loadHandler({
      POWERTOOLS_DEV: 'true',
      COGNITO_USER_POOL_ID: '',
      COGNITO_CLIENT_ID: '',
      JWT_ISSUER: '',
      JWT_JWKS_URI: '',
    });

    await expect(handler(authorizerEvent(), lambdaContext())).resolves.toEqual({ isAuthorized: false });
    expect(consoleError).toHaveBeenCalledTimes(1);
    expect(String(consoleError.mock.calls[0]?.[0])).toContain('VerifierConfigError');
    expect(String(consoleError.mock.calls[0]?.[0])).toContain('"service": "authorizer"');
  });
});
