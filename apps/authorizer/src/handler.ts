import { Logger } from '@aws-lambda-powertools/logger';
import { createAccessTokenVerifierFromEnv } from '@cruddur/jwt';
import { createAuthorizerHandler } from './authorizer-handler';

const logger = new Logger({ serviceName: process.env['POWERTOOLS_SERVICE_NAME'] || 'authorizer' });

// Once per container, so the JWKS is fetched once; a broken config is kept, not thrown at init.
export const handler = createAuthorizerHandler({ verifier: createAccessTokenVerifierFromEnv(process.env), logger });
