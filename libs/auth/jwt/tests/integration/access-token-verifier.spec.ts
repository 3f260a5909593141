import { FORGED_TOKEN_KINDS, forgeToken, startJwksServer, type ForgedTokenKind, type JwksServer } from '@cruddur/testing/fixtures';
import { FetchError, JwtExpiredError, NonRetryableFetchError } from 'aws-jwt-verify/error';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAccessTokenVerifier } from '../../src/access-token-verifier';
import type { AccessTokenVerifier } from '../../src/access-token-verifier';
import type { AccessTokenVerifierConfig } from '../../src/config';
import {
  InvalidTokenError,
  JwksUnavailableError,
  MalformedAuthorizationError,
  MissingTokenError,
} from '../../src/errors';

const REASONS: Record<ForgedTokenKind, string> = {
  'alg-none': 'malformed token', // no signature part: refused before any key is looked at
  'hs256-with-public-key': 'unsupported signature algorithm',
  'unknown-kid': 'unknown signing key',
  'tampered-payload': 'invalid signature',
  expired: 'token expired',
  'wrong-issuer': 'wrong issuer',
  'wrong-client': 'wrong client',
  'id-token': 'not an access token',
  'other-key-same-kid': 'invalid signature',
  'iat-in-future': 'token issued in the future',
  'absurd-exp': 'token lifetime too long',
  'aud-on-access-token': 'unexpected aud claim',
  'crit-header': 'unsupported crit header',
  'non-numeric-exp': 'malformed token', // aws-jwt-verify refuses it while parsing
  'non-numeric-iat': 'malformed token',
};

const issuerConfig = (server: JwksServer): AccessTokenVerifierConfig => ({
  kind: 'issuer',
  issuer: server.issuer,
  jwksUri: server.jwksUri,
  clientId: server.clientId,
});

describe('createAccessTokenVerifier, issuer mode (cognito-local)', () => {
  let server: JwksServer;
  let verifier: AccessTokenVerifier;

  beforeAll(async () => {
    server = await startJwksServer();
    verifier = createAccessTokenVerifier(issuerConfig(server));
  });
  afterAll(() => server.close());

  it('verifies a valid access token and describes the caller', async () => {
    const token = server.signAccessToken({ sub: 'user-1', username: 'alice', scope: 'openid profile' });

    await expect(verifier.verify(token)).resolves.toEqual({
      sub: 'user-1',
      username: 'alice',
      clientId: server.clientId,
      scope: 'openid profile',
      expiresAt: expect.any(Date),
    });
  });

  it('takes cognito:username when username is absent', async () => {
    const token = server.signAccessToken({ username: undefined, 'cognito:username': 'bob' });

    await expect(verifier.verify(token)).resolves.toMatchObject({ username: 'bob' });
  });

  it.each(FORGED_TOKEN_KINDS)('rejects a forged token (%s) with InvalidTokenError', async (kind) => {
    const rejection = verifier.verify(forgeToken(server, kind));

    await expect(rejection).rejects.toThrow(InvalidTokenError);
    await expect(rejection).rejects.toThrow(REASONS[kind]);
  });

  it('keeps the aws-jwt-verify error as the cause', async () => {
    const error = await verifier.verify(forgeToken(server, 'expired')).catch((err: unknown) => err);

    expect(error).toMatchObject({ name: 'InvalidTokenError', cause: expect.any(JwtExpiredError) });
  });

  it.each([
    ['no username at all', { username: undefined }, 'missing username claim'],
    ['no sub', { sub: undefined }, 'missing sub claim'],
    ['no exp', { exp: undefined }, 'missing exp claim'],
    ['a not-yet-valid token', { nbf: Math.floor(Date.now() / 1000) + 3600 }, 'token not yet valid'],
  ])('rejects a genuinely signed token with %s', async (_, claims, reason) => {
    await expectInvalidToken(verifier.verify(server.signAccessToken(claims)), reason);
  });

  it('rejects an RS512 token signed with the right key (Cognito signs RS256 only)', async () => {
    // A JWKS without alg hints, so only our RS256 check stands between RS512 and acceptance.
    const jwks = { keys: server.jwks.keys.map(({ kty, kid, use, n, e }) => ({ kty, kid, use, n, e })) };
    const lenient = createAccessTokenVerifier(issuerConfig(server), { jwks });
    const token = server.sign({ kid: server.kid, alg: 'RS512' }, { ...decodePayload(server.signAccessToken()) });

    await expect(lenient.verify(token)).rejects.toThrow(InvalidTokenError);
  });

  it('rejects alg none even with something in the signature slot', async () => {
    const unsigned = forgeToken(server, 'alg-none');

    await expectInvalidToken(verifier.verify(`${unsigned}c2ln`), 'unsupported signature algorithm');
  });

  it.each(['abc', 'a.b.c', '', 'eyJhbGciOiJSUzI1NiJ9..'])('rejects a non-JWT %p', async (token) => {
    await expect(verifier.verify(token)).rejects.toThrow(InvalidTokenError);
  });

  describe('verifyAuthorization', () => {
    it.each(['authorization', 'Authorization', 'AUTHORIZATION'])('reads the %s header', async (name) => {
      const headers = { [name]: `Bearer ${server.signAccessToken({ sub: 'user-2' })}` };

      await expect(verifier.verifyAuthorization(headers)).resolves.toMatchObject({ sub: 'user-2' });
    });

    it('rejects a missing header with MissingTokenError', async () => {
      await expect(verifier.verifyAuthorization({})).rejects.toThrow(MissingTokenError);
      await expect(verifier.verifyAuthorization(undefined)).rejects.toThrow(MissingTokenError);
    });

    it.each(['Basic xyz', 'Bearer', 'Bearer a b'])('rejects %p with MalformedAuthorizationError', async (value) => {
      await expect(verifier.verifyAuthorization({ authorization: value })).rejects.toThrow(MalformedAuthorizationError);
    });

    it.each(['not-a-jwt', 'abc<script>', `${'a'.repeat(10)}.b~c.d+e/f`])(
      'rejects the non-JWT bearer token %p with InvalidTokenError',
      async (token) => {
        await expectInvalidToken(verifier.verifyAuthorization({ authorization: `Bearer ${token}` }), 'malformed token');
      },
    );
  });
});

