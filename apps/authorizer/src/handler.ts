import { authorizerDepsFromEnv, createAuthorizerHandler } from '@cruddur/auth/jwt';

export const handler = createAuthorizerHandler(authorizerDepsFromEnv(process.env));
