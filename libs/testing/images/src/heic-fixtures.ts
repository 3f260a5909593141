import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The committed HEIC files (encoded by Debian's heif-enc 1.15.1; `fixtures/heic/make-heic-fixtures.mjs`
 * makes them again): what each one holds is what its tests rely on.
 */
export const HEIC_FIXTURES = Object.freeze({
  /** 320×240, smooth photo-like colours, no metadata beyond what heif-enc writes. */
  photo: 'photo-320x240.heic',
  /** 320×240 with EXIF camera make/model and a GPS position (51°30'N, 0°7'W). */
  gps: 'gps-320x240.heic',
  /**
   * An iPhone portrait: stored 320×240 with its left third pure red, `irot` 270° anticlockwise AND
   * EXIF orientation 6, plus GPS. Upright it is 240×320 with the red band along the top.
   */
  iphonePortrait: 'iphone-portrait-320x240-irot.heic',
  /** Two images: a blue 64×64 first, a green (0,160,0) 96×96 second, which `pitm` makes primary. */
  twoImagesSecondPrimary: 'two-images-second-primary.heic',
  /** 128×128: a green (0,128,0) disc of radius 40 on transparency (an alpha auxiliary image). */
  alpha: 'alpha-128.heic',
  /** 4032×3024 (12 MP, an iPhone's wide camera), smooth content, 174 KB. */
  photo12mp: 'photo-4032x3024.heic',
} as const);

export type HeicFixture = keyof typeof HEIC_FIXTURES;

/**
 * The bytes of a committed HEIC fixture.
 *
 * @example
 * const upload = heicFixture('iphonePortrait');
 */
export function heicFixture(name: HeicFixture): Buffer {
  return readFileSync(join(__dirname, '..', 'fixtures', 'heic', HEIC_FIXTURES[name]));
}
