import { type IncomingMessage, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BodyLimitExceeded, headerValue, readBody } from '../../src';

/** Sends `body` to a server that runs `inspect` on the request and answers with what it returns. */
async function roundTrip(body: string, headers: Record<string, string | string[]>, inspect: (request: IncomingMessage) => Promise<string>): Promise<string> {
  const server = createServer((request, response) => {
    inspect(request).then(
      (answer) => response.end(answer),
      (error: unknown) => response.end(error instanceof BodyLimitExceeded ? `limit ${error.limit}` : String(error)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    return await new Promise<string>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve(Buffer.concat(chunks).toString()));
      });
      req.on('error', reject);
      req.end(body);
    });
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('readBody', () => {
  it('reads the whole body', async () => {
    expect(await roundTrip('hello world', {}, async (request) => (await readBody(request, 100)).toString())).toBe('hello world');
  });

  it('stops past the limit', async () => {
    expect(await roundTrip('x'.repeat(200), {}, async (request) => (await readBody(request, 100)).toString())).toBe('limit 100');
  });
});

describe('headerValue', () => {
  it('joins a repeated header and finds names in any case', async () => {
    const answer = await roundTrip('', { 'X-Thing': ['a', 'b'], Origin: 'http://o' }, async (request) => `${headerValue(request, 'x-thing')}|${headerValue(request, 'Origin')}|${headerValue(request, 'missing')}`);
    expect(answer).toBe('a, b|http://o|undefined');
  });
});