describe('JWKS caching and availability', () => {
  let server: JwksServer;

  beforeEach(async () => {
    server = await startJwksServer();
  });
  afterEach(() => server.close());

  it('fetches the JWKS once across many verifications, concurrent or not', async () => {
    const verifier = createAccessTokenVerifier(issuerConfig(server));

    await Promise.all(Array.from({ length: 10 }, () => verifier.verify(server.signAccessToken())));
    for (let i = 0; i < 10; i += 1) {
      await verifier.verify(server.signAccessToken());
    }

    expect(server.requests).toBe(1);
  });

  it('hydrate() fetches up front, so requests do not', async () => {
    const verifier = createAccessTokenVerifier(issuerConfig(server));

    await verifier.hydrate();
    await verifier.verify(server.signAccessToken());

    expect(server.requests).toBe(1);
  });

  it('does not fetch at all when the JWKS is given', async () => {
    const verifier = createAccessTokenVerifier(issuerConfig(server), { jwks: server.jwks });

    await verifier.verify(server.signAccessToken());

    expect(server.requests).toBe(0);
  });

  it('keeps serving from the cache when the JWKS server goes down', async () => {
    const verifier = createAccessTokenVerifier(issuerConfig(server));
    await verifier.verify(server.signAccessToken());
    server.failWith(500);

    await expect(verifier.verify(server.signAccessToken())).resolves.toMatchObject({ username: 'alice' });
  });

  it('throws JwksUnavailableError when the JWKS server is unreachable', async () => {
    const verifier = createAccessTokenVerifier(issuerConfig(server));
    const token = server.signAccessToken();
    await server.close();

    const error = await verifier.verify(token).catch((err: unknown) => err);

    expect(error).toBeInstanceOf(JwksUnavailableError);
    expect((error as Error).cause).toBeInstanceOf(FetchError);
    server = await startJwksServer(); // for afterEach
  });

  it('throws JwksUnavailableError when the JWKS server answers an error', async () => {
    const verifier = createAccessTokenVerifier(issuerConfig(server));
    server.failWith(503);

    const error = await verifier.verify(server.signAccessToken()).catch((err: unknown) => err);

    expect(error).toBeInstanceOf(JwksUnavailableError);
    expect((error as Error).cause).toBeInstanceOf(NonRetryableFetchError);
  });

  it('fails as JwksUnavailableError when the JWKS answer takes longer than the configured timeout', async () => {
    // Answers the right keys, but only after 1.5 s: inside the 3 s default, far outside the 100 ms asked for.
    const pending = new Set<NodeJS.Timeout>();
    const slow = createServer((_, res) => {
      pending.add(setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(server.jwks)), 1500));
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    try {
      const jwksUri = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/.well-known/jwks.json`;
      const verifier = createAccessTokenVerifier(
        { kind: 'issuer', issuer: server.issuer, jwksUri, clientId: server.clientId },
        { jwksFetchTimeoutMs: 100 },
      );

      const error = await verifier.verify(server.signAccessToken()).catch((err: unknown) => err);

      expect(error).toBeInstanceOf(JwksUnavailableError);
      expect((error as Error).cause).toBeInstanceOf(FetchError);
    } finally {
      pending.forEach(clearTimeout);
      slow.closeAllConnections();
      await new Promise((resolve) => slow.close(resolve));
    }
  });

  it('hydrate() throws JwksUnavailableError when the JWKS cannot be fetched', async () => {
    server.failWith(500);

    await expect(createAccessTokenVerifier(issuerConfig(server)).hydrate()).rejects.toThrow(JwksUnavailableError);
  });
});

describe('createAccessTokenVerifier, cognito mode (CognitoJwtVerifier, offline)', () => {
  const userPoolId = 'us-east-1_TestPool1';
  const cognitoIssuer = `https://cognito-idp.us-east-1.amazonaws.com/${userPoolId}`;
  let server: JwksServer;
  let verifier: AccessTokenVerifier;

  beforeAll(async () => {
    server = await startJwksServer({ poolId: userPoolId, issuer: cognitoIssuer });
    // The JWKS is pre-loaded (cacheJwks), so nothing is fetched from AWS.
    verifier = createAccessTokenVerifier({ kind: 'cognito', userPoolId, clientId: server.clientId }, { jwks: server.jwks });
  });
  afterAll(() => server.close());

  it('verifies a token whose issuer is the user pool’s', async () => {
    await expect(verifier.verify(server.signAccessToken({ sub: 'user-3' }))).resolves.toMatchObject({
      sub: 'user-3',
      username: 'alice',
      clientId: server.clientId,
    });
  });

  it('rejects a token from another issuer, e.g. cognito-local’s', async () => {
    const local = server.signAccessToken({ iss: `http://127.0.0.1:9229/${userPoolId}` });

    await expectInvalidToken(verifier.verify(local), 'wrong issuer');
  });

  // 'unknown-kid' is left out: a kid missing from the cache makes the verifier fetch from AWS.
  it.each(FORGED_TOKEN_KINDS.filter((kind) => kind !== 'unknown-kid'))(
    'rejects a forged token (%s) exactly like issuer mode',
    async (kind) => {
      await expectInvalidToken(verifier.verify(forgeToken(server, kind)), REASONS[kind]);
    },
  );
});

describe('createAccessTokenVerifier, configuration', () => {
  it('takes an https JWKS URI (a real issuer) as well as cognito-local’s http one', async () => {
    const server = await startJwksServer({ issuer: 'https://idp.example.com/pool' });
    try {
      const verifier = createAccessTokenVerifier(
        { kind: 'issuer', issuer: server.issuer, jwksUri: 'https://idp.example.com/pool/.well-known/jwks.json', clientId: server.clientId },
        { jwks: server.jwks },
      );

      await expect(verifier.verify(server.signAccessToken({ sub: 'user-4' }))).resolves.toMatchObject({ sub: 'user-4' });
    } finally {
      await server.close();
    }
  });
});

/** Jest 30 compares `cause` in toThrow(error), so match the class and the reason only. */
async function expectInvalidToken(verification: Promise<unknown>, reason: string): Promise<void> {
  const error = await verification.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(InvalidTokenError);
  expect((error as Error).message).toBe(reason);
}

function decodePayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString('utf8')) as Record<string, unknown>;
}
