import * as z from 'zod/mini';
import type { ApiIssueParams } from './api-errors';
import { AvatarCropSchema, CROP_METADATA_HEADER } from './avatar-crop';
import { AVATAR_MEDIA_TYPES, type AvatarMediaType, MAX_UPLOAD_BYTES, isAvatarMediaType } from './limits';

const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;
const EXTENSION = /^\.?[A-Za-z0-9]{1,10}$/;

const issue = (apiError: ApiIssueParams['apiError']): { params: ApiIssueParams } => ({ params: { apiError } });

/** The limits a deploy sets on uploads; the schema of the request depends on them. */
export interface UploadLimits {
  maxBytes: number;
}

/**
 * The body of `POST /avatars/key_upload`: what the client will upload, never where. `contentType`
 * is one of `AVATAR_MEDIA_TYPES` (any case, outer spaces ignored; answered in lower case);
 * `contentLength` the exact size in bytes, at most `maxBytes`. The original app's `extension` is
 * tolerated and dropped (the server picks the key's extension); `crop` (optional, see
 * {@link AvatarCropSchema}) is the part of the upright photo to keep; any other field is refused.
 * A type we do not take is a 415, a size over the cap a 413, anything else a 400.
 *
 * @example
 * z.parse(avatarUploadRequestSchema({ maxBytes: MAX_UPLOAD_BYTES }), { contentType: 'image/png', contentLength: 52_000 });
 */
export function avatarUploadRequestSchema(limits: UploadLimits) {
  return z.pipe(
    z.strictObject(
      {
        contentType: z.pipe(
          z.pipe(z.string({ error: 'contentType must be a media type string' }), z.transform((text) => text.trim().toLowerCase())),
          z.string().check(
            z.minLength(1, { error: 'contentType must be a media type string', abort: true }),
            z.regex(MEDIA_TYPE, { error: 'contentType must be a media type such as image/jpeg', abort: true }),
            z.refine(isAvatarMediaType, { error: `contentType must be one of ${AVATAR_MEDIA_TYPES.join(', ')}`, ...issue('unsupported-content-type') }),
          ),
        ),
        contentLength: z.int({ error: 'contentLength must be a positive whole number of bytes' }).check(
          // Worded by z.int's error; a length that is not positive is never over the cap, so no abort is needed.
          z.positive(),
          z.refine((bytes) => bytes <= limits.maxBytes, { error: `file must be at most ${limits.maxBytes} bytes`, ...issue('upload-too-large') }),
        ),
        extension: z.optional(z.string({ error: 'extension must be a short file extension such as jpg' }).check(z.regex(EXTENSION))),
        crop: z.optional(AvatarCropSchema),
      },
      {
        error: (iss) =>
          iss.code === 'unrecognized_keys'
            ? `unexpected field: ${String(iss.keys[0]).slice(0, 40)}`
            : 'body must be an object with contentType and contentLength',
      },
    ),
    z.transform(({ contentType, contentLength, crop }) => ({
      contentType: contentType as AvatarMediaType,
      contentLength,
      ...(crop === undefined ? {} : { crop }),
    })),
  );
}

/** The request schema with the default cap. */
export const AvatarUploadRequestSchema = avatarUploadRequestSchema({ maxBytes: MAX_UPLOAD_BYTES });

/** A validated upload request: what the handler works with. */
export type AvatarUploadRequest = z.output<typeof AvatarUploadRequestSchema>;

/** Everything a browser needs to upload the file straight to S3. */
export const AvatarUploadTicketSchema = z.object({
  url: z.string().check(z.minLength(1)),
  method: z.literal('PUT'),
  /**
   * Headers the PUT must carry, exactly; all are signed. Browsers set Content-Length themselves.
   * `x-amz-meta-crop` is there only when the request had a crop (formatAvatarCrop).
   */
  headers: z.object({ 'Content-Type': z.string(), 'Content-Length': z.string(), [CROP_METADATA_HEADER]: z.optional(z.string()) }),
  key: z.string(),
  /** The upload's id (the key carries it): `GET /avatars/uploads/{uploadId}` tells its outcome. */
  uploadId: z.string().check(z.minLength(1)),
  /** ISO 8601 time after which S3 refuses the URL. */
  expiresAt: z.string(),
});

export type AvatarUploadTicket = z.infer<typeof AvatarUploadTicketSchema>;
