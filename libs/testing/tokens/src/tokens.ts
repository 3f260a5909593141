import { createHmac, generateKeyPairSync, randomUUID, sign as rsaSign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A user pool ID in Cognito's format (`<region>_<id>`), so the Cognito verifier accepts it too. */
export const TEST_USER_POOL_ID = 'us-east-1_TestPool1';
export const TEST_CLIENT_ID = 'test-client-0123456789';

export type Claims = Record<string, unknown>;
export type JwtHeaderFields = Record<string, unknown>;

/** A public RSA JWK as Cognito publishes them. A type alias, so it fits JSON-object types. */
export type TestJwk = { kty: string; kid: string; alg: string; use: string; n: string; e: string };
export type TestJwks = { keys: TestJwk[] };

export interface RsaSigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicKeyPem: string;
  jwk: TestJwk;
}

/** How {@link signJwt} signs: RS256 with a private key, HS256 with a secret, or not at all. */
export type SignOptions =
  | { alg: 'RS256'; key: KeyObject }
  | { alg: 'HS256'; secret: string | Buffer }
  | { alg: 'none' };

/**
 * A fresh 2048-bit RSA key pair with its public JWK.
 *
 * @example
 * const attacker = rsaSigningKey(server.kid); // same kid, different key
 */
export function rsaSigningKey(kid: string = randomUUID()): RsaSigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const { n, e } = publicKey.export({ format: 'jwk' });
  return {
    kid,
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    jwk: { kty: 'RSA', kid, alg: 'RS256', use: 'sig', n: n as string, e: e as string },
  };
}

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

/**
 * A compact JWS built from exactly the header and payload given (the header's `alg` defaults to
 * the signing algorithm): the tool to forge tokens a verifier must reject. A string payload is
 * used as written, for JSON that `JSON.stringify` would never produce (e.g. `\u`-escaped keys).
 *
 * @example
 * signJwt({ kid }, claims, { alg: 'HS256', secret: publicKeyPem }); // the classic key-confusion attack
 */
export function signJwt(header: JwtHeaderFields, payload: Claims | string, options: SignOptions): string {
  const payloadText = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const input = `${base64url(JSON.stringify({ alg: options.alg, typ: 'JWT', ...header }))}.${base64url(payloadText)}`;
  switch (options.alg) {
    case 'RS256':
      return `${input}.${base64url(rsaSign('sha256', Buffer.from(input), options.key))}`;
    case 'HS256':
      return `${input}.${base64url(createHmac('sha256', options.secret).update(input).digest())}`;
    case 'none':
      return `${input}.`;
  }
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * The claims of a Cognito access token (as Cognito and cognito-local issue them), valid for an
 * hour. Overrides win; an override of `undefined` removes the claim.
 *
 * @example
 * accessTokenClaims({ issuer, clientId }, { username: 'bob' });
 */
export function accessTokenClaims(
  pool: { issuer: string; clientId: string },
  overrides: Claims = {},
): Claims {
  const now = nowSeconds();
  return {
    sub: 'f3b5a8e2-4c1d-4a6b-9d0e-2a7c1e9b6d40',
    iss: pool.issuer,
    client_id: pool.clientId,
    origin_jti: randomUUID(),
    event_id: randomUUID(),
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin',
    auth_time: now,
    exp: now + 3600,
    iat: now,
    jti: randomUUID(),
    username: 'alice',
    ...overrides,
  };
}

/** The claims of a Cognito ID token: `token_use` `id`, the client in `aud`, no `client_id`. */
export function idTokenClaims(pool: { issuer: string; clientId: string }, overrides: Claims = {}): Claims {
  const now = nowSeconds();
  return {
    sub: 'f3b5a8e2-4c1d-4a6b-9d0e-2a7c1e9b6d40',
    aud: pool.clientId,
    email_verified: true,
    iss: pool.issuer,
    'cognito:username': 'alice',
    origin_jti: randomUUID(),
    event_id: randomUUID(),
    token_use: 'id',
    auth_time: now,
    exp: now + 3600,
    iat: now,
    jti: randomUUID(),
    email: 'alice@example.com',
    ...overrides,
  };
}

export interface JwksServer {
  poolId: string;
  /** `http://127.0.0.1:<port>/<poolId>` (the shape of cognito-local's issuer) unless told otherwise. */
  issuer: string;
  jwksUri: string;
  clientId: string;
  kid: string;
  privateKey: KeyObject;
  publicKeyPem: string;
  /** The JWKS the server serves, to pre-load a verifier's cache. */
  jwks: TestJwks;
  /** How many times the JWKS was requested: proves a verifier caches it. */
  readonly requests: number;
  /** An RS256 access token signed with the server's key; claims and header fields override. */
  signAccessToken(claims?: Claims, header?: JwtHeaderFields): string;
  /** An RS256 ID token signed with the server's key. */
  signIdToken(claims?: Claims, header?: JwtHeaderFields): string;
  /** Anything: header and payload exactly as given, signed as told (default: RS256, server key). */
  sign(header: JwtHeaderFields, payload: Claims, options?: SignOptions): string;
  /** Answer JWKS requests with this status (and no keys) until called with `undefined`. */
  failWith(status: number | undefined): void;
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 (random port) serving a JWKS for a fresh RSA key at
 * `/<poolId>/.well-known/jwks.json`, like cognito-local does. Close it in `afterAll`.
 *
 * @example
 * const server = await startJwksServer();
 * const verifier = createAccessTokenVerifier({ kind: 'issuer', issuer: server.issuer, jwksUri: server.jwksUri, clientId: server.clientId });
 * await verifier.verify(server.signAccessToken());
 */
export async function startJwksServer(
  options: {
    poolId?: string;
    clientId?: string;
    /** The `iss` of the tokens it signs, e.g. a real Cognito issuer for offline tests; default: its own URL. */
    issuer?: string;
  } = {},
): Promise<JwksServer> {
  const poolId = options.poolId ?? TEST_USER_POOL_ID;
  const clientId = options.clientId ?? TEST_CLIENT_ID;
  const key = rsaSigningKey();
  const jwks: TestJwks = { keys: [key.jwk] };
  const jwksPath = `/${poolId}/.well-known/jwks.json`;
  let requests = 0;
  let failureStatus: number | undefined;

  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== jwksPath) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"not found"}');
      return;
    }
    requests += 1;
    if (failureStatus !== undefined) {
      res.writeHead(failureStatus, { 'content-type': 'application/json' }).end('{"message":"failing on purpose"}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const issuer = options.issuer ?? `http://127.0.0.1:${port}/${poolId}`;
  const pool = { issuer, clientId };
  const sign = (header: JwtHeaderFields, payload: Claims, signOptions?: SignOptions) =>
    signJwt(header, payload, signOptions ?? { alg: 'RS256', key: key.privateKey });

  return {
    poolId,
    issuer,
    jwksUri: `http://127.0.0.1:${port}${jwksPath}`,
    clientId,
    kid: key.kid,
    privateKey: key.privateKey,
    publicKeyPem: key.publicKeyPem,
    jwks,
    get requests() {
      return requests;
    },
    signAccessToken: (claims = {}, header = {}) => sign({ kid: key.kid, ...header }, accessTokenClaims(pool, claims)),
    signIdToken: (claims = {}, header = {}) => sign({ kid: key.kid, ...header }, idTokenClaims(pool, claims)),
    sign,
    failWith: (status) => {
      failureStatus = status;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // fetch keeps connections alive; without this close() waits for them to time out.
        server.closeAllConnections();
      }),
  };
}

