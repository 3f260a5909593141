import { authorizerEvent, lambdaContext } from '@cruddur/shared/lambda-events';
import { createAuthorizerHandler } from '../../src';
import { VerifierConfigError } from '../../src/errors';
import { capturedLogger, withBearer } from '../helpers/authorizer';

describe('authorizer handler, broken configuration', () => {
  it('denies every request and logs the configuration error, without throwing', async () => {
    const logs = capturedLogger();
    const configError = new VerifierConfigError('access token verifier: missing COGNITO_CLIENT_ID');
    const handler = createAuthorizerHandler({ verifier: configError, logger: logs.logger });

    for (const event of [withBearer('a.b.c'), authorizerEvent()]) {
      await expect(handler(event, lambdaContext())).resolves.toEqual({ isAuthorized: false });
    }
    expect(logs.error).toHaveBeenCalledTimes(2);
    expect(logs.error).toHaveBeenCalledWith(
      'request denied',
      expect.objectContaining({ reason: 'access token verifier: missing COGNITO_CLIENT_ID', error: configError }),
    );
  });
});
