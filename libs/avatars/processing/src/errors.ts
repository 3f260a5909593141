import type { UploadRejectionReason } from '@cruddur/shared/contract';

/** Base class of the errors this package throws. */
class AvatarProcessingError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AvatarProcessingError';
  }
}

/**
 * The upload can never become an avatar (not an image, too big, key outside the layout). Retrying
 * cannot help, so the record is announced as rejected with its `reason` and not retried; the
 * original stays until the lifecycle rule.
 */
export class RejectedUploadError extends AvatarProcessingError {
  readonly reason: UploadRejectionReason;

  constructor(message: string, options: ErrorOptions & { reason: UploadRejectionReason }) {
    super(message, options);
    this.name = 'RejectedUploadError';
    this.reason = options.reason;
  }
}

/**
 * The original is gone: processed and deleted by an earlier delivery (S3 delivers at least once), or
 * expired by the lifecycle rule. Nothing is left to do, so the record is logged and skipped, not retried.
 */
export class OriginalGoneError extends AvatarProcessingError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'OriginalGoneError';
  }
}

/** Some records failed for reasons that may pass (S3 or SNS errors); the event should be retried. */
export class RetryableProcessingError extends AvatarProcessingError {
  constructor(
    message: string,
    readonly failures: readonly { key: string; error: unknown }[],
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'RetryableProcessingError';
  }
}

/** The function's configuration (environment) is incomplete or invalid. */
export class ProcessingConfigError extends AvatarProcessingError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ProcessingConfigError';
  }
}
