import { type AvatarUploadRequest, type UploadLimits, apiErrorCodeOf, avatarUploadRequestSchema } from '@cruddur/shared/contract';
import { InvalidUploadRequestError, UnsupportedContentTypeError, UploadTooLargeError } from './errors';

export type { AvatarUploadRequest };

/**
 * Validates the JSON body of `POST /avatars/key_upload` with the contract's schema, outside a
 * handler (the handler's parser middleware uses the same schema). The client announces what it
 * will upload; it chooses nothing about where: an `extension` is tolerated and ignored, any other
 * field refused.
 *
 * @throws UnsupportedContentTypeError, UploadTooLargeError or InvalidUploadRequestError
 *
 * @example
 * parseAvatarUploadRequest({ contentType: 'image/png', contentLength: 52_000 }, { maxBytes: 10_485_760 });
 */
export function parseAvatarUploadRequest(body: unknown, limits: UploadLimits): AvatarUploadRequest {
  const result = avatarUploadRequestSchema(limits).safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  // Stryker disable next-line OptionalChaining,StringLiteral: a failed parse always has an issue; the fallback only satisfies the type checker.
  const message = issue?.message ?? 'the request is not valid';
  switch (apiErrorCodeOf(issue)) {
    case 'unsupported-content-type':
      throw new UnsupportedContentTypeError(message);
    case 'upload-too-large':
      throw new UploadTooLargeError(limits.maxBytes);
    default:
      throw new InvalidUploadRequestError(message);
  }
}
