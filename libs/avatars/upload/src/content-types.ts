import type { UploadExtension } from '@cruddur/s3-keys';

/**
 * The image types an avatar may be uploaded as, and the extension each gets in its key. Only raster
 * types sharp's prebuilt libvips decodes: no SVG (script), no HEIC (HEVC is not in the build).
 */
export const UPLOAD_CONTENT_TYPES: Readonly<Record<string, UploadExtension>> = Object.freeze({
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/gif': 'gif',
  'image/tiff': 'tiff',
});

export type UploadContentType = keyof typeof UPLOAD_CONTENT_TYPES;
