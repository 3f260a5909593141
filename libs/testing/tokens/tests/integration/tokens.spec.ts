import { FORGED_TOKEN_KINDS, type JwksServer, forgeToken, startJwksServer } from '../../src';

function parts(token: string): { header: Record<string, unknown>; payload: Record<string, unknown>; signature: string } {
  const [header = '', payload = '', signature = ''] = token.split('.');
  const json = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
  return { header: json(header), payload: json(payload), signature };
}

describe('startJwksServer', () => {
  let server: JwksServer;
  beforeAll(async () => {
    server = await startJwksServer();
  });
  afterAll(() => server.close());

  it('serves its key at the pool path and counts the requests', async () => {
    const before = server.requests;
    const jwks = (await (await fetch(server.jwksUri)).json()) as { keys: { kid: string }[] };
    expect(jwks.keys.map((key) => key.kid)).toEqual([server.kid]);
    expect(server.requests).toBe(before + 1);
    expect((await fetch(server.jwksUri.replace('jwks.json', 'other'))).status).toBe(404);
  });

  it('fails on purpose when told to', async () => {
    server.failWith(503);
    expect((await fetch(server.jwksUri)).status).toBe(503);
    server.failWith(undefined);
    expect((await fetch(server.jwksUri)).status).toBe(200);
  });

  it('forges each kind differently from a valid token', () => {
    const tokens = FORGED_TOKEN_KINDS.map((kind) => forgeToken(server, kind));
    expect(new Set(tokens).size).toBe(FORGED_TOKEN_KINDS.length);
    expect(parts(forgeToken(server, 'alg-none')).header['alg']).toBe('none');
    expect(parts(forgeToken(server, 'id-token')).payload['token_use']).toBe('id');
    expect(parts(server.signAccessToken()).payload).toMatchObject({ iss: server.issuer, client_id: server.clientId, token_use: 'access' });
  });
});
