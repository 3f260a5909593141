import {
  CognitoJwtInvalidClientIdError,
  CognitoJwtInvalidTokenUseError,
  FetchError,
  JwksValidationError,
  JwtExpiredError,
  JwtInvalidAudienceError,
  JwtInvalidIssuerError,
  JwtInvalidScopeError,
  JwtInvalidSignatureAlgorithmError,
  JwtInvalidSignatureError,
  JwtNotBeforeError,
  JwtParseError,
  JwtWithoutValidKidError,
  KidNotFoundInJwksError,
  NonRetryableFetchError,
  ParameterValidationError,
  WaitPeriodNotYetEndedJwkError,
} from 'aws-jwt-verify/error';
import { InvalidTokenError, JwksUnavailableError, MissingTokenError } from '../../src/errors';
import { toJwtError } from '../../src/verification-error';

describe('toJwtError', () => {
  it.each([
    ['JwtExpiredError', new JwtExpiredError('Token expired at …', 0), 'token expired'],
    ['JwtNotBeforeError', new JwtNotBeforeError("Token can't be used before …", 0), 'token not yet valid'],
    ['JwtInvalidSignatureError', new JwtInvalidSignatureError('Invalid signature'), 'invalid signature'],
    [
      'JwtInvalidSignatureAlgorithmError',
      new JwtInvalidSignatureAlgorithmError('JWT signature algorithm not allowed', 'HS256', 'RS256'),
      'unsupported signature algorithm',
    ],
    ['JwtInvalidIssuerError', new JwtInvalidIssuerError('Issuer not allowed', 'x', 'y'), 'wrong issuer'],
    ['ParameterValidationError', new ParameterValidationError('issuer not configured: x'), 'wrong issuer'],
    ['JwtInvalidAudienceError', new JwtInvalidAudienceError('Audience not allowed', 'x', 'y'), 'wrong audience'],
    ['CognitoJwtInvalidTokenUseError', new CognitoJwtInvalidTokenUseError('Token use', 'id', 'access'), 'not an access token'],
    ['CognitoJwtInvalidClientIdError', new CognitoJwtInvalidClientIdError('Client ID', 'x', 'y'), 'wrong client'],
    ['KidNotFoundInJwksError', new KidNotFoundInJwksError('JWK for kid not found'), 'unknown signing key'],
    ['JwtWithoutValidKidError', new JwtWithoutValidKidError('no kid'), 'unknown signing key'],
    ['WaitPeriodNotYetEndedJwkError', new WaitPeriodNotYetEndedJwkError('wait'), 'unknown signing key'],
    ['JwtParseError', new JwtParseError('Invalid JWT'), 'malformed token'],
  ])('maps %s to InvalidTokenError "%s" with the cause kept', (_, error, reason) => {
    const mapped = toJwtError(error);

    expect(mapped).toBeInstanceOf(InvalidTokenError);
    expect(mapped).toMatchObject({ message: reason, cause: error });
  });

  it.each([
    ['FetchError', new FetchError('https://x/jwks.json', 'ECONNREFUSED')],
    ['NonRetryableFetchError', new NonRetryableFetchError('https://x/jwks.json', 'Status code is 500')],
    ['JwksValidationError', new JwksValidationError('JWKS could not be parsed as JSON')],
  ])('maps %s to JwksUnavailableError with the cause kept', (_, error) => {
    const mapped = toJwtError(error);

    expect(mapped).toBeInstanceOf(JwksUnavailableError);
    expect(mapped).toMatchObject({ cause: error });
  });

  it('gives any other verification failure the generic reason "invalid token", cause kept', () => {
    const error = new JwtInvalidScopeError('Scope not allowed', 'admin', 'read');
    const mapped = toJwtError(error);

    expect(mapped).toBeInstanceOf(InvalidTokenError);
    expect(mapped).toMatchObject({ message: 'invalid token', cause: error });
  });

  it('passes this library’s own errors through', () => {
    const error = new MissingTokenError();
    expect(toJwtError(error)).toBe(error);
  });

  it('leaves unrelated errors alone: a bug is not an invalid token', () => {
    const error = new TypeError('x is undefined');
    expect(toJwtError(error)).toBe(error);
  });
});
