import { authorizerEvent, encodeS3EventKey, httpApiEvent, s3Event, snsEvent } from '../../src';

describe('encodeS3EventKey', () => {
  it('encodes like S3 event notifications: + for space, %XX for the rest, slashes kept', () => {
    expect(encodeS3EventKey('uploads/avatars/Zoë S/a+b.jpg')).toBe('uploads/avatars/Zo%C3%AB+S/a%2Bb.jpg');
    expect(encodeS3EventKey("a(b)!'*~")).toBe('a%28b%29%21%27*%7E');
  });
});

describe('event builders', () => {
  it('build HTTP API 2.0 events with lower-case headers and the authorizer context', () => {
    const event = httpApiEvent({ routeKey: 'POST /avatars/key_upload', body: { a: 1 }, headers: { Origin: 'http://x' } });
    expect(event.version).toBe('2.0');
    expect(event.requestContext.http.method).toBe('POST');
    expect(event.headers['origin']).toBe('http://x');
    expect(event.headers['content-type']).toBe('application/json');
    expect(event.requestContext.authorizer.lambda.username).toBe('alice');
    expect(httpApiEvent({ authorizer: null }).requestContext.authorizer).toBeUndefined();
  });

  it('put the Authorization header in the authorizer event identity source', () => {
    const event = authorizerEvent({ headers: { Authorization: 'Bearer x' } });
    expect(event.identitySource).toEqual(['Bearer x']);
    expect(event.headers?.['authorization']).toBe('Bearer x');
    expect(authorizerEvent().identitySource).toEqual([]);
  });

  it('build S3 and SNS events with encoded keys and JSON messages', () => {
    expect(s3Event([{ bucket: 'b', key: 'a b', size: 3 }]).Records[0]!.s3.object).toMatchObject({ key: 'a+b', size: 3 });
    expect(JSON.parse(snsEvent([{ x: 1 }]).Records[0]!.Sns.Message)).toEqual({ x: 1 });
  });
});
