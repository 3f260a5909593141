import { type BucketCorsRule } from '../../src';
import { matchCorsRule, preflightHeaders, requestedHeaders } from '../../src/bucket-cors';

const RULE: BucketCorsRule = {
  allowedOrigins: ['http://localhost:5173'],
  allowedMethods: ['PUT'],
  allowedHeaders: ['content-type', 'x-amz-*'],
  exposedHeaders: ['ETag'],
  maxAgeSeconds: 3000,
};

describe('bucket CORS', () => {
  it('allows the web origin to PUT with content-type and x-amz-* headers', () => {
    const headers = requestedHeaders('Content-Type, X-Amz-Checksum-Crc32');
    expect(matchCorsRule([RULE], { origin: 'http://localhost:5173', method: 'PUT', requestHeaders: headers })).toBe(RULE);
    expect(preflightHeaders(RULE, 'http://localhost:5173', headers)).toMatchObject({
      'Access-Control-Allow-Origin': 'http://localhost:5173',
      'Access-Control-Allow-Methods': 'PUT',
      'Access-Control-Allow-Headers': 'content-type, x-amz-checksum-crc32',
      'Access-Control-Expose-Headers': 'ETag',
      'Access-Control-Max-Age': '3000',
    });
  });

  it.each([
    ['another origin', { origin: 'https://evil.example', method: 'PUT', requestHeaders: [] }],
    ['another method', { origin: 'http://localhost:5173', method: 'DELETE', requestHeaders: [] }],
    ['a header not allowed', { origin: 'http://localhost:5173', method: 'PUT', requestHeaders: ['authorization'] }],
  ])('refuses %s', (_, request) => {
    expect(matchCorsRule([RULE], request)).toBeUndefined();
  });
});
