/** Base class of the errors this package throws. */
export class AvatarUploadError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AvatarUploadError';
  }
}

/** The function's configuration (environment) is incomplete or invalid. */
export class UploadConfigError extends AvatarUploadError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UploadConfigError';
  }
}
