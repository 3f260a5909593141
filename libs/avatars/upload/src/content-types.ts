import { AVATAR_CONTENT_TYPES, type AvatarMediaType } from '@cruddur/shared/contract';
import type { UploadExtension } from '@cruddur/storage/s3-keys';

/** The extension each accepted media type gets in its upload key (the contract's list). */
export const UPLOAD_CONTENT_TYPES: Readonly<Record<AvatarMediaType, UploadExtension>> = Object.freeze(
  Object.fromEntries(Object.entries(AVATAR_CONTENT_TYPES).map(([mediaType, type]) => [mediaType, type.keyExtension])) as Record<
    AvatarMediaType,
    UploadExtension
  >,
);

