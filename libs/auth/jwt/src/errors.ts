/** Base class of every error this library throws: catch it to handle any JWT failure. */
export class JwtError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'JwtError';
  }
}

/** The request carries no `Authorization` header, or an empty one. */
export class MissingTokenError extends JwtError {
  constructor(message = 'missing Authorization header', options?: ErrorOptions) {
    super(message, options);
    this.name = 'MissingTokenError';
  }
}

/** The `Authorization` header is not exactly `Bearer <token>`. */
export class MalformedAuthorizationError extends JwtError {
  constructor(message = 'Authorization header is not "Bearer <token>"', options?: ErrorOptions) {
    super(message, options);
    this.name = 'MalformedAuthorizationError';
  }
}

/** The token failed verification; `cause` holds the aws-jwt-verify error when there is one. */
export class InvalidTokenError extends JwtError {
  constructor(message = 'invalid token', options?: ErrorOptions) {
    super(message, options);
    this.name = 'InvalidTokenError';
  }
}

/** The signing keys (JWKS) could not be fetched: a server-side problem, not the caller's. */
export class JwksUnavailableError extends JwtError {
  constructor(message = 'JWKS unavailable', options?: ErrorOptions) {
    super(message, options);
    this.name = 'JwksUnavailableError';
  }
}

/** The verifier's configuration is missing or invalid. */
export class VerifierConfigError extends JwtError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'VerifierConfigError';
  }
}
