import { bearerToken } from '../../src/bearer-token';
import { MalformedAuthorizationError, MissingTokenError } from '../../src/errors';

const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1MSJ9.c2lnbmF0dXJl';

describe('bearerToken', () => {
  it.each(['authorization', 'Authorization', 'AUTHORIZATION', 'aUtHoRiZaTiOn'])(
    'finds the header named %s',
    (name) => {
      expect(bearerToken({ [name]: `Bearer ${jwt}` })).toBe(jwt);
    },
  );

  it.each(['Bearer', 'bearer', 'BEARER'])('accepts the scheme spelled %s', (scheme) => {
    expect(bearerToken({ authorization: `${scheme} ${jwt}` })).toBe(jwt);
  });

  it('takes one or more spaces after the scheme (RFC 6750: "Bearer" 1*SP b64token)', () => {
    expect(bearerToken({ authorization: `Bearer  ${jwt}` })).toBe(jwt);
    expect(bearerToken({ authorization: `Bearer    ${jwt}` })).toBe(jwt);
  });

  it('ignores whitespace around the value', () => {
    expect(bearerToken({ authorization: `  Bearer ${jwt} ` })).toBe(jwt);
  });

  it.each([
    ['no headers at all', undefined],
    ['no Authorization header', { 'content-type': 'application/json' }],
    ['an undefined value', { authorization: undefined }],
    ['an empty value', { authorization: '' }],
    ['a blank value', { authorization: '   ' }],
  ])('throws MissingTokenError for %s', (_, headers) => {
    expect(() => bearerToken(headers)).toThrow(MissingTokenError);
  });

  it.each([
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['the scheme alone', 'Bearer'],
    ['a scheme without a space', `Bearer${jwt}`],
    ['two tokens', 'Bearer a b'],
    ['a token without scheme', jwt],
    ['the scheme inside a longer word', `xBearer ${jwt}`],
    ['the scheme after another one', `Basic Bearer ${jwt}`],
    ['a comma-joined duplicate header', `Bearer ${jwt}, Bearer ${jwt}`],
    ['a tab inside the token', `Bearer ${jwt}\tx`],
  ])('throws MalformedAuthorizationError for %s', (_, value) => {
    expect(() => bearerToken({ authorization: value })).toThrow(MalformedAuthorizationError);
  });

  it.each(['cache-control', 'proxy-authorization', 'x-authorization', 'authorizations'])(
    'takes no token from %s, a header that only looks like it',
    (name) => {
      expect(() => bearerToken({ [name]: `Bearer ${jwt}` })).toThrow(MissingTokenError);
      expect(bearerToken({ [name]: 'Bearer other', authorization: `Bearer ${jwt}` })).toBe(jwt);
    },
  );

  it('takes the one non-blank Authorization header when another spelling of it is blank', () => {
    expect(bearerToken({ Authorization: '  ', authorization: `Bearer ${jwt}` })).toBe(jwt);
    expect(bearerToken({ authorization: `Bearer ${jwt}`, AUTHORIZATION: '' })).toBe(jwt);
  });

  it('leaves the token characters to the JWT parser (the verifier refuses them)', () => {
    expect(bearerToken({ authorization: 'Bearer abc<script>' })).toBe('abc<script>');
  });

  it('rejects two Authorization headers that differ only in case, saying so', () => {
    const twice = () => bearerToken({ authorization: `Bearer ${jwt}`, Authorization: `Bearer ${jwt}` });

    expect(twice).toThrow(MalformedAuthorizationError);
    expect(twice).toThrow('more than one Authorization header');
  });

  it('never puts the header value in the error message', () => {
    expect(() => bearerToken({ authorization: 'Basic c2VjcmV0' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('c2VjcmV0') }),
    );
  });
});
