import { mkdirSync } from 'node:fs';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
// cognito-local's building blocks, composed here instead of its createDefaultServer: that one
// reads its data folder and issuer from fixed places and loads the AWS SDK v2 for Lambda triggers.
import { CognitoError, UnsupportedError } from 'cognito-local/lib/errors';
import publicKey from 'cognito-local/lib/keys/cognitoLocal.public.json';
import { DefaultConfig } from 'cognito-local/lib/server/config';
import { Router } from 'cognito-local/lib/server/Router';
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
import { BodyLimitExceeded, headerValue, readBody } from '@cruddur/local-http-body';

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
  log: (line: string) => void;
}

const JSON_1_1 = 'application/x-amz-json-1.1';
// A failed sign-in: cognito-local names the cause, Cognito (PreventUserExistenceErrors, the default of new clients) never does.
const SIGN_IN_TARGETS = new Set(['InitiateAuth', 'AdminInitiateAuth']);
const SIGN_IN_FAILURES = new Set(['InvalidPasswordException', 'UserNotFoundException', 'NotAuthorizedException']);
const MAX_REQUEST_BYTES = 1024 * 1024;

type LogArgs = [unknown, ...unknown[]];

/** cognito-local logs through pino; only what a developer must see (codes it "sends") reaches the stack's log. */
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
    warn: (...args: LogArgs) => log(`cognito: ${text(args)}`),
    error: (...args: LogArgs) => log(`cognito: ${text(args)}`),
  };
  return service as unknown as LogService;
}

/** Dates as Cognito's JSON protocol writes them: seconds since the epoch. */
function epochSecondsReplacer(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const raw = this[key];
  return raw instanceof Date ? Math.floor(raw.getTime() / 1000) : value;
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body, epochSecondsReplacer);
  response.writeHead(status, {
    'Content-Type': status === 200 ? JSON_1_1 : 'application/json',
    'Content-Length': String(Buffer.byteLength(text)),
    'x-amzn-RequestId': randomUUID(),
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Expose-Headers': 'x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date',
    ...headers,
  });
  response.end(text);
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

/**
 * cognito-local as a request listener, storing under `directory`: the Cognito JSON API
 * (`X-Amz-Target: AWSCognitoIdentityProviderService.*`), each pool's JWKS at
 * `/<poolId>/.well-known/jwks.json`, and CORS for any origin, as Cognito allows browsers.
 * Tokens carry `iss` = `<endpoint>/<poolId>`.
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
  const router = Router(await buildServices(options.directory, endpoint, logger));

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (request.method === 'OPTIONS') {
      response.writeHead(204, {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Methods': 'GET,HEAD,PUT,PATCH,POST,DELETE',
        'Access-Control-Allow-Headers': headerValue(request, 'access-control-request-headers') ?? '',
        'Access-Control-Max-Age': '600',
        Vary: 'Access-Control-Request-Headers',
        'Content-Length': '0',
      });
      response.end();
      return;
    }
    const wellKnown = /^\/([^/]+)\/\.well-known\/(jwks\.json|openid-configuration)$/.exec(path);
    if (request.method === 'GET' && wellKnown) {
      const [, poolId = '', document] = wellKnown;
      if (document === 'jwks.json') return send(response, 200, { keys: [publicKey.jwk] }, { 'Content-Type': 'application/json' });
      return send(
        response,
        200,
        { issuer: issuer(poolId), jwks_uri: jwksUri(poolId), id_token_signing_alg_values_supported: ['RS256'] },
        { 'Content-Type': 'application/json' },
      );
    }
    if (request.method === 'GET' && path === '/health') return send(response, 200, { ok: true }, { 'Content-Type': 'application/json' });
    if (request.method !== 'POST' || path !== '/') return send(response, 404, { message: 'Not Found' });

    const target = headerValue(request, 'x-amz-target')?.split('.')[1];
    if (!target) return send(response, 400, { message: 'Missing x-amz-target header' });
    let body: unknown;
    try {
      const text = (await readBody(request, MAX_REQUEST_BYTES)).toString('utf8');
      body = text === '' ? {} : JSON.parse(text);
    } catch (error) {
      const message = error instanceof BodyLimitExceeded ? 'Request too large' : 'Request body is not valid JSON';
      return send(response, 400, { __type: 'SerializationException', message }, { 'x-amzn-ErrorType': 'SerializationException' });
    }
    try {
      const output = await router(target)({ logger }, body);
      send(response, 200, output);
    } catch (error) {
      if (error instanceof CognitoError) {
        if (SIGN_IN_TARGETS.has(target) && SIGN_IN_FAILURES.has(error.code)) {
          const type = 'NotAuthorizedException';
          return send(response, 400, { __type: type, message: 'Incorrect username or password.' }, { 'x-amzn-ErrorType': type });
        }
        return send(response, 400, { __type: error.code, message: error.message }, { 'x-amzn-ErrorType': error.code });
      }
      if (error instanceof UnsupportedError) {
        options.log(`cognito: unsupported by cognito-local: ${error.message}`);
        return send(response, 500, { __type: 'CognitoLocal#Unsupported', message: `Cognito Local unsupported feature: ${error.message}` });
      }
      options.log(`cognito: ${target} failed: ${String(error)}`);
      send(response, 500, { __type: 'InternalErrorException', message: 'Internal error' }, { 'x-amzn-ErrorType': 'InternalErrorException' });
    }
  };

  return { endpoint, handle: (request, response) => void handle(request, response), issuer, jwksUri };
}
