// What the JWKS fetch does on the wire when the issuer's answer is not a plain 200: the signing keys
// decide who is authenticated, so a redirect or a broken body must never become keys.
import { startJwksServer, type JwksServer } from '@cruddur/testing/fixtures';
import { FetchError, NonRetryableFetchError } from 'aws-jwt-verify/error';
import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpJwksFetcher } from '../../src/http-jwks-fetcher';

async function listen(handler: RequestListener): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json` };
}

const opened: Server[] = [];
afterEach(async () => {
  for (const server of opened.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function serve(handler: RequestListener): Promise<string> {
  const { server, url } = await listen(handler);
  opened.push(server);
  return url;
}

// A generous timeout: these tests are about what is fetched, not how fast, on a loaded machine.
const fetcher = () => new HttpJwksFetcher({ timeoutMs: 30_000 });

describe('HttpJwksFetcher on the wire', () => {
  let attacker: JwksServer;
  beforeAll(async () => {
    attacker = await startJwksServer();
  });
  afterAll(() => attacker.close());

  it("never follows a redirect, so a moved JWKS URI cannot hand over someone else's keys", async () => {
    const uri = await serve((_, res) => res.writeHead(302, { location: attacker.jwksUri }).end());
    const fetching = fetcher().fetch(uri);
    await expect(fetching).rejects.toThrow(FetchError);
    await expect(fetching).rejects.not.toThrow(NonRetryableFetchError);
    await expect(fetching).rejects.toThrow(new FetchError(uri, 'fetch failed: unexpected redirect'));
    expect(attacker.requests).toBe(0);
  });

  it('asks for JSON', async () => {
    let accept: IncomingMessage['headers']['accept'];
    const uri = await serve((req, res) => {
      accept = req.headers.accept;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"keys":[]}');
    });
    await fetcher().fetch(uri);
    expect(accept).toBe('application/json');
  });

  it('fails with a retryable FetchError, naming the URI, when the body breaks off', async () => {
    const uri = await serve((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"keys":[', () => res.destroy());
    });
    const fetching = fetcher().fetch(uri);
    await expect(fetching).rejects.toThrow(FetchError);
    await expect(fetching).rejects.not.toThrow(NonRetryableFetchError);
    await expect(fetching).rejects.toThrow(uri);
    // fetch's own word for it, then the socket's.
    await expect(fetching).rejects.toThrow(new FetchError(uri, 'terminated: other side closed'));
  });

  it('refuses a 2xx other than 200 without reading it as keys', async () => {
    const uri = await serve((_, res) => res.writeHead(203, { 'content-type': 'application/json' }).end(JSON.stringify(attacker.jwks)));
    await expect(fetcher().fetch(uri)).rejects.toThrow(new NonRetryableFetchError(uri, 'Status code is 203, expected 200'));
  });

  it.each([204, 304])('refuses a %i, whose answer has no body at all, as a NonRetryableFetchError', async (status) => {
    const uri = await serve((_, res) => res.writeHead(status).end());
    await expect(fetcher().fetch(uri)).rejects.toThrow(new NonRetryableFetchError(uri, `Status code is ${status}, expected 200`));
  });

  it('keeps the timeout it is given, and a default one otherwise', () => {
    expect(new HttpJwksFetcher({ timeoutMs: 250 }).timeoutMs).toBe(250);
    expect(new HttpJwksFetcher().timeoutMs).toBeGreaterThan(0);
  });
});
