import { Logger } from '@aws-lambda-powertools/logger';
import { AUTHORIZER_DENIAL_REASONS, METRICS_NAMESPACE, metricDimensionNames, type AuthorizerDenialReason } from '@cruddur/shared/metrics';
import { emfLineAvatarMetrics } from '@cruddur/shared/observability';
import { authorizerEvent, lambdaContext } from '@cruddur/shared/lambda-events';
import { captureEmf, type EmfCapture, forgeToken, startJwksServer, type ForgedTokenKind, type JwksServer } from '@cruddur/testing/fixtures';
import { createAccessTokenVerifier, createAuthorizerHandler } from '../../src';
import { VerifierConfigError } from '../../src/errors';
import { type AuthorizerHandlerDeps } from '../../src/authorizer-handler';
import { withBearer } from '../helpers/authorizer';

const logger = new Logger({ serviceName: 'authorizer', logLevel: 'SILENT' });
let server: JwksServer;
let emf: EmfCapture;
let handler: ReturnType<typeof createAuthorizerHandler>;

function handlerWith(verifier: AuthorizerHandlerDeps['verifier']) {
  // What authorizerDepsFromEnv builds, with this test's verifier.
  return createAuthorizerHandler({ verifier, logger, metrics: emfLineAvatarMetrics({ logger }) });
}

beforeAll(async () => {
  server = await startJwksServer();
});
afterAll(() => server.close());
beforeEach(() => {
  emf = captureEmf();
  handler = handlerWith(createAccessTokenVerifier({ kind: 'issuer', issuer: server.issuer, jwksUri: server.jwksUri, clientId: server.clientId }));
});
afterEach(() => emf.restore());

/** Asserts the invocation wrote exactly one AuthorizerDenials data point, under `reason`. */
function expectOneDenial(reason: AuthorizerDenialReason) {
  const [doc, ...more] = emf.documents();
  expect(more).toEqual([]);
  expect(doc?._aws.CloudWatchMetrics).toEqual([
    { Namespace: METRICS_NAMESPACE, Dimensions: [metricDimensionNames('authorizerDenials')], Metrics: [{ Name: 'AuthorizerDenials', Unit: 'Count' }] },
  ]);
  expect(doc).toMatchObject({ service: 'authorizer', reason, AuthorizerDenials: 1 });
}

const HEADER_CASES = [
  ['no Authorization header', 'missing-token', {}],
  ['Basic credentials', 'malformed-token', { authorization: 'Basic xyz' }],
  ['two tokens', 'malformed-token', { authorization: 'Bearer a b' }],
  ['a non-JWT token', 'malformed-token', { authorization: 'Bearer not-a-jwt' }],
] as const;

const FORGED_CASES: ReadonlyArray<readonly [ForgedTokenKind, AuthorizerDenialReason]> = [
  ['expired', 'expired-token'],
  ['alg-none', 'malformed-token'],
  ['tampered-payload', 'invalid-token'],
  ['wrong-issuer', 'invalid-token'],
  ['wrong-client', 'invalid-token'],
  ['id-token', 'invalid-token'],
  ['unknown-kid', 'invalid-token'],
];

/** The reason of the two server-side failures below (a broken configuration, an unreachable JWKS). */
const SERVER_ERROR: AuthorizerDenialReason = 'server-error';

describe('authorizer metrics (EMF on stdout)', () => {
  it('writes nothing for an allowed request', async () => {
    await expect(handler(withBearer(server.signAccessToken()), lambdaContext())).resolves.toMatchObject({ isAuthorized: true });
    expect(emf.documents()).toEqual([]);
  });

  it.each(HEADER_CASES)('counts a denial for %s as %s', async (_, reason, headers) => {
    await expect(handler(authorizerEvent({ headers }), lambdaContext())).resolves.toEqual({ isAuthorized: false });
    expectOneDenial(reason);
  });

  it.each(FORGED_CASES)('counts a denial for the forged token %s as %s', async (kind, reason) => {
    await expect(handler(withBearer(forgeToken(server, kind)), lambdaContext())).resolves.toEqual({ isAuthorized: false });
    expectOneDenial(reason);
  });

  it('counts a broken configuration as server-error', async () => {
    const broken = handlerWith(new VerifierConfigError('access token verifier: missing COGNITO_CLIENT_ID'));
    await expect(broken(withBearer('a.b.c'), lambdaContext())).resolves.toEqual({ isAuthorized: false });
    expectOneDenial(SERVER_ERROR);
  });

  it('counts an unreachable JWKS as server-error', async () => {
    const down = await startJwksServer();
    const verifier = createAccessTokenVerifier({ kind: 'issuer', issuer: down.issuer, jwksUri: down.jwksUri, clientId: down.clientId });
    const token = down.signAccessToken();
    await down.close();
    await expect(handlerWith(verifier)(withBearer(token), lambdaContext())).resolves.toEqual({ isAuthorized: false });
    expectOneDenial(SERVER_ERROR);
  });

  it('still denies, and does not throw, when the metric cannot be written', async () => {
    const warn = jest.spyOn(logger, 'warn');
    const failing = createAuthorizerHandler({
      verifier: createAccessTokenVerifier({ kind: 'issuer', issuer: server.issuer, jwksUri: server.jwksUri, clientId: server.clientId }),
      logger,
      metrics: emfLineAvatarMetrics({ logger, write: () => { throw new Error('EPIPE'); } }),
    });
    await expect(failing(authorizerEvent({ headers: {} }), lambdaContext())).resolves.toEqual({ isAuthorized: false });
    expect(warn).toHaveBeenCalledWith('metric not written', expect.objectContaining({ metric: 'AuthorizerDenials' }));
  });

  it('has a case above for every reason on the shared list', () => {
    // From the case tables, not from what the tests saw: a run of some tests only (Stryker runs the
    // ones that reach a mutant) must not fail here, and an assertion in afterAll made every such
    // run an error instead of a result.
    const covered = new Set<string>([...HEADER_CASES.map(([, reason]) => reason), ...FORGED_CASES.map(([, reason]) => reason), SERVER_ERROR]);
    expect([...covered].sort()).toEqual([...AUTHORIZER_DENIAL_REASONS].sort());
  });
});
