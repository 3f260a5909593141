import type { AvatarCrop } from '@cruddur/shared/contract';

/** A rectangle in one coordinate space (CSS pixels of the page, or of the crop canvas). */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const clamp = (value: number, low: number, high: number) => Math.min(Math.max(value, low), high);

/**
 * The crop request for a selection over the displayed photo: fractions of the photo as the browser
 * draws it, upright (EXIF orientation applied), which is what the API's `crop` means. The part
 * of the selection outside the photo is dropped; a selection that misses it is `undefined`.
 *
 * @example
 * cropFractions({ x: 150, y: 0, width: 100, height: 100 }, { x: 50, y: 0, width: 200, height: 100 });
 * // { left: 0.5, top: 0, width: 0.5, height: 1 }
 */
export function cropFractions(selection: Box, photo: Box): AvatarCrop | undefined {
  if (!(photo.width > 0 && photo.height > 0)) return undefined;
  const left = clamp((selection.x - photo.x) / photo.width, 0, 1);
  const right = clamp((selection.x + selection.width - photo.x) / photo.width, 0, 1);
  const top = clamp((selection.y - photo.y) / photo.height, 0, 1);
  const bottom = clamp((selection.y + selection.height - photo.y) / photo.height, 0, 1);
  if (!(right > left && bottom > top)) return undefined;
  return { left, top, width: right - left, height: bottom - top };
}

/**
 * A square selection moved and shrunk to lie inside `bounds` (the photo): its side at most the
 * photo's shorter side, its position clamped. A selection already inside is returned unchanged.
 *
 * @example
 * squareInside({ x: 180, y: 0, width: 50, height: 50 }, { x: 0, y: 0, width: 200, height: 100 });
 * // { x: 150, y: 0, width: 50, height: 50 }
 */
export function squareInside(selection: Box, bounds: Box): Box {
  const side = Math.min(selection.width, selection.height, bounds.width, bounds.height);
  return {
    x: clamp(selection.x, bounds.x, bounds.x + bounds.width - side),
    y: clamp(selection.y, bounds.y, bounds.y + bounds.height - side),
    width: side,
    height: side,
  };
}

/**
 * The square an editor starts with: `coverage` of the photo's shorter side, centred on the photo.
 *
 * @example
 * initialSquare({ x: 0, y: 10, width: 300, height: 200 }, 0.8); // { x: 70, y: 30, width: 160, height: 160 }
 */
export function initialSquare(photo: Box, coverage: number): Box {
  const side = Math.min(photo.width, photo.height) * coverage;
  return { x: photo.x + (photo.width - side) / 2, y: photo.y + (photo.height - side) / 2, width: side, height: side };
}

/** Whether two boxes are the same within a hundredth of a pixel (layout arithmetic is not exact). */
export function sameBox(a: Box, b: Box): boolean {
  return Math.abs(a.x - b.x) < 0.01 && Math.abs(a.y - b.y) < 0.01 && Math.abs(a.width - b.width) < 0.01 && Math.abs(a.height - b.height) < 0.01;
}
