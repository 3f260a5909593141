import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type WebConfig, createWebServer } from '../../../src/web/web-server';

const CONFIG: WebConfig = {
  apiUrl: 'http://127.0.0.1:4010',
  assetsUrl: 'http://127.0.0.1:4570',
  cognito: { endpoint: 'http://127.0.0.1:9229', region: 'us-east-1', userPoolId: 'local_abc', clientId: 'client' },
};

async function serve(root: string | undefined): Promise<{ url: string; server: Server }> {
  const server = createServer(createWebServer({ root, config: CONFIG, log: () => undefined }).handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('the web server', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'web-'));
  let site: { url: string; server: Server };
  beforeAll(async () => {
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>app</title>');
    mkdirSync(path.join(root, 'assets'));
    writeFileSync(path.join(root, 'assets/main-3f9a1c2b7d.js'), 'console.log(1)');
    writeFileSync(path.join(tmpdir(), 'outside-web-root.txt'), 'secret');
    site = await serve(root);
  });
  afterAll(async () => {
    await new Promise((resolve) => site.server.close(resolve));
    rmSync(root, { recursive: true, force: true });
  });

  it('serves /config.json, never cached', async () => {
    const response = await fetch(`${site.url}/config.json`);
    expect(await response.json()).toEqual(CONFIG);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('serves files, hashed assets cached for good, with 304 on a matching ETag', async () => {
    const js = await fetch(`${site.url}/assets/main-3f9a1c2b7d.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const again = await fetch(`${site.url}/assets/main-3f9a1c2b7d.js`, { headers: { 'If-None-Match': js.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('answers app routes such as /@andrew with index.html', async () => {
    const page = await fetch(`${site.url}/@andrew`);
    expect([page.status, await page.text()]).toEqual([200, '<!doctype html><title>app</title>']);
    expect(page.headers.get('cache-control')).toBe('no-cache');
  });

  it('answers 404 for a missing file and never serves outside its folder', async () => {
    expect((await fetch(`${site.url}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${site.url}/..%2foutside-web-root.txt`)).status).toBe(404);
    expect((await fetch(`${site.url}/config.json`, { method: 'POST' })).status).toBe(405);
  });

  it('shows a placeholder page while there is no built site', async () => {
    const placeholder = await serve(undefined);
    try {
      const page = await (await fetch(`${placeholder.url}/`)).text();
      expect(page).toContain('The web page is not here yet');
      expect(page).toContain(CONFIG.apiUrl);
    } finally {
      await new Promise((resolve) => placeholder.server.close(resolve));
    }
  });
});
