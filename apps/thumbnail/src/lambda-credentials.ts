import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * Stands in for `@aws-sdk/credential-provider-node` in the thumbnail bundle (an esbuild alias in
 * project.json): Lambda hands the execution role's credentials to the function in its
 * environment, so the rest of the default chain (SSO, profiles, IMDS, web identity, and the STS
 * and SSO clients they bring) is dead weight there, about 100 KB of the bundle.
 *
 * @example
 * const credentials = await defaultProvider()(); // from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN
 */
export const defaultProvider: typeof fromEnv = (init) => fromEnv(init);
