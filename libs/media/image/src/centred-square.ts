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
 * The largest square centred in a `width`×`height` image; odd leftovers go to the right/bottom.
 * Rotating or mirroring the image maps this square onto the same square of the turned image,
 * so it can be taken before EXIF auto-orientation.
 *
 * @example
 * centredSquare(300, 200); // { left: 50, top: 0, width: 200, height: 200 }
 */
export function centredSquare(width: number, height: number): Region {
  const side = Math.min(width, height);
  return {
    left: Math.floor((width - side) / 2),
    top: Math.floor((height - side) / 2),
    width: side,
    height: side,
  };
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
