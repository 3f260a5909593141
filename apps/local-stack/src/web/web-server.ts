import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import path from 'node:path';
import { headerValue } from '@cruddur/local/http-body';

/** What the page reads from `/config.json` at run time. */
export interface WebConfig {
  apiUrl: string;
  assetsUrl: string;
  cognito: { endpoint: string; region: string; userPoolId: string; clientId: string };
}

export interface WebServerOptions {
  /** The built site (index.html and its assets); undefined: a page saying it is not there yet. */
  root: string | undefined;
  config: WebConfig;
  /** Shown on the placeholder page. */
  placeholderReason?: string;
  log: (line: string) => void;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  // The avatar editor's face detector: tfjs' WASM binaries (streaming compilation needs this type) and the model's weights.
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
});

// A bundler's content-hashed file name (`index-3f9a1c2b.js`): it never changes, so it may be cached for good.
const HASHED_NAME = /[.-][0-9a-zA-Z_-]{8,}\.[a-z0-9]+$/;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function placeholderPage(config: WebConfig, reason: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Cruddur (local)</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
<h1>Cruddur local stack is running</h1>
<p>The web page is not here yet: ${escapeHtml(reason)}</p>
<ul>
<li>API: <code>${escapeHtml(config.apiUrl)}</code></li>
<li>Assets: <code>${escapeHtml(config.assetsUrl)}</code></li>
<li>Cognito: <code>${escapeHtml(config.cognito.endpoint)}</code> (pool <code>${escapeHtml(config.cognito.userPoolId)}</code>)</li>
</ul>
<p>The page's runtime configuration is at <a href="/config.json">/config.json</a>.</p>
</body></html>
`;
}

/** The file under `root` a URL path names, or undefined when it escapes `root` or is not a file. */
function fileFor(root: string, rawPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const file = path.resolve(root, `.${path.posix.normalize(decoded)}`);
  if (file !== root && !file.startsWith(root + path.sep)) return undefined;
  const target = existsSync(file) && statSync(file).isDirectory() ? path.join(file, 'index.html') : file;
  return existsSync(target) && statSync(target).isFile() ? target : undefined;
}

/**
 * The web page's server: the built static site, `/config.json` with the local endpoints, and the
 * single-page-app fallback (a path without a file, such as `/@andrew`, gets `index.html`).
 *
 * @example
 * const web = createWebServer({ root: 'dist/apps/web', config, log });
 */
export function createWebServer(options: WebServerOptions): { handle: RequestListener } {
  const root = options.root === undefined ? undefined : path.resolve(options.root);
  const configBody = JSON.stringify(options.config, null, 2);

  const send = (request: IncomingMessage, response: ServerResponse, status: number, headers: Record<string, string>, body: string) => {
    response.writeHead(status, { 'X-Content-Type-Options': 'nosniff', ...headers, 'Content-Length': String(Buffer.byteLength(body)) });
    response.end(request.method === 'HEAD' ? undefined : body);
  };

  const sendFile = (request: IncomingMessage, response: ServerResponse, file: string) => {
    const stat = statSync(file);
    const etag = `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
    const name = path.basename(file);
    const cacheControl = name !== 'index.html' && HASHED_NAME.test(name) ? 'public, max-age=31536000, immutable' : 'no-cache';
    const headers = {
      'Content-Type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Cache-Control': cacheControl,
      ETag: etag,
      'Last-Modified': stat.mtime.toUTCString(),
      'X-Content-Type-Options': 'nosniff',
    };
    if (headerValue(request, 'if-none-match') === etag) {
      response.writeHead(304, headers);
      response.end();
      return;
    }
    response.writeHead(200, { ...headers, 'Content-Length': String(stat.size) });
    if (request.method === 'HEAD') return void response.end();
    createReadStream(file).on('error', () => response.destroy()).pipe(response);
  };

  const handle: RequestListener = (request, response) => {
    const rawPath = (request.url ?? '/').split('?')[0] ?? '/';
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return send(request, response, 405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' }, 'Method Not Allowed\n');
    }
    if (rawPath === '/config.json') {
      return send(request, response, 200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }, configBody);
    }
    if (root === undefined) {
      const reason = options.placeholderReason ?? 'apps/web has not been built.';
      return send(request, response, 200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }, placeholderPage(options.config, reason));
    }
    const file = fileFor(root, rawPath);
    if (file) return sendFile(request, response, file);
    // Routes of the app (`/@handle`, `/settings`) are no files: a browser navigating to one gets the app's page.
    const index = path.join(root, 'index.html');
    const navigation = path.extname(rawPath) === '' || (headerValue(request, 'accept') ?? '').includes('text/html');
    if (navigation && existsSync(index)) return sendFile(request, response, index);
    send(request, response, 404, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Not Found\n');
  };
  return { handle };
}
