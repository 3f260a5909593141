/** Base class of the page's errors; `message` is always safe and meant for the person using the page. */
export class WebError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'WebError';
  }
}

/** `/config.json` is missing or does not have the expected shape. */
export class ConfigError extends WebError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ConfigError';
  }
}

/** A request never got an answer: offline, DNS, CORS refusal or a server that is down. */
export class NetworkError extends WebError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'NetworkError';
  }
}

/** Cognito refused a call; `code` is its error type without namespace, e.g. `NotAuthorizedException`. */
export class CognitoError extends WebError {
  readonly code: string;

  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CognitoError';
    this.code = code;
  }
}

/** The access token is missing, expired or was refused by the API: the user has to sign in again. */
export class SessionExpiredError extends WebError {
  constructor(message = 'Your session has expired. Please sign in again.', options?: ErrorOptions) {
    super(message, options);
    this.name = 'SessionExpiredError';
  }
}

/** The API answered with an error status; `message` is the API's own `{ message }` when it sent one. */
export class ApiError extends WebError {
  readonly status: number;

  constructor(status: number, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ApiError';
    this.status = status;
  }
}

/** `GET /api/profiles/{handle}` answered 404. */
export class ProfileNotFoundError extends ApiError {
  constructor(handle: string, options?: ErrorOptions) {
    super(404, `There is no profile @${handle}.`, options);
    this.name = 'ProfileNotFoundError';
  }
}

/** Why an avatar upload did not end with a new avatar. */
export type AvatarUploadFailure =
  | 'empty'
  | 'too-large'
  | 'wrong-type'
  | 'rejected'
  | 'network'
  /** The thumbnail refused the file; the message gives its reason. */
  | 'not-processed'
  /** The server never saw the file arrive. */
  | 'expired'
  /** Not decided within the page's wait: slow, not refused. */
  | 'still-processing';

/** An avatar upload failed, before, during or after the transfer; `reason` says which way. */
export class AvatarUploadError extends WebError {
  readonly reason: AvatarUploadFailure;

  constructor(reason: AvatarUploadFailure, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AvatarUploadError';
    this.reason = reason;
  }
}
