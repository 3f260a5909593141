import { API_CORS, AUTHORIZER_CACHE_TTL_SECONDS, UPLOADS_BUCKET_CORS } from '../../src';

describe('what browsers are told', () => {
  it('the HTTP API lets the page call every route method with a bearer token and a JSON body, cached for an hour', () => {
    expect(API_CORS).toEqual({ allowMethods: ['GET', 'POST', 'PUT', 'DELETE'], allowHeaders: ['authorization', 'content-type'], maxAgeSeconds: 3600 });
    expect(Object.isFrozen(API_CORS.allowMethods) && Object.isFrozen(API_CORS.allowHeaders)).toBe(true);
  });

  it('the uploads bucket takes presigned PUTs with their signed headers and shows the ETag', () => {
    expect(UPLOADS_BUCKET_CORS).toEqual({ allowedMethods: ['PUT'], allowedHeaders: ['content-type', 'x-amz-*'], exposedHeaders: ['ETag'], maxAgeSeconds: 3000 });
    expect([UPLOADS_BUCKET_CORS.allowedMethods, UPLOADS_BUCKET_CORS.allowedHeaders, UPLOADS_BUCKET_CORS.exposedHeaders].every(Object.isFrozen)).toBe(true);
  });

  it("the authorizer's answer is cached for a minute", () => {
    expect(AUTHORIZER_CACHE_TTL_SECONDS).toBe(60);
  });
});
