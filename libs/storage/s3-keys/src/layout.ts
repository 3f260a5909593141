import type { AvatarRenditionRef } from '@cruddur/shared/contract';
import { randomBytes } from 'node:crypto';
import { InvalidKeyError } from './errors';

/** Where browsers upload originals, in the uploads bucket. */
export const UPLOADS_PREFIX = 'uploads/avatars/';
/** Where renditions are written, in the assets bucket (served by the CDN). */
export const ASSETS_PREFIX = 'avatars/';

/** Extensions an upload key may carry; the server picks one from the validated content type. */
const UPLOAD_EXTENSIONS = ['jpg', 'png', 'webp', 'avif', 'gif', 'tiff', 'heic', 'heif'] as const;
export type UploadExtension = (typeof UPLOAD_EXTENSIONS)[number];

export type RenditionExtension = 'webp' | 'jpg';

/** An original upload, as its key describes it. */
export interface AvatarUpload {
  /** The uploader's Cognito `sub`. */
  sub: string;
  /** Server-generated, sortable by upload time; also the avatar's version. */
  uploadId: string;
  extension: UploadExtension;
  /** When the upload URL was issued (from the upload id). */
  issuedAt: Date;
  key: string;
}

const UPLOAD_ID = /^(\d{13})-([0-9a-f]{16})$/;
// A sub is one path segment: no slash, backslash, control or format characters, at most 128 characters.
const SEGMENT = /^[^/\\\p{Cc}\p{Cf}]{1,128}$/u;

function assertSub(sub: string): void {
  if (!SEGMENT.test(sub) || sub === '.' || sub === '..' || sub.trim() !== sub) {
    throw new InvalidKeyError('sub is not a valid key segment');
  }
}

function isUploadExtension(ext: string): ext is UploadExtension {
  return (UPLOAD_EXTENSIONS as readonly string[]).includes(ext);
}

/**
 * A new upload id: the issue time in milliseconds (13 digits, so ids sort by time) and 64 random bits.
 *
 * @example
 * newUploadId(new Date('2026-01-01T00:00:00Z')); // '1767225600000-9f86d081884c7d65'
 */
export function newUploadId(now: Date = new Date()): string {
  const ms = now.getTime();
  if (!Number.isSafeInteger(ms) || ms < 0 || ms > 9_999_999_999_999) {
    throw new InvalidKeyError('upload time out of range');
  }
  return `${String(ms).padStart(13, '0')}-${randomBytes(8).toString('hex')}`;
}

/**
 * When an upload id was issued, or undefined when `text` is not an upload id (`<13-digit ms>-<16 hex>`).
 *
 * @example
 * uploadIdIssuedAt('1767225600000-9f86d081884c7d65'); // 2026-01-01T00:00:00.000Z
 * uploadIdIssuedAt('../x'); // undefined
 */
export function uploadIdIssuedAt(text: string): Date | undefined {
  const id = UPLOAD_ID.exec(text);
  return id ? new Date(Number(id[1])) : undefined;
}

/**
 * The key a user's new avatar upload is stored under. Only the server calls this: `sub` comes from
 * the verified token and the id is generated here, so the client chooses no part of the key.
 *
 * @example
 * avatarUploadKey('8f1c…', 'jpg'); // 'uploads/avatars/8f1c…/1767225600000-9f86d081884c7d65.jpg'
 */
export function avatarUploadKey(sub: string, extension: UploadExtension, uploadId: string = newUploadId()): string {
  assertSub(sub);
  if (!isUploadExtension(extension)) throw new InvalidKeyError('extension is not allowed');
  if (!UPLOAD_ID.test(uploadId)) throw new InvalidKeyError('upload id is malformed');
  return `${UPLOADS_PREFIX}${sub}/${uploadId}.${extension}`;
}

/**
 * Parses a (decoded) object key of the uploads bucket; anything outside the layout is rejected.
 *
 * @example
 * parseAvatarUploadKey('uploads/avatars/u-1/1767225600000-9f86d081884c7d65.png').sub; // 'u-1'
 */
