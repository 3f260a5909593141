import { type AvatarCrop, AvatarCropSchema } from '@cruddur/shared/contract';
import type { FaceFinder } from './decode-avatar-square';

/** Avatar edge lengths rendered when none are given: the profile page and the small inline one. */
export const DEFAULT_AVATAR_SIZES: readonly number[] = Object.freeze([512, 128]);

/** Larger than any phone photo (a 48 MP camera is 48 000 000), far below a decompression bomb. */
export const DEFAULT_MAX_INPUT_PIXELS = 50_000_000;

/** Largest avatar edge we render; beyond this a "thumbnail" is a full-size photo. */
export const MAX_AVATAR_SIZE = 4096;

export interface RenderAvatarOptions {
  /** Square edge lengths in pixels, each an integer from 1 to 4096. Default `[512, 128]`. */
  sizes?: readonly number[];
  /** Inputs with more pixels (width × height) are rejected before decoding. Default 50 000 000. */
  maxInputPixels?: number;
  /** The part of the upright picture to keep, as fractions (the contract's crop). Default: framed on the faces `findFaces` finds, else by content. */
  crop?: AvatarCrop;
  /** Looks for faces when there is no `crop`; without it (or with no face found) the square is framed by content (attention). */
  findFaces?: FaceFinder;
}

export interface ResolvedRenderOptions {
  /** Unique, largest first. */
  sizes: readonly number[];
  maxInputPixels: number;
  crop?: AvatarCrop;
  findFaces?: FaceFinder;
}

/**
 * Applies defaults and checks the caller's options; a bad option is a programming error, so it
 * throws `RangeError` rather than an `ImageError`.
 *
 * @example
 * resolveRenderOptions({ sizes: [64, 512, 64] }); // { sizes: [512, 64], maxInputPixels: 50000000 }
 */
export function resolveRenderOptions(options: RenderAvatarOptions = {}): ResolvedRenderOptions {
  const { sizes = DEFAULT_AVATAR_SIZES, maxInputPixels = DEFAULT_MAX_INPUT_PIXELS, crop, findFaces } = options;
  if (sizes.length === 0) throw new RangeError('Expected at least one avatar size');
  for (const size of sizes) {
    if (!Number.isInteger(size) || size < 1 || size > MAX_AVATAR_SIZE) {
      throw new RangeError(`Expected avatar sizes to be integers from 1 to ${MAX_AVATAR_SIZE}, got ${size}`);
    }
  }
  if (!Number.isSafeInteger(maxInputPixels) || maxInputPixels < 1) {
    throw new RangeError(`Expected maxInputPixels to be a positive integer, got ${maxInputPixels}`);
  }
  if (crop !== undefined && !AvatarCropSchema.safeParse(crop).success) {
    throw new RangeError(`Expected crop to be fractions of the picture inside it, got ${JSON.stringify(crop)}`);
  }
  return {
    sizes: Object.freeze([...new Set(sizes)].sort((a, b) => b - a)),
    maxInputPixels,
    ...(crop === undefined ? {} : { crop }),
    ...(findFaces === undefined ? {} : { findFaces }),
  };
}
