/** One CORS rule of a bucket, as in S3's `CORSRule` (and the CDK's `CorsRule`). */
export interface BucketCorsRule {
  allowedOrigins: readonly string[];
  allowedMethods: readonly string[];
  /** Lower-case header names; `*` matches any run of characters, as in S3. */
  allowedHeaders: readonly string[];
  exposedHeaders: readonly string[];
  maxAgeSeconds: number;
}

/** What a matching rule adds to a response. */
export type CorsHeaders = Record<string, string>;

function wildcard(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
}

function matchesAny(patterns: readonly string[], value: string): boolean {
  return patterns.some((pattern) => wildcard(pattern).test(value));
}

const VARY = 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method';

/**
 * The first rule that allows this origin, method and request headers, as S3 evaluates them.
 *
 * @example
 * matchCorsRule(rules, { origin: 'http://localhost:5173', method: 'PUT', requestHeaders: ['content-type'] });
 */
export function matchCorsRule(
  rules: readonly BucketCorsRule[],
  request: { origin: string; method: string; requestHeaders: readonly string[] },
): BucketCorsRule | undefined {
  return rules.find(
    (rule) =>
      matchesAny(rule.allowedOrigins, request.origin) &&
      rule.allowedMethods.includes(request.method.toUpperCase()) &&
      request.requestHeaders.every((header) => matchesAny(rule.allowedHeaders, header)),
  );
}

/**
 * The headers S3 answers a preflight with when `rule` allowed it.
 *
 * @example
 * response.writeHead(200, preflightHeaders(rule, origin, ['content-type']));
 */
export function preflightHeaders(rule: BucketCorsRule, origin: string, requestHeaders: readonly string[]): CorsHeaders {
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Methods': rule.allowedMethods.join(', '),
    ...(requestHeaders.length > 0 ? { 'Access-Control-Allow-Headers': requestHeaders.join(', ') } : {}),
    ...(rule.exposedHeaders.length > 0 ? { 'Access-Control-Expose-Headers': rule.exposedHeaders.join(', ') } : {}),
    'Access-Control-Max-Age': String(rule.maxAgeSeconds),
    Vary: VARY,
  };
}

/**
 * The headers S3 adds to an actual (non-preflight) response when a rule allows the origin and method.
 *
 * @example
 * response.writeHead(200, { ...headers, ...responseCorsHeaders(rule, origin) });
 */
export function responseCorsHeaders(rule: BucketCorsRule, origin: string): CorsHeaders {
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Methods': rule.allowedMethods.join(', '),
    ...(rule.exposedHeaders.length > 0 ? { 'Access-Control-Expose-Headers': rule.exposedHeaders.join(', ') } : {}),
    'Access-Control-Max-Age': String(rule.maxAgeSeconds),
    Vary: VARY,
  };
}

/**
 * The comma-separated `Access-Control-Request-Headers`, lower-cased.
 *
 * @example
 * requestedHeaders('Content-Type, X-Amz-Date'); // ['content-type', 'x-amz-date']
 */
export function requestedHeaders(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((header) => header.trim().toLowerCase())
    .filter(Boolean);
}
