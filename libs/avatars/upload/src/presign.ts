import { fromEnv } from '@aws-sdk/credential-provider-env';
import { S3RequestPresigner } from '@aws-sdk/s3-request-presigner';
import { HttpRequest } from '@smithy/core/protocols';
import { Hash } from '@smithy/core/serde';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import {
  type AvatarUploadRequest,
  type AvatarUploadTicket,
  CROP_METADATA_HEADER,
  FUNCTION_ENV,
  MAX_UPLOAD_BYTES,
  MAX_UPLOAD_URL_EXPIRES_SECONDS,
  UPLOAD_URL_EXPIRES_SECONDS,
  formatAvatarCrop,
  parseUploadMaxBytes,
} from '@cruddur/shared/contract';
import { avatarUploadKey, newUploadId } from '@cruddur/storage/s3-keys';
import { UPLOAD_CONTENT_TYPES } from './content-types';
import { UploadConfigError } from './errors';

export type { AvatarUploadTicket };

export interface PresignConfig {
  bucket: string;
  region: string;
  maxBytes: number;
  expiresInSeconds: number;
  /** A path-style S3 endpoint such as the local stack's; omitted in AWS. */
  endpoint?: string;
}

/** The environment variables the presign function reads (the contract's names, which infra sets). */
export const PRESIGN_ENV = FUNCTION_ENV.presign;

export const DEFAULT_MAX_UPLOAD_BYTES = MAX_UPLOAD_BYTES;
const DEFAULT_UPLOAD_URL_EXPIRES_SECONDS = UPLOAD_URL_EXPIRES_SECONDS;

function positiveInteger(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0 || value > max) {
    throw new UploadConfigError(`${name} must be a whole number from 1 to ${max}`);
  }
  return value;
}

function uploadMaxBytes(raw: string | undefined): number {
  try {
    return parseUploadMaxBytes(raw, PRESIGN_ENV.uploadMaxBytes);
  } catch (cause) {
    throw new UploadConfigError((cause as Error).message, { cause });
  }
}

/**
 * Reads the presign settings: `UPLOADS_BUCKET` (required), `AWS_REGION` (set by Lambda),
 * `UPLOAD_MAX_BYTES` (the contract's `parseUploadMaxBytes`: default 10 MiB, else digits from 1 to 5 GiB), `UPLOAD_URL_EXPIRES_SECONDS` (default 300; S3 caps presigned
 * URLs at 7 days) and `S3_ENDPOINT` (local stack only).
 *
 * @example
 * const config = presignConfigFromEnv(process.env);
 */
export function presignConfigFromEnv(env: NodeJS.ProcessEnv): PresignConfig {
  const bucket = env[PRESIGN_ENV.uploadsBucket];
  if (!bucket) throw new UploadConfigError(`${PRESIGN_ENV.uploadsBucket} is not set`);
  const region = env['AWS_REGION'] || env['AWS_DEFAULT_REGION'];
  if (!region) throw new UploadConfigError('AWS_REGION is not set');
  const endpoint = env[PRESIGN_ENV.s3Endpoint] || undefined;
  if (endpoint !== undefined && !/^https?:\/\/[^/]+$/.test(endpoint)) {
    throw new UploadConfigError('S3_ENDPOINT must be an origin such as http://127.0.0.1:4569');
  }
  return {
    bucket,
    region,
    endpoint,
    maxBytes: uploadMaxBytes(env[PRESIGN_ENV.uploadMaxBytes]),
    expiresInSeconds: positiveInteger(
      PRESIGN_ENV.uploadUrlExpiresSeconds,
      env[PRESIGN_ENV.uploadUrlExpiresSeconds],
      DEFAULT_UPLOAD_URL_EXPIRES_SECONDS,
      MAX_UPLOAD_URL_EXPIRES_SECONDS,
    ),
  };
}

/** Percent-encodes a key for an S3 URL path the way the SDK does: per segment, `!'()*` too. */
function encodeKeyPath(key: string): string {
  return key
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
    )
    .join('/');
}

// Virtual-hosted style needs a DNS-compatible name without dots (TLS wildcard); else path style.
const VIRTUAL_HOSTABLE_BUCKET = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

