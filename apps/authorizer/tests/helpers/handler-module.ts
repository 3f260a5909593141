import type { AuthorizerResult } from '@cruddur/auth/jwt';
import type { lambdaContext } from '@cruddur/shared/lambda-events';
import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';

export type Handler = (event: APIGatewayRequestAuthorizerEventV2, context: ReturnType<typeof lambdaContext>) => Promise<AuthorizerResult>;

/**
 * A loader of the handler module as Lambda loads it (built from process.env at module scope), a
 * fresh copy per call; call it in a `describe`: it restores the environment and the mocks after each test.
 */
export function handlerModuleLoader(): (env: NodeJS.ProcessEnv) => Promise<Handler> {
  const savedEnv = process.env;
  afterEach(() => {
    process.env = savedEnv;
    jest.restoreAllMocks();
  });
  return async (env) => {
    process.env = { ...savedEnv, ...env };
    let loaded: Handler | undefined;
    await jest.isolateModulesAsync(async () => {
      ({ handler: loaded } = await import('../../src/handler'));
    });
    return loaded as Handler;
  };
}
