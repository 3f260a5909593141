import { type FaceBox, frameAvatarSquare } from '@cruddur/shared/contract';
import { type Box, initialSquare } from './crop-geometry';

/** The share of the photo's shorter side the square covers when no face decides it. */
export const INITIAL_COVERAGE = 0.8;

/** Sides within this share of the longer one make a square photo: it is its own avatar, whole. */
const SQUARE_PHOTO_TOLERANCE = 0.01;

/** The faces a detector found in a picture of the upright photo, in that picture's pixels, and its size. */
export interface FoundFaces {
  faces: readonly FaceBox[];
  width: number;
  height: number;
}

/**
 * Where the editor's square stands, and what its hint says:
 * - `square`: the photo is square, the square is all of it (nothing to detect);
 * - `detecting`: the centred square, faces being looked for;
 * - `framed`: the square is on the face(s);
 * - `no-face`: the centred square, no face found;
 * - `unavailable`: the detector failed (or saw the photo turned otherwise than the page shows it):
 *   unless the user moves the square, the upload carries no crop and the thumbnail frames it (on
 *   its faces, else by content), as the hint says;
 * - `moved`: the user moved or resized the square; detection never moves it again.
 */
export type FaceFraming = 'square' | 'detecting' | 'framed' | 'no-face' | 'unavailable' | 'moved';

export const FACE_FRAMING_HINTS: Readonly<Record<FaceFraming, string>> = Object.freeze({
  square: '',
  detecting: 'Looking for your face…',
  framed: 'Framed on your face. Drag to change.',
  'no-face': 'No face found: drag the square to choose.',
  unavailable: "Couldn't look for faces here: your photo will be framed when it is uploaded. Drag the square to choose yourself.",
  moved: '',
});

/**
 * Whether a photo is square: its sides differ by at most {@link SQUARE_PHOTO_TOLERANCE} of the longer.
 *
 * @example
 * isSquarePhoto(1000, 992); // true
 * isSquarePhoto(1000, 980); // false
 */
export function isSquarePhoto(width: number, height: number): boolean {
  return width > 0 && height > 0 && Math.abs(width - height) <= SQUARE_PHOTO_TOLERANCE * Math.max(width, height);
}

/**
 * The square the editor opens with, over the displayed photo (`photo`, in CSS pixels of the crop
 * canvas) of `natural` size: a square photo whole (no detection), otherwise the centred square
 * ({@link INITIAL_COVERAGE} of the shorter side) while faces are looked for.
 *
 * @example
 * openingSquare({ x: 0, y: 0, width: 300, height: 200 }, { width: 1500, height: 1000 });
 * // { square: { x: 70, y: 20, width: 160, height: 160 }, framing: 'detecting' }
 */
export function openingSquare(photo: Box, natural: { width: number; height: number }): { square: Box; framing: 'square' | 'detecting' } {
  if (isSquarePhoto(natural.width, natural.height)) {
    // The displayed box of a photo within 1 % of square: the shorter side, centred (the same box, or a pixel off).
    return { square: initialSquare(photo, 1), framing: 'square' };
  }
  return { square: initialSquare(photo, INITIAL_COVERAGE), framing: 'detecting' };
}

/**
 * The detected faces mapped onto the displayed photo: CSS pixels from the photo's top-left corner.
 * The detector saw the same upright picture at another size, so each axis scales on its own.
 *
 * @example
 * facesOnPhoto({ faces: [{ left: 64, top: 32, width: 64, height: 64 }], width: 640, height: 320 }, { x: 10, y: 0, width: 300, height: 150 });
 * // [{ left: 30, top: 15, width: 30, height: 30 }]
 */
export function facesOnPhoto(found: FoundFaces, photo: Box): FaceBox[] {
  if (!sameShape(found, photo)) return [];
  const sx = photo.width / found.width;
  const sy = photo.height / found.height;
  return found.faces.map((face) => ({ left: face.left * sx, top: face.top * sy, width: face.width * sx, height: face.height * sy }));
}

/** Beyond this difference of aspect ratio the detector saw another picture than the page shows. */
const SHAPE_TOLERANCE = 0.02;

/**
 * Whether the picture the detector saw has the displayed photo's shape (within
 * {@link SHAPE_TOLERANCE}): a browser that ignored the EXIF orientation for the detector's bitmap
 * would hand over the photo turned, and its faces would land on nothing.
 *
 * @example
 * sameShape({ faces: [], width: 3024, height: 4032 }, { x: 0, y: 0, width: 400, height: 300 }); // false
 */
function sameShape(found: FoundFaces, photo: Box): boolean {
  if (!(found.width > 0 && found.height > 0 && photo.width > 0 && photo.height > 0)) return false;
  return Math.abs(found.width / found.height / (photo.width / photo.height) - 1) <= SHAPE_TOLERANCE;
}

/**
 * The face-framed square over the displayed photo, in the crop canvas's CSS pixels: the shared rule
 * ({@link frameAvatarSquare}) applied in the displayed photo's units. `undefined` without a face.
 *
 * @example
 * faceSquare({ faces: [{ left: 100, top: 100, width: 80, height: 100 }], width: 1000, height: 800 }, { x: 0, y: 0, width: 500, height: 400 });
 * // { x: 15, y: 23.8, width: 110, height: 110 }
 */
export function faceSquare(found: FoundFaces, photo: Box): Box | undefined {
  const square = frameAvatarSquare(facesOnPhoto(found, photo), photo.width, photo.height);
  if (square === undefined) return undefined;
  return { x: photo.x + square.left, y: photo.y + square.top, width: square.side, height: square.side };
}

/**
 * What the editor does when detection ends (`found` undefined: it failed): moving the square always
 * wins, so once the user has moved it nothing changes; otherwise the square goes onto the face, or
 * stays centred when there is none, or (failed, or a picture of another shape) is left to the thumbnail.
 *
 * @example
 * afterDetection(found, photo, true); // { framing: 'moved' }: the user's square stays
 */
export function afterDetection(found: FoundFaces | undefined, photo: Box, userMoved: boolean): { framing: FaceFraming; square?: Box } {
  if (userMoved) return { framing: 'moved' };
  if (found === undefined || !sameShape(found, photo)) return { framing: 'unavailable' };
  const square = faceSquare(found, photo);
  return square === undefined ? { framing: 'no-face' } : { framing: 'framed', square };
}
