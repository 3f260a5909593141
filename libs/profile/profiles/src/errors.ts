/** Base class of the errors this package throws. */
class ProfileError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ProfileError';
  }
}

/** A profile update the client must fix (a bad or unknown field); the message says which. */
export class InvalidProfileUpdateError extends ProfileError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InvalidProfileUpdateError';
  }
}

/** No public profile has this handle. */
export class ProfileNotFoundError extends ProfileError {
  constructor(message = 'profile not found', options?: ErrorOptions) {
    super(message, options);
    this.name = 'ProfileNotFoundError';
  }
}

/** An "avatar processed" message that can never be recorded (bad JSON or shape); retrying cannot help. */
export class InvalidAvatarMessageError extends ProfileError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InvalidAvatarMessageError';
  }
}

/** An upload id in a request that is not one (`<13-digit ms>-<16 hex>`): the client must fix it. */
export class InvalidUploadIdError extends ProfileError {
  constructor(message = 'uploadId must be the uploadId of an upload ticket', options?: ErrorOptions) {
    super(message, options);
    this.name = 'InvalidUploadIdError';
  }
}

/** No upload of the caller has this id (someone else's, or one that cannot have been issued yet). */
export class UploadNotFoundError extends ProfileError {
  constructor(message = 'upload not found', options?: ErrorOptions) {
    super(message, options);
    this.name = 'UploadNotFoundError';
  }
}

/** No free handle was found for a username (every candidate taken, or lost to concurrent sign-ups). */
export class HandleUnavailableError extends ProfileError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'HandleUnavailableError';
  }
}

/**
 * The avatar is removed (the profile shows none), but its renditions could not all be deleted or
 * invalidated yet: the client should repeat the removal, which repeats only the cleanup.
 */
export class AvatarRemovalIncompleteError extends ProfileError {
  constructor(message = 'avatar removed, but its images are not deleted yet: try again', options?: ErrorOptions) {
    super(message, options);
    this.name = 'AvatarRemovalIncompleteError';
  }
}

/** The profile functions' configuration (environment) is incomplete or invalid. */
export class ProfileConfigError extends ProfileError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ProfileConfigError';
  }
}