export function parseAvatarUploadKey(key: string): AvatarUpload {
  if (!key.startsWith(UPLOADS_PREFIX)) throw new InvalidKeyError('key is not under the uploads prefix');
  const rest = key.slice(UPLOADS_PREFIX.length);
  const parts = rest.split('/');
  if (parts.length !== 2) throw new InvalidKeyError('key does not have the form <sub>/<upload id>.<ext>');
  // Stryker disable next-line StringLiteral: the length check above guarantees both parts, so the defaults only satisfy the type checker.
  const [sub = '', file = ''] = parts;
  assertSub(sub);
  const dot = file.lastIndexOf('.');
  const uploadId = file.slice(0, dot);
  const extension = file.slice(dot + 1);
  const id = UPLOAD_ID.exec(uploadId);
  // Stryker disable next-line EqualityOperator: at dot 0 the id is empty, which the id pattern refuses with the same reason.
  if (dot < 0 || !id) throw new InvalidKeyError('upload id is malformed');
  if (!isUploadExtension(extension)) throw new InvalidKeyError('extension is not allowed');
  return { sub, uploadId, extension, issuedAt: new Date(Number(id[1])), key };
}

/**
 * The assets-bucket key of one rendition of an upload. It contains the upload id, so every new
 * avatar gets new URLs and a CDN never serves a stale one.
 *
 * @example
 * avatarRenditionKey(upload, 128, 'webp'); // 'avatars/u-1/1767225600000-9f86d081884c7d65/128.webp'
 */
export function avatarRenditionKey(
  upload: Pick<AvatarUpload, 'sub' | 'uploadId'>,
  size: number,
  extension: RenditionExtension,
): string {
  assertSub(upload.sub);
  if (!UPLOAD_ID.test(upload.uploadId)) throw new InvalidKeyError('upload id is malformed');
  if (!Number.isInteger(size) || size <= 0 || size > 4096) throw new InvalidKeyError('rendition size is invalid');
  return `${ASSETS_PREFIX}${upload.sub}/${upload.uploadId}/${size}.${extension}`;
}

/** The two encodings of every rendition size: WebP, and JPEG for browsers without WebP. */
const AVATAR_RENDITION_FORMATS = Object.freeze([
  { format: 'webp', extension: 'webp', contentType: 'image/webp' },
  { format: 'jpeg', extension: 'jpg', contentType: 'image/jpeg' },
] as const);

/** One rendition of an upload: its size, encoding and assets-bucket key (the contract's shape). */
export type { AvatarRenditionRef };

/**
 * The renditions an upload gets, largest first, WebP before JPEG.
 *
 * @example
 * avatarRenditionRefs(upload, [512, 128]).map((r) => r.key); // ['avatars/u/<id>/512.webp', '…/512.jpg', …]
 */
export function avatarRenditionRefs(upload: Pick<AvatarUpload, 'sub' | 'uploadId'>, sizes: readonly number[]): AvatarRenditionRef[] {
  return [...sizes]
    .sort((a, b) => b - a)
    .flatMap((size) =>
      AVATAR_RENDITION_FORMATS.map(({ format, extension, contentType }) => ({
        size,
        format,
        contentType,
        key: avatarRenditionKey(upload, size, extension),
      })),
    );
}

/**
 * The assets-bucket prefix holding every rendition of one user, all versions.
 *
 * @example
 * avatarRenditionsPrefix('u-1'); // 'avatars/u-1/'
 */
export function avatarRenditionsPrefix(sub: string): string {
  assertSub(sub);
  return `${ASSETS_PREFIX}${sub}/`;
}

/**
 * The user and version (upload id) a rendition key belongs to, or undefined for a key outside the layout.
 *
 * @example
 * renditionKeyVersion('avatars/u-1/1767225600000-9f86d081884c7d65/128.webp'); // { sub: 'u-1', uploadId: '1767225600000-9f86d081884c7d65' }
 */
export function renditionKeyVersion(key: string): Pick<AvatarUpload, 'sub' | 'uploadId'> | undefined {
  if (!key.startsWith(ASSETS_PREFIX)) return undefined;
  const segments = key.slice(ASSETS_PREFIX.length).split('/');
  if (segments.length !== 3) return undefined;
  const [sub, uploadId, file] = segments as [string, string, string];
  if (file === '' || !UPLOAD_ID.test(uploadId) || !SEGMENT.test(sub)) return undefined;
  return { sub, uploadId };
}
