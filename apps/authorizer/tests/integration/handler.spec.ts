import { authorizerEvent, lambdaContext } from '@cruddur/shared/lambda-events';
import { startJwksServer } from '@cruddur/testing/fixtures';
import { handlerModuleLoader } from '../helpers/handler-module';

const withBearer = (token: string) => authorizerEvent({ headers: { authorization: `Bearer ${token}` } });

describe('handler module (built from process.env at module scope)', () => {
  const loadHandler = handlerModuleLoader();

  it('verifies with the issuer the environment names', async () => {
    const server = await startJwksServer();
    try {
      const handler = await loadHandler({
        JWT_ISSUER: server.issuer,
        JWT_JWKS_URI: server.jwksUri,
        COGNITO_CLIENT_ID: server.clientId,
        COGNITO_USER_POOL_ID: '',
        POWERTOOLS_LOG_LEVEL: 'ERROR',
      });

      await expect(handler(withBearer(server.signAccessToken({ sub: 'user-env' })), lambdaContext())).resolves.toEqual({
        isAuthorized: true,
        context: { sub: 'user-env', username: 'alice' },
      });
    } finally {
      await server.close();
    }
  });
});
