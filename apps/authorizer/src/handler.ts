import { authorizerDepsFromEnv, createAuthorizerHandler } from '@cruddur/jwt';

export const handler = createAuthorizerHandler(authorizerDepsFromEnv(process.env));
