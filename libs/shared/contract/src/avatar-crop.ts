import * as z from 'zod/mini';

/**
 * The part of the photo that becomes the avatar: fractions (0–1) of the UPRIGHT image (EXIF
 * orientation applied), so a client never needs to know how a camera stored the pixels.
 */
export interface AvatarCrop {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The S3 user-metadata key the crop travels under (GetObject answers it in `Metadata`). */
export const CROP_METADATA_KEY = 'crop';

/** The signed header the upload carries the crop in; S3 stores it as the `crop` metadata. */
export const CROP_METADATA_HEADER = `x-amz-meta-${CROP_METADATA_KEY}` as const;

/** Digits after the point in the serialised crop: 1/10 000 of a 12 000 px side is about a pixel. */
const CROP_DECIMALS = 4;

const UNITS = 10 ** CROP_DECIMALS;

/**
 * `x/W + w/W` can exceed 1 by a rounding step where `(x + w)/W` is exactly 1 (0.9/23 + 22.1/23 is
 * 1.0000000000000002), so a browser's honest edge-to-edge crop must not be refused; 1e-9 is far
 * below one serialised unit, and {@link formatAvatarCrop} clamps to the edge.
 */
const CROP_SUM_EPSILON = 1e-9;

const fraction = (name: string) =>
  z.number({ error: `crop.${name} must be a number from 0 to 1` }).check(
    z.gte(0, { error: `crop.${name} must be a number from 0 to 1`, abort: true }),
    z.lte(1, { error: `crop.${name} must be a number from 0 to 1`, abort: true }),
  );

const extent = (name: string) =>
  z.number({ error: `crop.${name} must be a number above 0, at most 1` }).check(
    z.positive({ error: `crop.${name} must be a number above 0, at most 1`, abort: true }),
    z.lte(1, { error: `crop.${name} must be a number above 0, at most 1`, abort: true }),
  );

/**
 * The `crop` of `POST /avatars/key_upload`: exactly `left`, `top`, `width`, `height`, finite
 * numbers; `left`, `top` ≥ 0; `width`, `height` > 0; the region inside the picture
 * (`left + width` ≤ 1, `top + height` ≤ 1, up to {@link CROP_SUM_EPSILON}). Anything else is a 400.
 *
 * @example
 * z.parse(AvatarCropSchema, { left: 0.5, top: 0, width: 0.5, height: 1 });
 */
export const AvatarCropSchema = z
  .strictObject(
    { left: fraction('left'), top: fraction('top'), width: extent('width'), height: extent('height') },
    {
      error: (iss) =>
        iss.code === 'unrecognized_keys'
          ? `unexpected field in crop: ${String(iss.keys[0]).slice(0, 40)}`
          : 'crop must be an object with left, top, width and height',
    },
  )
  .check(
    z.refine((crop) => crop.left + crop.width <= 1 + CROP_SUM_EPSILON, { error: 'crop must lie inside the picture: left + width is over 1', abort: true }),
    z.refine((crop) => crop.top + crop.height <= 1 + CROP_SUM_EPSILON, { error: 'crop must lie inside the picture: top + height is over 1', abort: true }),
  );

const toUnits = (value: number) => Math.round(value * UNITS);
const fromUnits = (units: number) => (units / UNITS).toFixed(CROP_DECIMALS);

/**
 * The crop as the `x-amz-meta-crop` value: `left,top,width,height`, each with exactly 4 decimals.
 * Canonical (one text per crop after rounding, so the signed header is predictable) and always
 * valid: a width or height never rounds to 0 nor past the picture's edge.
 *
 * @example
 * formatAvatarCrop({ left: 0.5, top: 0, width: 0.5, height: 1 }); // '0.5000,0.0000,0.5000,1.0000'
 */
export function formatAvatarCrop(crop: AvatarCrop): string {
  const left = Math.min(toUnits(crop.left), UNITS - 1);
  const top = Math.min(toUnits(crop.top), UNITS - 1);
  const width = Math.min(Math.max(toUnits(crop.width), 1), UNITS - left);
  const height = Math.min(Math.max(toUnits(crop.height), 1), UNITS - top);
  return [left, top, width, height].map(fromUnits).join(',');
}

const SERIALISED = new RegExp(`^(?:[01]\\.\\d{${CROP_DECIMALS}},){3}[01]\\.\\d{${CROP_DECIMALS}}$`);

/**
 * Reads a value {@link formatAvatarCrop} wrote; anything else (another shape, a region outside the
 * picture, an empty width) is `undefined`, for the caller to log and frame the photo without it.
 *
 * @example
 * parseAvatarCrop('0.5000,0.0000,0.5000,1.0000'); // { left: 0.5, top: 0, width: 0.5, height: 1 }
 * parseAvatarCrop('0.5,0,0.5,1'); // undefined
 */
export function parseAvatarCrop(text: string): AvatarCrop | undefined {
  if (!SERIALISED.test(text)) return undefined;
  const [left, top, width, height] = text.split(',').map(Number) as [number, number, number, number];
  const result = AvatarCropSchema.safeParse({ left, top, width, height });
  return result.success ? result.data : undefined;
}
