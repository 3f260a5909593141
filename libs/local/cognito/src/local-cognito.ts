import { createPublicKey, verify as verifySignature } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { RequestListener, ServerResponse } from 'node:http';
// cognito-local's public entry points are its two server factories. createDefaultServer builds its
// services only from `.cognito/` under the working directory, with AWS SDK v2 Lambda and KMS
// clients, so the services are built here from its building blocks (none is exported). createServer
// serves them; it is taken from its module because the package's main also loads the AWS SDK v2
// (0.4 s more at every start, and an end-of-support notice on stderr).
import { NotAuthorizedError } from 'cognito-local/lib/errors';
import cognitoLocalKey from 'cognito-local/lib/keys/cognitoLocal.public.json';
import { DefaultConfig } from 'cognito-local/lib/server/config';
import { Router } from 'cognito-local/lib/server/Router';
import { createServer as createCognitoLocalServer } from 'cognito-local/lib/server/server';
import { DateClock, LambdaService, MessagesService, TriggersService, type Services } from 'cognito-local/lib/services';
import { CognitoServiceFactoryImpl } from 'cognito-local/lib/services/cognitoService';
import type { CryptoService } from 'cognito-local/lib/services/crypto';
import { StormDBDataStoreFactory } from 'cognito-local/lib/services/dataStore/stormDb';
import type { LogService } from 'cognito-local/lib/services/LogService';
import { ConsoleMessageSender } from 'cognito-local/lib/services/messageDelivery/consoleMessageSender';
import { MessageDeliveryService } from 'cognito-local/lib/services/messageDelivery/messageDelivery';
import { otp } from 'cognito-local/lib/services/otp';
import { JwtTokenGenerator } from 'cognito-local/lib/services/tokenGenerator';
import { UserPoolServiceFactoryImpl } from 'cognito-local/lib/services/userPoolService';

export interface LocalCognito {
  /** What the Cognito SDK (or `fetch`) is pointed at: `http://127.0.0.1:<port>`. */
  endpoint: string;
  /** Serves the Cognito API on the server listening at `endpoint`. */
  handle: RequestListener;
  /** The `iss` of the tokens of a pool, as cognito-local writes it. */
  issuer(userPoolId: string): string;
  jwksUri(userPoolId: string): string;
}

export interface LocalCognitoOptions {
  /** Where cognito-local keeps its pools, clients and users (JSON files). */
  directory: string;
  /** Where the caller's server listens: the tokens' issuer is under it. */
  endpoint: string;
  /**
   * What else signs a user in besides the username, as a pool's `AliasAttributes` (infra's
   * `signInAliases`); default `['email']`, as the deployed pool. Usernames match case-insensitively
   * too, as with `signInCaseSensitive: false`.
   */
  signInAliases?: readonly SignInAlias[];
  log: (line: string) => void;
}

/** A sign-in alias cognito-local knows how to look up. */
type SignInAlias = 'email';

// A failed sign-in: cognito-local names the cause, Cognito (PreventUserExistenceErrors, the default of new clients) never does.
const SIGN_IN_TARGETS = new Set(['InitiateAuth', 'AdminInitiateAuth']);
const SIGN_IN_FAILURES = new Set(['InvalidPasswordException', 'UserNotFoundException', 'NotAuthorizedException']);
const OPENID_CONFIGURATION = /^\/([^/]+)\/\.well-known\/openid-configuration$/;

type LogArgs = [unknown, ...unknown[]];
type CognitoLocalRouter = ReturnType<typeof Router>;

/**
 * cognito-local logs through pino; only what a developer must see reaches the stack's log: the
 * codes it "sends", and failures other than a refused request (which the caller already sees).
 */
function stackLogService(log: (line: string) => void): LogService {
  const text = (args: LogArgs) => {
    const [first, second] = args;
    return typeof first === 'string' ? first : typeof second === 'string' ? second : '';
  };
  const service = {
    child: () => service,
    debug: () => undefined,
    info: (...args: LogArgs) => {
      const message = text(args);
      if (message.includes('Code')) log(`cognito: ${message}`);
    },
    warn: () => undefined,
    error: (...args: LogArgs) => log(`cognito: ${text(args)}`),
  };
  return service as unknown as LogService;
}

/** Answers failed sign-ins as Cognito does, whatever cognito-local found wrong. */
function withCognitoSignInErrors(router: CognitoLocalRouter): CognitoLocalRouter {
  return (target) => {
    const route = router(target);
    if (!SIGN_IN_TARGETS.has(target)) return route;
    return async (ctx, request) => {
      try {
        return await route(ctx, request);
      } catch (error) {
        const code = (error as { code?: unknown } | null)?.code;
        if (typeof code === 'string' && SIGN_IN_FAILURES.has(code)) {
          // Rewritten in place: cognito-local answers with its own error classes only.
          throw Object.assign(error as Error, { code: 'NotAuthorizedException', message: 'Incorrect username or password.' });
        }
        throw error;
      }
    };
  };
}

