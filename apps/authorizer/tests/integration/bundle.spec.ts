import { Logger } from '@aws-lambda-powertools/logger';
import { createAccessTokenVerifierFromEnv, createAuthorizerHandler } from '@cruddur/auth/jwt';
import { authorizerEvent, lambdaContext } from '@cruddur/shared/lambda-events';
import { appUserBuildOptions, bundleApp, FORGED_TOKEN_KINDS, accessTokenClaims, forgeToken, signJwt, startJwksServer, type JwksServer } from '@cruddur/testing/fixtures';
import { build, type Metafile } from 'esbuild';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const root = path.resolve(__dirname, '../../../..');

/** A valid access token whose payload is the claims JSON with `hostile` members spliced in as written. */
function signWithHostileClaims(server: JwksServer, claims: Record<string, unknown>, hostile: string): string {
  const payload = JSON.stringify(accessTokenClaims(server, claims)).replace(/}$/, `,${hostile}}`);
  return signJwt({ kid: server.kid }, payload, { alg: 'RS256', key: server.privateKey });
}

/** Runs the bundle's `handler` in a fresh `node`, as Lambda would, on each event in turn. */
async function runBundle(bundle: string, env: Record<string, string>, events: unknown[]): Promise<unknown[]> {
  const script = `
    const { handler } = require(${JSON.stringify(bundle)});
    const events = JSON.parse(process.argv[1]);
    const context = { functionName: 'authorizer', awsRequestId: 'r', getRemainingTimeInMillis: () => 3000 };
    (async () => {
      const results = [];
      for (const event of events) results.push(await handler(event, context));
      process.stdout.write('@@results ' + JSON.stringify(results) + '\\n');
    })();`;
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', script, JSON.stringify(events)], {
    env: { PATH: process.env['PATH'], POWERTOOLS_LOG_LEVEL: 'ERROR', ...env },
  });
  const line = stdout.split('\n').find((l) => l.startsWith('@@results '));
  if (!line) throw new Error(`the bundle printed no results:\n${stdout}`);
  return JSON.parse(line.slice('@@results '.length)) as unknown[];
}

describe('authorizer bundle (built here with the options nx builds it with)', () => {
  let dir: string;
  let bundle: string;
  let metafile: Metafile;
  let server: JwksServer;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'authorizer-bundle-'));
    bundle = path.join(dir, 'index.js');
    const built = await bundleApp('authorizer');
    writeFileSync(bundle, built.js);
    metafile = built.metafile;
    server = await startJwksServer();
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("bundles aws-jwt-verify as published, its own safe JSON parse included", () => {
    const inputs = Object.keys(metafile.inputs);
    expect(inputs.some((input) => input.includes('aws-jwt-verify') && input.endsWith('safe-json-parse.js'))).toBe(true);
    expect(inputs.some((input) => input.includes('aws-jwt-verify') && input.endsWith('jwt.js'))).toBe(true);
    expect(inputs.filter((input) => input.startsWith('libs/') && input.includes('json-parse'))).toEqual([]);
  });

  it('decides every token exactly as the handler built from source does, forged and hostile ones included', async () => {
    const env = { JWT_ISSUER: server.issuer, JWT_JWKS_URI: server.jwksUri, COGNITO_CLIENT_ID: server.clientId };
    const protoClaims = JSON.parse('{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}') as Record<string, never>;
    const tokens = [
      server.signAccessToken({ sub: 'user-1', username: 'alice' }),
      server.signAccessToken({ sub: 'user-2', username: 'bob', ...protoClaims }),
      // The same hostile keys spelled with \u escapes, which only the reviver can see as such.
      signWithHostileClaims(
        server,
        { sub: 'user-3', username: 'carol' },
        '"\\u005f_proto__":{"isAdmin":true},"\\u0063onstructor":{"prototype":{"x":1}}',
      ),
      ...FORGED_TOKEN_KINDS.map((kind) => forgeToken(server, kind)),
    ];
    const events = [
      ...tokens.map((token) => authorizerEvent({ headers: { authorization: `Bearer ${token}` } })),
      authorizerEvent({ headers: {} }),
      authorizerEvent({ headers: { authorization: 'Basic dXNlcjpwYXNz' } }),
    ];

    const fromSource = createAuthorizerHandler({
      verifier: createAccessTokenVerifierFromEnv(env),
      logger: new Logger({ serviceName: 'authorizer-test', logLevel: 'SILENT' }),
    });
    const expected: unknown[] = [];
    for (const event of events) expected.push(await fromSource(event, lambdaContext()));

    const results = await runBundle(bundle, env, events);
    expect(results).toEqual(expected);
    expect(results.slice(0, 3)).toEqual([
      { isAuthorized: true, context: { sub: 'user-1', username: 'alice' } },
      { isAuthorized: true, context: { sub: 'user-2', username: 'bob' } },
      { isAuthorized: true, context: { sub: 'user-3', username: 'carol' } },
    ]);
    expect(results.slice(3, 3 + FORGED_TOKEN_KINDS.length)).toEqual(FORGED_TOKEN_KINDS.map(() => ({ isAuthorized: false })));
  });

  it("keeps aws-jwt-verify's guard: a bundled parser leaves no own __proto__ or constructor key in a token", async () => {
    const decomposer = path.join(dir, 'decompose.js');
    await build({
      ...appUserBuildOptions('authorizer'),
      stdin: { contents: "export { decomposeUnverifiedJwt } from 'aws-jwt-verify/jwt';", resolveDir: root, loader: 'ts' },
      outfile: decomposer,
      bundle: true,
      format: 'cjs',
      platform: 'node',
      logLevel: 'silent',
    });
    const tokens = [
      '"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}},"nested":{"__proto__":{"y":1}}',
      '"\\u005f_proto__":{"isAdmin":true},"\\u0063onstructor":{"x":1},"nested":[{"__pro\\u0074o__":{"y":1}}]',
    ].map((hostile) => signWithHostileClaims(server, { sub: 'user-9' }, hostile));
    const script = `
      const { decomposeUnverifiedJwt } = require(${JSON.stringify(decomposer)});
      const keys = (v) => Array.isArray(v) ? v.flatMap(keys)
        : v && typeof v === 'object' ? Object.getOwnPropertyNames(v).flatMap((k) => [k, ...keys(v[k])]) : [];
      const tokens = JSON.parse(process.argv[1]);
      process.stdout.write(JSON.stringify(tokens.map((t) => keys(decomposeUnverifiedJwt(t).payload))));`;
    const { stdout } = await promisify(execFile)(process.execPath, [
      '-e',
      script,
      JSON.stringify(tokens),
    ]);
    const ownKeys = JSON.parse(stdout) as string[][];
    expect(ownKeys).toHaveLength(2);
    for (const keys of ownKeys) {
      expect(keys).toEqual(expect.arrayContaining(['sub', 'nested']));
      expect(keys).not.toContain('__proto__');
      expect(keys).not.toContain('constructor');
    }
  });
});
