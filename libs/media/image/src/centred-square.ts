import type { AvatarCrop } from '@cruddur/shared/contract';

/** A rectangle inside an image, in the shape sharp's `extract()` takes. */
export interface Region {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Beyond this ratio of long to short side an image is cropped to its centred square before it is
 * resized. A cover resize of a long strip costs memory in proportion to its length (about 240 MB
 * peak RSS for a 28 000×1 780 JPEG, 140 MB when cropped first) and libvips refuses it outright
 * from about 20 000:1 ("affine: output coordinates out of range"). Photos and panoramas stay below
 * it and keep JPEG/WebP shrink-on-load, which a crop before the resize turns off.
 */
export const EXTREME_ASPECT_RATIO = 8;

/**
 * The largest square centred in a `width`×`height` image, or in a region of one (its `left` and
 * `top` carried over); odd leftovers go to the right/bottom.
 * Rotating or mirroring the image maps this square onto the same square of the turned image,
 * so it can be taken before EXIF auto-orientation.
 *
 * @example
 * centredSquare(300, 200); // { left: 50, top: 0, width: 200, height: 200 }
 */
export function centredSquare(width: number, height: number): Region;
export function centredSquare(region: Region): Region;
export function centredSquare(widthOrRegion: number | Region, height = 0): Region {
  const { left, top, width, height: regionHeight } =
    typeof widthOrRegion === 'number' ? { left: 0, top: 0, width: widthOrRegion, height } : widthOrRegion;
  const side = Math.min(width, regionHeight);
  return {
    left: left + Math.floor((width - side) / 2),
    top: top + Math.floor((regionHeight - side) / 2),
    width: side,
    height: side,
  };
}

/**
 * The pixels of a `width`×`height` image that a crop's fractions cover: each edge at its nearest
 * pixel boundary (float noise such as 0.1 + 0.2 adds no pixel), at least one pixel, never past the image.
 *
 * @example
 * cropRegion(400, 300, { left: 0.5, top: 0, width: 0.5, height: 1 }); // { left: 200, top: 0, width: 200, height: 300 }
 */
export function cropRegion(width: number, height: number, crop: AvatarCrop): Region {
  const span = (start: number, extent: number, length: number) => {
    const from = Math.min(Math.round(start * length), length - 1);
    const to = Math.min(Math.max(Math.round((start + extent) * length), from + 1), length);
    return [from, to - from] as const;
  };
  const [left, regionWidth] = span(crop.left, crop.width, width);
  const [top, regionHeight] = span(crop.top, crop.height, height);
  return { left, top, width: regionWidth, height: regionHeight };
}

/**
 * Whether the image is so elongated that it must be cropped before it is resized.
 *
 * @example
 * isExtremeAspectRatio(1, 20_000); // true
 * isExtremeAspectRatio(4000, 3000); // false
 */
export function isExtremeAspectRatio(width: number, height: number): boolean {
  return Math.max(width, height) > EXTREME_ASPECT_RATIO * Math.min(width, height);
}
