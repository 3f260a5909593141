/** Base class of the request errors this package raises while reading an HTTP API request. */
export class HttpRequestError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'HttpRequestError';
  }
}

/** The body is not valid JSON, or not a JSON object. */
export class MalformedBodyError extends HttpRequestError {
  constructor(message = 'body must be a JSON object', options?: ErrorOptions) {
    super(message, options);
    this.name = 'MalformedBodyError';
  }
}

/** The body is larger than the route accepts. */
export class BodyTooLargeError extends HttpRequestError {
  constructor(maxBytes: number, options?: ErrorOptions) {
    super(`body must be at most ${maxBytes} bytes`, options);
    this.name = 'BodyTooLargeError';
  }
}

/** The body is not declared as `application/json`. */
export class UnsupportedBodyTypeError extends HttpRequestError {
  constructor(message = 'body must be application/json', options?: ErrorOptions) {
    super(message, options);
    this.name = 'UnsupportedBodyTypeError';
  }
}

/** A protected route was reached without the identity our authorizer attaches. */
export class MissingIdentityError extends HttpRequestError {
  constructor(message = 'authentication required', options?: ErrorOptions) {
    super(message, options);
    this.name = 'MissingIdentityError';
  }
}
