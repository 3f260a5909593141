import type { MiddlewareObj } from '@middy/core';
import httpCors from '@middy/http-cors';

export interface CorsOptions {
  /** Exact web origins allowed to call the API, e.g. `https://cruddur.example.com`. Never `*`. */
  origins: readonly string[];
  /** Methods announced in preflight answers. */
  methods?: readonly string[];
  /** Seconds a browser may cache a preflight answer. */
  maxAge?: number;
}

/**
 * CORS for a fixed list of web origins: the matching origin is echoed, any other gets no
 * `Access-Control-Allow-Origin`. Also answers `OPTIONS` preflights before the handler runs, for the
 * places where the API itself doesn't (the local stack).
 *
 * @example
 * middy(handler).use(cors({ origins: ['https://cruddur.example.com'] }));
 */
export function cors(opts: CorsOptions): MiddlewareObj {
  const origins = [...opts.origins];
  if (origins.some((origin) => origin.includes('*'))) {
    throw new TypeError('CORS origins must be exact origins, not wildcards');
  }
  return httpCors({
    origins,
    headers: 'Authorization,Content-Type',
    methods: (opts.methods ?? ['GET', 'POST', 'PUT', 'OPTIONS']).join(','),
    maxAge: opts.maxAge ?? 600,
    disableBeforePreflightResponse: false,
  });
}

/**
 * Reads a comma-separated origin list such as `ALLOWED_ORIGINS`.
 *
 * @example
 * originsFromEnv('https://a.example, http://localhost:5173'); // ['https://a.example', 'http://localhost:5173']
 */
export function originsFromEnv(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin.length > 0);
}
