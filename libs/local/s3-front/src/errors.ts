/** HTTP status S3 answers each error code with. */
const STATUS_BY_CODE: Readonly<Record<string, number>> = Object.freeze({
  AccessDenied: 403,
  AccessForbidden: 403,
  AuthorizationHeaderMalformed: 400,
  AuthorizationQueryParametersError: 400,
  BadDigest: 400,
  BadRequest: 400,
  EntityTooLarge: 400,
  IncompleteBody: 400,
  InvalidAccessKeyId: 403,
  InvalidArgument: 400,
  InvalidBucketName: 400,
  InvalidRequest: 400,
  InvalidToken: 400,
  KeyTooLongError: 400,
  MissingContentLength: 411,
  NoSuchUpload: 404,
  NotImplemented: 501,
  RequestTimeTooSkewed: 403,
  SignatureDoesNotMatch: 403,
  XAmzContentSHA256Mismatch: 400,
});

/**
 * An error S3 would answer with: its code, message and the extra elements S3 puts in the XML body
 * (e.g. `StringToSign` for a signature mismatch).
 */
export class S3Error extends Error {
  readonly status: number;

  constructor(
    readonly code: string,
    message: string,
    readonly detail: Readonly<Record<string, string>> = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'S3Error';
    this.status = STATUS_BY_CODE[code] ?? 500;
  }
}

