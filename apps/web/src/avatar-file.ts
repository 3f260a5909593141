import { AVATAR_CONTENT_TYPES as CONTRACT_TYPES, AVATAR_MEDIA_TYPES, MAX_UPLOAD_BYTES } from '@cruddur/shared/contract';
import { AvatarUploadError } from './errors';

/** The image types the API presigns (the contract's), and the extensions a browser may leave the type empty for. */
const AVATAR_CONTENT_TYPES: Readonly<Record<string, readonly string[]>> = Object.freeze(
  Object.fromEntries(Object.entries(CONTRACT_TYPES).map(([mediaType, type]) => [mediaType, type.fileExtensions])),
);

/** The API's default limit; it stays the authority (413) if a deploy configures another. */
export const MAX_AVATAR_BYTES = MAX_UPLOAD_BYTES;

/** The `accept` attribute of the file picker. */
export const AVATAR_ACCEPT = AVATAR_MEDIA_TYPES.join(',');

const labels = Object.values(CONTRACT_TYPES).map((type) => type.label);
export const AVATAR_TYPES_LABEL = `${labels.slice(0, -1).join(', ')} or ${labels.at(-1)}`;

/** What the page knows of a chosen file before reading it (a `File` fits). */
export interface ChosenFile {
  name: string;
  type: string;
  size: number;
}

/** A file that passed the checks: what to announce to `POST /avatars/key_upload`. */
export interface AvatarUploadPlan {
  contentType: string;
  contentLength: number;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
}

/**
 * The content type to upload a file as: the browser's type when it is one we take, else the one
 * its extension names when the browser gave none (some systems know no type for `.avif`).
 *
 * @example
 * avatarContentType({ name: 'me.AVIF', type: '', size: 1 }); // 'image/avif'
 */
export function avatarContentType(file: ChosenFile): string | null {
  const type = file.type.toLowerCase();
  if (type !== '') return type === 'image/jpg' ? 'image/jpeg' : Object.hasOwn(AVATAR_CONTENT_TYPES, type) ? type : null;
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  if (!extension) return null;
  return Object.keys(AVATAR_CONTENT_TYPES).find((candidate) => AVATAR_CONTENT_TYPES[candidate]?.includes(extension)) ?? null;
}

/**
 * Checks a chosen file before asking for an upload URL: a type we process, not empty, at most
 * `maxBytes`.
 *
 * @throws AvatarUploadError with reason `wrong-type`, `empty` or `too-large`
 *
 * @example
 * const { contentType, contentLength } = planAvatarUpload(input.files[0]);
 */
export function planAvatarUpload(file: ChosenFile, maxBytes = MAX_AVATAR_BYTES): AvatarUploadPlan {
  const contentType = avatarContentType(file);
  if (contentType === null) {
    const shown = file.type ? ` (${file.type})` : '';
    throw new AvatarUploadError('wrong-type', `“${file.name}”${shown} is not a supported image. Choose a ${AVATAR_TYPES_LABEL} file.`);
  }
  if (file.size === 0) throw new AvatarUploadError('empty', `“${file.name}” is empty. Choose another photo.`);
  if (file.size > maxBytes) {
    throw new AvatarUploadError(
      'too-large',
      `“${file.name}” is too large (${megabytes(file.size)}). Choose a photo of at most ${megabytes(maxBytes)}.`,
    );
  }
  return { contentType, contentLength: file.size };
}

/**
 * What to tell the person when the API refused to presign: 413 and 415 mirror the checks above
 * (the API is the authority when a deploy sets other limits); anything else keeps the API's message.
 *
 * @example
 * throw ticketRefusal(413, 'file must be at most 5242880 bytes');
 */
export function ticketRefusal(status: number, message: string): AvatarUploadError {
  if (status === 413) return new AvatarUploadError('too-large', 'That file is too large for an avatar. Choose a smaller photo.');
  if (status === 415) {
    return new AvatarUploadError('wrong-type', `That file type is not supported. Choose a ${AVATAR_TYPES_LABEL} file.`);
  }
  return new AvatarUploadError('rejected', `The upload could not start: ${message}`);
}
