import { LogLevelThreshold, Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { CallerIdentity } from '@cruddur/shared/contract';
import { type AvatarMetrics, emfLineAvatarMetrics } from '@cruddur/shared/observability';
import middy from '@middy/core';
import type {
  APIGatewayRequestAuthorizerEventV2,
  APIGatewaySimpleAuthorizerResult,
  APIGatewaySimpleAuthorizerWithContextResult,
} from 'aws-lambda';
import type { AccessTokenVerifier } from './access-token-verifier';
import { authorize, createAccessTokenVerifierFromEnv } from './authorize';
import { denialReason } from './denial-reason';
import type { VerifierConfigError } from './errors';

/** What the routes behind the authorizer find in `requestContext.authorizer.lambda`: the contract's caller identity. */
type AuthorizerContext = CallerIdentity;

export type AuthorizerResult =
  | APIGatewaySimpleAuthorizerWithContextResult<AuthorizerContext>
  | (APIGatewaySimpleAuthorizerResult & { isAuthorized: false });

export interface AuthorizerHandlerDeps {
  /** The verifier, or why it could not be built: then every request is denied and the error logged. */
  verifier: AccessTokenVerifier | VerifierConfigError;
  logger: Logger;
  /** `AuthorizerDenials` by reason; nothing is written for an allowed request. */
  metrics?: AvatarMetrics<'authorizer'>;
}

/**
 * What the authorizer runs on in Lambda, from its environment (see `AUTHORIZER_ENV`). Built once
 * per container, so the JWKS is fetched once; a broken config is kept, not thrown at init.
 *
 * @example
 * export const handler = createAuthorizerHandler(authorizerDepsFromEnv(process.env));
 */
export function authorizerDepsFromEnv(env: NodeJS.ProcessEnv): AuthorizerHandlerDeps {
  const logger = new Logger({ serviceName: env['POWERTOOLS_SERVICE_NAME'] || 'authorizer' });
  // No powertools Tracer or Metrics here: the X-Ray SDK alone is twice the bundle budget and slows
  // every promise; Lambda's active tracing still records each invocation.
  return { verifier: createAccessTokenVerifierFromEnv(env), logger, metrics: emfLineAvatarMetrics({ logger, env }) };
}

/**
 * The HTTP API (payload 2.0) Lambda authorizer with simple responses. It never throws: API Gateway
 * would answer 500 instead of 401/403.
 *
 * @example
 * export const handler = createAuthorizerHandler(authorizerDepsFromEnv(process.env));
 */
export function createAuthorizerHandler({ verifier, logger, metrics }: AuthorizerHandlerDeps) {
  // No early-timeout timer: it would cost a tenth of each verification, and the only slow step
  // (the JWKS fetch) has its own timeout, far below the function's.
  return middy<APIGatewayRequestAuthorizerEventV2, AuthorizerResult>({ timeoutEarlyInMillis: 0 })
    .use(injectLambdaContext(logger))
    .handler(async (event) => {
      const decision = await authorize(verifier, event.headers);
      if (decision.allowed) {
        const { sub, username } = decision.token;
        // Checked first: a suppressed debug() still reads the X-Ray trace ID from the environment,
        // a tenth of a warm verification. (With powertools log buffering on, debug lines would be
        // buffered below the level; this logger does not buffer.)
        if (logger.level <= LogLevelThreshold.DEBUG) logger.debug('request authorized', { sub, routeKey: event.routeKey });
        return { isAuthorized: true, context: { sub, username } };
      }
      metrics?.recordReason('authorizerDenials', denialReason(decision));
      // Only the short reason: never the token or the header.
      if (decision.fault === 'server') {
        logger.error('request denied', { reason: decision.reason, routeKey: event.routeKey, error: decision.error });
      } else {
        logger.warn('request denied', { reason: decision.reason, routeKey: event.routeKey });
      }
      return { isAuthorized: false };
    });
}
