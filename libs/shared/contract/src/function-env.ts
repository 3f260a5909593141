import { MAX_UPLOAD_BYTES } from './limits';

/**
 * The environment variables each function reads, by name: infra sets them, the function's lib
 * reads them, both from here. (Here rather than in each lib so that infra's synth loads no SDK,
 * sharp or pg to learn a name.)
 *
 * @example
 * environment: { [FUNCTION_ENV.presign.uploadsBucket]: bucket.bucketName }
 */
export const FUNCTION_ENV = Object.freeze({
  authorizer: Object.freeze({
    cognitoUserPoolId: 'COGNITO_USER_POOL_ID',
    cognitoClientId: 'COGNITO_CLIENT_ID',
    jwtIssuer: 'JWT_ISSUER',
    jwtJwksUri: 'JWT_JWKS_URI',
  }),
  presign: Object.freeze({
    uploadsBucket: 'UPLOADS_BUCKET',
    uploadMaxBytes: 'UPLOAD_MAX_BYTES',
    uploadUrlExpiresSeconds: 'UPLOAD_URL_EXPIRES_SECONDS',
    s3Endpoint: 'S3_ENDPOINT',
    allowedOrigins: 'ALLOWED_ORIGINS',
  }),
  thumbnail: Object.freeze({
    assetsBucket: 'ASSETS_BUCKET',
    uploadMaxBytes: 'UPLOAD_MAX_BYTES',
    avatarProcessedTopicArn: 'AVATAR_PROCESSED_TOPIC_ARN',
    s3Endpoint: 'S3_ENDPOINT',
    /** `off` frames uploads without a crop by content alone, without loading the face detector (default `on`). */
    faceFraming: 'FACE_FRAMING',
  }),
  profile: Object.freeze({
    assetsBaseUrl: 'ASSETS_BASE_URL',
    /** The subscriber's and removeAvatar's only: where they delete superseded and removed renditions. */
    assetsBucket: 'ASSETS_BUCKET',
    /** removeAvatar's only: the CloudFront distribution whose cached copies of removed renditions it invalidates. */
    distributionId: 'CLOUDFRONT_DISTRIBUTION_ID',
    allowedOrigins: 'ALLOWED_ORIGINS',
    databaseUrl: 'DATABASE_URL',
    databaseSecretArn: 'DATABASE_SECRET_ARN',
    /** The presign function's URL lifetime: how long an upload may stay pending. */
    uploadUrlExpiresSeconds: 'UPLOAD_URL_EXPIRES_SECONDS',
    /** IAM database authentication: host, port, database and user; the password is a signed token. */
    databaseHost: 'DATABASE_HOST',
    databasePort: 'DATABASE_PORT',
    databaseName: 'DATABASE_NAME',
    databaseUser: 'DATABASE_USER',
  }),
});

/**
 * The database role the profile functions sign in as with IAM authentication (`DATABASE_USER`);
 * the migration `create_app_role` creates it with only the table privileges the app needs.
 */
export const DATABASE_APP_USER = 'cruddur_app';

/** The highest upload cap a deploy may set: S3's largest single PUT (5 GiB), all a presigned URL can take. */
export const UPLOAD_MAX_BYTES_CEILING = 5 * 1024 ** 3;

/**
 * The one reading of `UPLOAD_MAX_BYTES`, by every function that reads it and by infra, which sets it:
 * unset or empty is the contract's `MAX_UPLOAD_BYTES`; anything else must be digits only, a whole
 * number of bytes from 1 to `UPLOAD_MAX_BYTES_CEILING` (no sign, spaces, decimals, exponent or hex).
 *
 * @param name What the value is called where it was read (the variable, or infra's context key).
 * @throws {RangeError} naming `name` and the value; each caller wraps it in its own config error.
 * @example
 * parseUploadMaxBytes(process.env[FUNCTION_ENV.presign.uploadMaxBytes]); // 10485760 when unset
 * parseUploadMaxBytes('1e3'); // throws: UPLOAD_MAX_BYTES must be a whole number of bytes from 1 to 5368709120, got "1e3"
 */
export function parseUploadMaxBytes(raw: string | undefined, name: string = FUNCTION_ENV.presign.uploadMaxBytes): number {
  if (raw === undefined || raw === '') return MAX_UPLOAD_BYTES;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= 1 && value <= UPLOAD_MAX_BYTES_CEILING)) {
    throw new RangeError(`${name} must be a whole number of bytes from 1 to ${UPLOAD_MAX_BYTES_CEILING}, got ${JSON.stringify(raw.slice(0, 20))}`);
  }
  return value;
}