/** The ways to forge or misuse a token that a verifier of our access tokens must reject. */
export const FORGED_TOKEN_KINDS = [
  'alg-none',
  'hs256-with-public-key',
  'unknown-kid',
  'tampered-payload',
  'expired',
  'wrong-issuer',
  'wrong-client',
  'id-token',
  'other-key-same-kid',
  'iat-in-future',
  'absurd-exp',
  'aud-on-access-token',
  'crit-header',
  'non-numeric-exp',
  'non-numeric-iat',
] as const;
export type ForgedTokenKind = (typeof FORGED_TOKEN_KINDS)[number];

/**
 * A token of the given forgery aimed at the server's pool; everything else about it is valid.
 *
 * @example
 * it.each(FORGED_TOKEN_KINDS)('rejects %s', async (kind) => {
 *   await expect(verifier.verify(forgeToken(server, kind))).rejects.toThrow(InvalidTokenError);
 * });
 */
export function forgeToken(server: JwksServer, kind: ForgedTokenKind): string {
  const pool = { issuer: server.issuer, clientId: server.clientId };
  const header = { kid: server.kid };
  switch (kind) {
    case 'alg-none':
      return signJwt(header, accessTokenClaims(pool), { alg: 'none' });
    case 'hs256-with-public-key':
      return signJwt(header, accessTokenClaims(pool), { alg: 'HS256', secret: server.publicKeyPem });
    case 'unknown-kid':
      return server.signAccessToken({}, { kid: `unknown-${randomUUID()}` });
    case 'tampered-payload': {
      const [encodedHeader, , signature] = server.signAccessToken({ username: 'alice' }).split('.');
      const payload = base64url(JSON.stringify(accessTokenClaims(pool, { username: 'admin' })));
      return `${encodedHeader}.${payload}.${signature}`;
    }
    case 'expired': {
      const now = nowSeconds();
      return server.signAccessToken({ iat: now - 7200, auth_time: now - 7200, exp: now - 3600 });
    }
    case 'wrong-issuer':
      return server.signAccessToken({ iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Attacker' });
    case 'wrong-client':
      return server.signAccessToken({ client_id: 'someone-elses-client' });
    case 'id-token':
      return server.signIdToken();
    case 'other-key-same-kid':
      return signJwt(header, accessTokenClaims(pool), { alg: 'RS256', key: rsaSigningKey(server.kid).privateKey });
    case 'iat-in-future': {
      const later = nowSeconds() + 3600;
      return server.signAccessToken({ iat: later, auth_time: later, exp: later + 3600 });
    }
    case 'absurd-exp':
      return server.signAccessToken({ exp: 1e20 });
    case 'aud-on-access-token':
      return server.signAccessToken({ aud: server.clientId });
    case 'crit-header':
      return server.signAccessToken({}, { crit: ['exp'] });
    case 'non-numeric-exp':
      return server.signAccessToken({ exp: String(nowSeconds() + 3600) });
    case 'non-numeric-iat':
      return server.signAccessToken({ iat: 'now' });
  }
}