type UserPool = Awaited<ReturnType<Services['cognito']['getUserPool']>>;
type PoolUser = NonNullable<Awaited<ReturnType<UserPool['getUserByUsername']>>>;
type CognitoContext = Parameters<UserPool['getUserByUsername']>[0];

function attribute(user: PoolUser, name: string): string | undefined {
  return user.Attributes.find((a) => a.Name === name)?.Value;
}

/** The user a sign-in name stands for when it is not a username: another case of one, or a verified e-mail. */
async function aliasedUser(ctx: CognitoContext, pool: UserPool, name: string, aliases: readonly SignInAlias[]): Promise<PoolUser | undefined> {
  const users = await pool.listUsers(ctx);
  if (users.some((user) => user.Username === name)) return undefined;
  const lower = name.toLowerCase();
  const byUsername = users.find((user) => user.Username.toLowerCase() === lower);
  if (byUsername) return byUsername;
  // Cognito signs in with an e-mail alias only once the address is verified.
  if (aliases.includes('email') && name.includes('@')) {
    return users.find((user) => attribute(user, 'email')?.toLowerCase() === lower && attribute(user, 'email_verified') === 'true');
  }
  return undefined;
}

/**
 * Signs in with an alias as Cognito does (cognito-local knows `UsernameAttributes` only, not
 * `AliasAttributes`): the request goes on with the user's username, so the tokens name the user.
 */
function withSignInAliases(router: CognitoLocalRouter, services: Services, aliases: readonly SignInAlias[]): CognitoLocalRouter {
  return (target) => {
    const route = router(target);
    if (!SIGN_IN_TARGETS.has(target)) return route;
    return async (ctx, request: { ClientId?: unknown; UserPoolId?: unknown; AuthParameters?: Record<string, unknown> } | null) => {
      const name = request?.AuthParameters?.['USERNAME'];
      if (typeof name !== 'string' || name === '') return route(ctx, request);
      let user: PoolUser | undefined;
      try {
        const pool =
          target === 'AdminInitiateAuth'
            ? await services.cognito.getUserPool(ctx, String(request?.UserPoolId))
            : await services.cognito.getUserPoolForClientId(ctx, String(request?.ClientId));
        user = await aliasedUser(ctx, pool, name, aliases);
      } catch {
        // An unknown pool or client: the route itself answers that, as Cognito would.
      }
      return route(ctx, user ? { ...request, AuthParameters: { ...request?.AuthParameters, USERNAME: user.Username } } : request);
    };
  };
}

// cognito-local signs every token with this one key (the JWKS it serves).
const TOKEN_KEY = createPublicKey({ key: cognitoLocalKey.jwk, format: 'jwk' });

/** The claims of an access token cognito-local signed and that has not expired, else Cognito's refusal. */
function verifiedAccessTokenClaims(token: unknown, nowSeconds: number): Record<string, unknown> {
  const invalid = () => new NotAuthorizedError('Invalid Access Token');
  const [header, payload, signature] = typeof token === 'string' ? token.split('.') : [];
  if (!header || !payload || !signature) throw invalid();
  let claims: Record<string, unknown>;
  try {
    const alg = (JSON.parse(Buffer.from(header, 'base64url').toString()) as { alg?: unknown }).alg;
    if (alg !== 'RS256' || !verifySignature('RSA-SHA256', Buffer.from(`${header}.${payload}`), TOKEN_KEY, Buffer.from(signature, 'base64url'))) throw invalid();
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  } catch {
    throw invalid();
  }
  if (claims['token_use'] !== 'access') throw invalid();
  if (typeof claims['exp'] !== 'number' || claims['exp'] <= nowSeconds) throw new NotAuthorizedError('Access Token has expired');
  return claims;
}

/**
 * `GlobalSignOut`, which cognito-local lacks (it answers 500): for a valid access token, every
 * refresh token of its user is revoked, as Cognito does. (Access tokens already issued stay valid
 * to the JWT authorizer until they expire, in AWS as here.)
 */
function withGlobalSignOut(router: CognitoLocalRouter, services: Services): CognitoLocalRouter {
  return (target) => {
    if (target !== 'GlobalSignOut') return router(target);
    return async (ctx, request: { AccessToken?: unknown } | null) => {
      const claims = verifiedAccessTokenClaims(request?.AccessToken, services.clock.get().getTime() / 1000);
      const pool = await services.cognito.getUserPoolForClientId(ctx, String(claims['client_id']));
      const user = await pool.getUserByUsername(ctx, String(claims['sub']));
      if (!user) throw new NotAuthorizedError('Invalid Access Token');
      await pool.saveUser(ctx, { ...user, RefreshTokens: [] });
      return {};
    };
  };
}

