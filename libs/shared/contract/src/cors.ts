/**
 * How the HTTP API and the uploads bucket answer browsers, and how long the API trusts an
 * authorizer's answer: infra deploys these, the local stack emulates them, both from here.
 */

/**
 * The HTTP API's CORS preflight answer for the stage's web origins (API Gateway answers preflight
 * itself, before any authorizer): the routes' methods, the bearer token and a JSON body.
 *
 * @example
 * corsPreflight: { allowOrigins: origins, allowHeaders: [...API_CORS.allowHeaders], maxAge: Duration.seconds(API_CORS.maxAgeSeconds) }
 */
export const API_CORS = Object.freeze({
  allowMethods: Object.freeze(['GET', 'POST', 'PUT', 'DELETE'] as const),
  allowHeaders: Object.freeze(['authorization', 'content-type'] as const),
  maxAgeSeconds: 3600,
});

/**
 * The uploads bucket's CORS rule for the stage's web origins: browsers PUT presigned uploads.
 * Presigned PUTs carry the signed content type and the SDK's `x-amz-*` checksum headers.
 *
 * @example
 * cors: [{ allowedOrigins: origins, ...UPLOADS_BUCKET_CORS }]
 */
export const UPLOADS_BUCKET_CORS = Object.freeze({
  allowedMethods: Object.freeze(['PUT'] as const),
  allowedHeaders: Object.freeze(['content-type', 'x-amz-*'] as const),
  exposedHeaders: Object.freeze(['ETag'] as const),
  maxAgeSeconds: 3000,
});

/** How long API Gateway caches the authorizer's answer per `Authorization` header, in seconds. */
export const AUTHORIZER_CACHE_TTL_SECONDS = 60;
