/** Base class of the errors this package throws. */
export class S3KeyError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'S3KeyError';
  }
}

/** A key (or a part of one) that is outside the avatar key layout. */
export class InvalidKeyError extends S3KeyError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InvalidKeyError';
  }
}
