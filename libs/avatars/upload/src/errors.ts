/** Base class of the errors this package throws. */
export class AvatarUploadError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AvatarUploadError';
  }
}

/** The upload request is missing a field, has a wrong one, or has fields we don't take. */
export class InvalidUploadRequestError extends AvatarUploadError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InvalidUploadRequestError';
  }
}

/** The announced file is bigger than the configured cap. */
export class UploadTooLargeError extends AvatarUploadError {
  constructor(maxBytes: number, options?: ErrorOptions) {
    super(`file must be at most ${maxBytes} bytes`, options);
    this.name = 'UploadTooLargeError';
  }
}

/** The announced content type is not an image type we process. */
export class UnsupportedContentTypeError extends AvatarUploadError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UnsupportedContentTypeError';
  }
}

/** The function's configuration (environment) is incomplete or invalid. */
export class UploadConfigError extends AvatarUploadError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UploadConfigError';
  }
}
