import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type FaultProxy, startFaultProxy } from '../../src';

describe('startFaultProxy', () => {
  let upstream: Server;
  let proxy: FaultProxy;
  const seenHosts: string[] = [];

  beforeAll(async () => {
    upstream = createServer((request, response) => {
      seenHosts.push(request.headers.host ?? '');
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => response.end(`${request.method} ${request.url} ${body}`));
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    proxy = await startFaultProxy(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`);
  });
  afterAll(async () => {
    await proxy.close();
    await new Promise((resolve) => upstream.close(resolve));
  });
  afterEach(() => proxy.heal());

  it('forwards requests untouched, the Host header included', async () => {
    const response = await fetch(`${proxy.url}/bucket/key?x=1`, { method: 'PUT', body: 'hello' });
    expect(await response.text()).toBe('PUT /bucket/key?x=1 hello');
    expect(seenHosts.at(-1)).toBe(`127.0.0.1:${proxy.port}`);
  });

  it('answers a matching request with the chosen status, the given number of times', async () => {
    proxy.inject({ method: 'GET', path: /^\/uploads\//, fault: { kind: 'status', status: 503 }, times: 1 });
    const failed = await fetch(`${proxy.url}/uploads/a`);
    expect(failed.status).toBe(503);
    expect(await failed.text()).toContain('<Code>SlowDown</Code>');
    expect((await fetch(`${proxy.url}/other`)).status).toBe(200);
    expect((await fetch(`${proxy.url}/uploads/a`)).status).toBe(200);
    expect(proxy.requests.slice(-3).map((r) => r.fault)).toEqual(['status', undefined, undefined]);
  });

  it('drops the connection', async () => {
    proxy.inject({ fault: { kind: 'close' } });
    await expect(fetch(`${proxy.url}/x`)).rejects.toThrow();
  });

  it('stalls until the client gives up', async () => {
    proxy.inject({ fault: { kind: 'stall' } });
    await expect(fetch(`${proxy.url}/x`, { signal: AbortSignal.timeout(200) })).rejects.toThrow();
    expect(proxy.requests.at(-1)).toMatchObject({ path: '/x', fault: 'stall' });
  });
});
