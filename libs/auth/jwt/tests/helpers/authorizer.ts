import { Logger } from '@aws-lambda-powertools/logger';
import { authorizerEvent } from '@cruddur/shared/lambda-events';

/** A real Logger whose output is captured rather than printed. */
export function capturedLogger() {
  const logger = new Logger({ serviceName: 'authorizer-test', logLevel: 'DEBUG' });
  return {
    logger,
    warn: jest.spyOn(logger, 'warn').mockImplementation(() => undefined),
    error: jest.spyOn(logger, 'error').mockImplementation(() => undefined),
    debug: jest.spyOn(logger, 'debug').mockImplementation(() => undefined),
  };
}

/** An authorizer event carrying `token` as its Bearer credential. */
export const withBearer = (token: string) => authorizerEvent({ headers: { authorization: `Bearer ${token}` } });
