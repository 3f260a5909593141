import {
  InvalidTokenError,
  JwksUnavailableError,
  JwtError,
  MalformedAuthorizationError,
  MissingTokenError,
  VerifierConfigError,
} from '../../src/errors';

describe('errors', () => {
  it.each([
    [MissingTokenError, 'MissingTokenError'],
    [MalformedAuthorizationError, 'MalformedAuthorizationError'],
    [InvalidTokenError, 'InvalidTokenError'],
    [JwksUnavailableError, 'JwksUnavailableError'],
    [VerifierConfigError, 'VerifierConfigError'],
  ])('%p is a JwtError named %s that keeps its cause', (ErrorClass, name) => {
    const cause = new Error('underlying');
    const error = new ErrorClass('message', { cause });

    expect(error).toBeInstanceOf(JwtError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(name);
    expect(error.message).toBe('message');
    expect(error.cause).toBe(cause);
  });

  it('gives the caller-facing errors a default message', () => {
    expect(new MissingTokenError().message).toBe('missing Authorization header');
    expect(new MalformedAuthorizationError().message).toBe('Authorization header is not "Bearer <token>"');
    expect(new InvalidTokenError().message).toBe('invalid token');
    expect(new JwksUnavailableError().message).toBe('JWKS unavailable');
  });

  it('names the base class too, so a caught JwtError reads as one in a log', () => {
    const error = new JwtError('token check failed');

    expect(error.name).toBe('JwtError');
    expect(String(error)).toBe('JwtError: token check failed');
  });
});
