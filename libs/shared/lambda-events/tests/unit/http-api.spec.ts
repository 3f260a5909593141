import { type HttpApiRequestParts, httpApiAuthorizerEvent, httpApiProxyEvent } from '../../src';
import { requestTime } from '../../src/http-api';

const API = { apiId: 'local', region: 'eu-west-1', stage: '$default', accountId: '000000000000' };
const REQUEST: HttpApiRequestParts = {
  method: 'GET',
  routeKey: 'GET /api/profiles/{handle}',
  rawPath: '/api/profiles/andrew',
  rawQueryString: 'a=1&a=2&b=x+y',
  headers: { host: '127.0.0.1:4010', 'user-agent': 'curl/8' },
  cookies: ['c=1'],
  pathParameters: { handle: 'andrew' },
  sourceIp: '127.0.0.1',
  protocol: 'HTTP/1.1',
  time: new Date('2026-11-26T23:30:00Z'),
};

describe('httpApiProxyEvent', () => {
  it('builds payload 2.0 from the request as received', () => {
    const event = httpApiProxyEvent(API, REQUEST);
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /api/profiles/{handle}',
      rawQueryString: 'a=1&a=2&b=x+y',
      queryStringParameters: { a: '1,2', b: 'x y' },
      pathParameters: { handle: 'andrew' },
      cookies: ['c=1'],
      isBase64Encoded: false,
      requestContext: {
        accountId: '000000000000',
        domainName: '127.0.0.1:4010',
        http: { method: 'GET', path: '/api/profiles/andrew', sourceIp: '127.0.0.1', userAgent: 'curl/8' },
        time: '26/Nov/2026:23:30:00 +0000',
        timeEpoch: Date.parse('2026-11-26T23:30:00Z'),
      },
    });
    expect(event).not.toHaveProperty('body');
    expect(event.requestContext).not.toHaveProperty('authorizer');
  });

  it('carries a base64 body and the authorizer context', () => {
    const event = httpApiProxyEvent(API, { ...REQUEST, body: 'AAEC', isBase64Encoded: true }, { sub: 'u-1' });
    expect(event).toMatchObject({ body: 'AAEC', isBase64Encoded: true, requestContext: { authorizer: { lambda: { sub: 'u-1' } } } });
  });
});

describe('httpApiAuthorizerEvent', () => {
  it('names the route in the ARN and passes the identity source', () => {
    const event = httpApiAuthorizerEvent(API, REQUEST, ['Bearer t']);
    expect(event).toMatchObject({
      type: 'REQUEST',
      routeArn: 'arn:aws:execute-api:eu-west-1:000000000000:local/$default/GET/api/profiles/{handle}',
      identitySource: ['Bearer t'],
      queryStringParameters: { a: '1,2', b: 'x y' },
      stageVariables: {},
    });
  });
});

describe('requestTime', () => {
  it('pads every field', () => {
    expect(requestTime(new Date('2026-01-02T03:04:05Z'))).toBe('02/Jan/2026:03:04:05 +0000');
  });
});