/**
 * Signs S3 PUT URLs for browser uploads with the SDK's S3 presigner alone (no S3 client): the
 * function stays small and starts fast, and no default checksum of an empty body is added.
 */
export class UploadUrlSigner {
  private readonly presigner: S3RequestPresigner;

  constructor(
    private readonly config: Pick<PresignConfig, 'region' | 'endpoint'>,
    credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider = fromEnv(),
  ) {
    this.presigner = new S3RequestPresigner({
      credentials,
      region: config.region,
      sha256: Hash.bind(null, 'sha256'),
    });
  }

  /**
   * A URL for one PUT of exactly `contentLength` bytes of `contentType` to `bucket/key`, with
   * exactly the user `metadata` given (lower-case `x-amz-meta-*` names), as signed headers.
   */
  async signPut(input: {
    bucket: string;
    key: string;
    contentType: string;
    contentLength: number;
    metadata?: Readonly<Record<string, string>>;
    expiresInSeconds: number;
    signingDate: Date;
  }): Promise<string> {
    const metadata = input.metadata ?? {};
    const { endpoint, region } = this.config;
    const virtualHost = endpoint === undefined && VIRTUAL_HOSTABLE_BUCKET.test(input.bucket);
    const origin = new URL(endpoint ?? `https://${virtualHost ? `${input.bucket}.` : ''}s3.${region}.amazonaws.com`);
    const path = `${virtualHost ? '' : `/${input.bucket}`}/${encodeKeyPath(input.key)}`;
    const signed = await this.presigner.presign(
      new HttpRequest({
        method: 'PUT',
        protocol: origin.protocol,
        hostname: origin.hostname,
        path,
        // The SDK names the operation in every S3 request; kept so our URLs match its own.
        query: { 'x-id': 'PutObject' },
        headers: {
          host: origin.host,
          'content-type': input.contentType,
          'content-length': String(input.contentLength),
          ...metadata,
        },
      }),
      {
        expiresIn: input.expiresInSeconds,
        signingDate: input.signingDate,
        // The presigner leaves content-type unsigned unless told (content-length it signs anyway); binding it is the point.
        signableHeaders: new Set(['content-type', ...Object.keys(metadata)]),
        // Hoisted into the query, metadata would be the URL's, not a header the PUT must repeat: S3 would take a PUT without it.
        unhoistableHeaders: new Set(Object.keys(metadata)),
      },
    );
    const query = new URLSearchParams(signed.query as Record<string, string>).toString();
    return `${origin.origin}${signed.path}?${query}`;
  }
}

/**
 * Issues a short-lived PUT URL for a new avatar of `sub`. The key comes from `sub` and a fresh id
 * (answered as `uploadId`, which the status route takes; the key carries it, so nothing is stored);
 * the signature binds host, content type and content length, so S3 itself refuses any other file,
 * and the crop if one was asked for (`x-amz-meta-crop`), so S3 refuses a PUT with another or none.
 *
 * @example
 * const ticket = await presignAvatarUpload(signer, config, identity.sub, request);
 */
export async function presignAvatarUpload(
  signer: UploadUrlSigner,
  config: PresignConfig,
  sub: string,
  request: AvatarUploadRequest,
  now: Date = new Date(),
): Promise<AvatarUploadTicket> {
  const extension = UPLOAD_CONTENT_TYPES[request.contentType];
  if (extension === undefined) throw new UploadConfigError(`no extension for ${request.contentType}`);
  const uploadId = newUploadId(now);
  const key = avatarUploadKey(sub, extension, uploadId);
  const metadata: Record<string, string> = request.crop === undefined ? {} : { [CROP_METADATA_HEADER]: formatAvatarCrop(request.crop) };
  const url = await signer.signPut({
    bucket: config.bucket,
    key,
    contentType: request.contentType,
    contentLength: request.contentLength,
    metadata,
    expiresInSeconds: config.expiresInSeconds,
    signingDate: now,
  });
  return {
    url,
    method: 'PUT',
    headers: { 'Content-Type': request.contentType, 'Content-Length': String(request.contentLength), ...metadata },
    key,
    uploadId,
    expiresAt: new Date(now.getTime() + config.expiresInSeconds * 1000).toISOString(),
  };
}