async function buildServices(directory: string, issuerDomain: string, logger: LogService): Promise<Services> {
  const ctx = { logger };
  const clock = new DateClock();
  const dataStoreFactory = new StormDBDataStoreFactory(directory);
  const cognito = await new CognitoServiceFactoryImpl(
    directory,
    dataStoreFactory,
    new UserPoolServiceFactoryImpl(clock, dataStoreFactory),
  ).create(ctx, {});
  // No Lambda triggers are configured, so neither the Lambda client nor KMS is ever called.
  const noLambda = new LambdaService({}, undefined as never);
  const noKms = {} as CryptoService;
  const triggers = new TriggersService(clock, cognito, noLambda, noKms);
  return {
    clock,
    cognito,
    config: { ...DefaultConfig, UserPoolDefaults: {}, TokenConfig: { IssuerDomain: issuerDomain } },
    messages: new MessagesService(triggers, new MessageDeliveryService(new ConsoleMessageSender())),
    otp,
    tokenGenerator: new JwtTokenGenerator(clock, triggers, { IssuerDomain: issuerDomain }),
    triggers,
  };
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)), 'Access-Control-Allow-Origin': '*', ...headers });
  response.end(text);
}

/** An unreadable request gets Cognito's short JSON answer, not Express's HTML page with a stack trace. */
function requestError(log: (line: string) => void) {
  return (error: { type?: unknown; status?: unknown } | null, _request: unknown, response: ServerResponse, next: (error: unknown) => void): void => {
    if (response.headersSent) return next(error);
    if (typeof error?.status === 'number' && error.status < 500) {
      const message = error.type === 'entity.too.large' ? 'Request too large' : 'Request body is not valid JSON';
      return sendJson(response, 400, { __type: 'SerializationException', message }, { 'x-amzn-ErrorType': 'SerializationException' });
    }
    log(`cognito: request failed: ${String(error)}`);
    sendJson(response, 500, { __type: 'InternalErrorException', message: 'Internal error' }, { 'x-amzn-ErrorType': 'InternalErrorException' });
  };
}

/**
 * cognito-local as a request listener, storing under `directory`: the Cognito JSON API
 * (`X-Amz-Target: AWSCognitoIdentityProviderService.*`) with failed sign-ins answered as Cognito
 * does, sign-in by verified e-mail (an alias) and case-insensitive usernames as the deployed pool,
 * `GlobalSignOut` (which cognito-local lacks),
 * each pool's JWKS at `/<poolId>/.well-known/jwks.json` and OpenID configuration, and CORS
 * for any origin, as Cognito allows browsers. Tokens carry `iss` = `<endpoint>/<poolId>`.
 *
 * @example
 * const cognito = await createLocalCognito({ directory: '.local/cognito', endpoint: 'http://127.0.0.1:9229', log });
 * server.on('request', cognito.handle);
 */
export async function createLocalCognito(options: LocalCognitoOptions): Promise<LocalCognito> {
  mkdirSync(options.directory, { recursive: true });
  const logger = stackLogService(options.log);
  const endpoint = options.endpoint;
  const issuer = (userPoolId: string) => `${endpoint}/${userPoolId}`;
  const jwksUri = (userPoolId: string) => `${endpoint}/${userPoolId}/.well-known/jwks.json`;
  const services = await buildServices(options.directory, endpoint, logger);
  // Without `services`, createServer mounts no OAuth2 endpoints: the stack signs in with the JSON API only.
  const router = withGlobalSignOut(withCognitoSignInErrors(withSignInAliases(Router(services), services, options.signInAliases ?? ['email'])), services);
  const { application } = createCognitoLocalServer(router, logger as never, { development: false });
  // Express runs error middleware added after the routes: the server's `application` is an Express app.
  (application as { use(handler: ReturnType<typeof requestError>): void }).use(requestError(options.log));
  const app = application as RequestListener;

  const handle: RequestListener = (request, response) => {
    // cognito-local's own answer names localhost:9229, whatever the port.
    const openId = request.method === 'GET' ? OPENID_CONFIGURATION.exec((request.url ?? '/').split('?')[0] ?? '/') : null;
    if (openId) {
      const poolId = openId[1] ?? '';
      return sendJson(response, 200, { issuer: issuer(poolId), jwks_uri: jwksUri(poolId), id_token_signing_alg_values_supported: ['RS256'] });
    }
    app(request, response);
  };
  return { endpoint, handle, issuer, jwksUri };
}
