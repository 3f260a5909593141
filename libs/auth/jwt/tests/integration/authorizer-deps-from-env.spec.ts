// What the deployed authorizer is built from: its environment, as infra sets it (or forgets to).
import { authorizerEvent, lambdaContext } from '@cruddur/shared/lambda-events';
import { startJwksServer, type JwksServer } from '@cruddur/testing/fixtures';
import { authorizerDepsFromEnv, createAuthorizerHandler } from '../../src';
import { VerifierConfigError } from '../../src/errors';
import { withBearer } from '../helpers/authorizer';

interface LogLine {
  level?: string;
  message?: string;
  service?: string;
  reason?: string;
  _aws?: unknown;
  AuthorizerDenials?: number;
}

/**
 * Every JSON line the function writes (powertools log lines: warnings and errors on stderr; EMF
 * documents on stdout), kept out of the test output.
 */
function captureOutput(): { lines: () => LogLine[]; restore: () => void } {
  const written: string[] = [];
  const streams = [process.stdout, process.stderr];
  const originals = streams.map((stream) => stream.write);
  for (const stream of streams) {
    stream.write = function (chunk: unknown, ...rest: unknown[]) {
      written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      rest.find((arg): arg is () => void => typeof arg === 'function')?.();
      return true;
    } as typeof stream.write;
  }
  return {
    lines: () =>
      written
        .join('')
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as LogLine),
    restore: () => {
      streams.forEach((stream, i) => {
        stream.write = originals[i] as typeof stream.write;
      });
    },
  };
}

describe('authorizerDepsFromEnv', () => {
  let server: JwksServer;
  let output: ReturnType<typeof captureOutput>;

  beforeAll(async () => {
    server = await startJwksServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    output = captureOutput();
  });
  afterEach(() => output.restore());

  const goodEnv = () => ({ JWT_ISSUER: server.issuer, JWT_JWKS_URI: server.jwksUri, COGNITO_CLIENT_ID: server.clientId });

  it('builds an authorizer that lets a valid token through from a good environment', async () => {
    const handler = createAuthorizerHandler(authorizerDepsFromEnv(goodEnv()));

    await expect(handler(withBearer(server.signAccessToken({ sub: 'user-5', username: 'eve' })), lambdaContext())).resolves.toEqual({
      isAuthorized: true,
      context: { sub: 'user-5', username: 'eve' },
    });
  });

  it('logs a denial under the service "authorizer" and counts it, when no service name is set', async () => {
    const handler = createAuthorizerHandler(authorizerDepsFromEnv(goodEnv()));

    await expect(handler(authorizerEvent({ headers: {} }), lambdaContext())).resolves.toEqual({ isAuthorized: false });

    const lines = output.lines();
    expect(lines).toContainEqual(expect.objectContaining({ level: 'WARN', message: 'request denied', service: 'authorizer', reason: 'missing Authorization header' }));
    expect(lines).toContainEqual(expect.objectContaining({ _aws: expect.anything(), reason: 'missing-token', AuthorizerDenials: 1 }));
  });

  it('logs under POWERTOOLS_SERVICE_NAME when the environment sets it', async () => {
    const handler = createAuthorizerHandler(authorizerDepsFromEnv({ ...goodEnv(), POWERTOOLS_SERVICE_NAME: 'avatars-authorizer' }));

    await handler(authorizerEvent({ headers: {} }), lambdaContext());

    expect(output.lines()).toContainEqual(expect.objectContaining({ message: 'request denied', service: 'avatars-authorizer' }));
  });

  it('writes no metric when the environment turns metrics off', async () => {
    const handler = createAuthorizerHandler(authorizerDepsFromEnv({ ...goodEnv(), POWERTOOLS_METRICS_DISABLED: 'true' }));

    await expect(handler(authorizerEvent({ headers: {} }), lambdaContext())).resolves.toEqual({ isAuthorized: false });

    const lines = output.lines();
    expect(lines).toContainEqual(expect.objectContaining({ message: 'request denied' }));
    expect(lines.filter((line) => line._aws !== undefined)).toEqual([]);
  });

  it('keeps a broken environment’s error rather than throwing: every request is denied, the error logged and counted', async () => {
    const deps = authorizerDepsFromEnv({ JWT_ISSUER: server.issuer });
    expect(deps.verifier).toBeInstanceOf(VerifierConfigError);
    const handler = createAuthorizerHandler(deps);

    await expect(handler(withBearer(server.signAccessToken()), lambdaContext())).resolves.toEqual({ isAuthorized: false });

    const lines = output.lines();
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'ERROR',
        message: 'request denied',
        service: 'authorizer',
        reason: 'access token verifier: missing JWT_JWKS_URI, COGNITO_CLIENT_ID',
      }),
    );
    expect(lines).toContainEqual(expect.objectContaining({ _aws: expect.anything(), reason: 'server-error', AuthorizerDenials: 1 }));
  });
});
