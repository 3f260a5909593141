import { startJwksServer, type JwksServer } from '@cruddur/testing/fixtures';
import { FetchError, NonRetryableFetchError } from 'aws-jwt-verify/error';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpJwksFetcher } from '../../src/http-jwks-fetcher';

describe('HttpJwksFetcher', () => {
  let server: JwksServer;

  beforeAll(async () => {
    server = await startJwksServer();
  });
  afterAll(() => server.close());
  afterEach(() => server.failWith(undefined));

  it('fetches a JWKS over plain http', async () => {
    const body = await new HttpJwksFetcher().fetch(server.jwksUri);

    expect(JSON.parse(Buffer.from(body).toString('utf8'))).toEqual(server.jwks);
  });

  it('fails without retry on a non-200 answer', async () => {
    server.failWith(503);

    await expect(new HttpJwksFetcher().fetch(server.jwksUri)).rejects.toThrow(NonRetryableFetchError);
    await expect(new HttpJwksFetcher().fetch(server.jwksUri)).rejects.toThrow(/Status code is 503/);
  });

  it("fails with FetchError when nothing listens, naming the socket error undici hides in the error's cause", async () => {
    const closed = await startJwksServer();
    await closed.close();
    const { host } = new URL(closed.jwksUri);

    // What an operator reads in the authorizer's log: not just "fetch failed".
    await expect(new HttpJwksFetcher().fetch(closed.jwksUri)).rejects.toThrow(
      new FetchError(closed.jwksUri, `fetch failed: connect ECONNREFUSED ${host}`),
    );
  });

  it('gives up after its timeout', async () => {
    const silent = createServer(() => undefined); // accepts, never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const started = Date.now();
      const uri = `http://127.0.0.1:${port}/jwks.json`;
      // The timeout's error has no cause: its message alone, with nothing appended.
      await expect(new HttpJwksFetcher({ timeoutMs: 100 }).fetch(uri)).rejects.toThrow(
        new FetchError(uri, 'The operation was aborted due to timeout'),
      );
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
