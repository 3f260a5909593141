import { InvalidUploadRequestError, UnsupportedContentTypeError, UploadTooLargeError } from './errors';
import { UPLOAD_CONTENT_TYPES } from './content-types';

/** A validated request for an avatar upload URL. */
export interface AvatarUploadRequest {
  /** Lower-case media type, one of `UPLOAD_CONTENT_TYPES`. */
  contentType: string;
  /** Exact size of the file in bytes. */
  contentLength: number;
}

// `extension` is what the original app's page sent; it is accepted for that page and never used:
// the server picks the key's extension from the validated content type.
const FIELDS = new Set(['contentType', 'contentLength', 'extension']);
const EXTENSION = /^\.?[A-Za-z0-9]{1,10}$/;
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

/**
 * Validates the JSON body of `POST /avatars/key_upload`. The client announces what it will upload;
 * it chooses nothing about where: an `extension` is tolerated and ignored, any other field refused.
 *
 * @example
 * parseAvatarUploadRequest({ contentType: 'image/png', contentLength: 52_000 }, { maxBytes: 10_485_760 });
 */
export function parseAvatarUploadRequest(body: unknown, limits: { maxBytes: number }): AvatarUploadRequest {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new InvalidUploadRequestError('body must be an object with contentType and contentLength');
  }
  const extra = Object.keys(body).filter((field) => !FIELDS.has(field));
  if (extra.length > 0) throw new InvalidUploadRequestError(`unexpected field: ${extra[0]?.slice(0, 40)}`);
  const { contentType, contentLength, extension } = body as Record<string, unknown>;
  if (extension !== undefined && (typeof extension !== 'string' || !EXTENSION.test(extension))) {
    throw new InvalidUploadRequestError('extension must be a short file extension such as jpg');
  }

  if (typeof contentType !== 'string' || contentType === '') {
    throw new InvalidUploadRequestError('contentType must be a media type string');
  }
  const mediaType = contentType.trim().toLowerCase();
  if (!MEDIA_TYPE.test(mediaType)) throw new InvalidUploadRequestError('contentType must be a media type such as image/jpeg');
  if (!Object.hasOwn(UPLOAD_CONTENT_TYPES, mediaType)) {
    throw new UnsupportedContentTypeError(`contentType must be one of ${Object.keys(UPLOAD_CONTENT_TYPES).join(', ')}`);
  }

  if (typeof contentLength !== 'number' || !Number.isSafeInteger(contentLength) || contentLength <= 0) {
    throw new InvalidUploadRequestError('contentLength must be a positive whole number of bytes');
  }
  if (contentLength > limits.maxBytes) throw new UploadTooLargeError(limits.maxBytes);

  return { contentType: mediaType, contentLength };
}
