import type { AvatarCrop } from './avatar-crop';

/** A face found in the upright photo: its box in pixels (any unit, as long as the photo's size is in the same). */
export interface FaceBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A square in the same units as the photo it lies in. */
export interface AvatarSquare {
  left: number;
  top: number;
  side: number;
}

/** The avatar's side as a multiple of the face's height: the head, some hair and the neck. */
export const FACE_SQUARE_RATIO = 2.2;

/**
 * Headroom: the square starts this many face heights above the face box's top (the hair), so the face sits a
 * little above the square's middle (the eyes, about 40 % down a detector's box, land at ~45 % of the
 * square). The rest of the extra height goes below the chin.
 */
export const FACE_HEADROOM = 0.6;

/** Faces smaller than this fraction of the largest face's height are passers-by: never framed for. */
const FACE_SUBJECT_RATIO = 0.4;

/**
 * The smallest square, as a fraction of the photo's shorter side: a face a few pixels high is shown
 * with its surroundings rather than enlarged into a blur.
 */
export const FACE_MIN_SQUARE = 0.2;

const clamp = (value: number, low: number, high: number) => Math.min(Math.max(value, low), high);

/** The square that frames `faces` (their union) in the face-first way, before it is fitted inside the photo. */
function squareAround(faces: readonly FaceBox[]): { centreX: number; centreY: number; side: number; extent: number } {
  const left = Math.min(...faces.map((face) => face.left));
  const top = Math.min(...faces.map((face) => face.top));
  const right = Math.max(...faces.map((face) => face.left + face.width));
  const bottom = Math.max(...faces.map((face) => face.top + face.height));
  const faceHeight = Math.max(...faces.map((face) => face.height));
  // One face: 2.2 face heights. Several: their union with the same margins as one face has.
  const margin = (FACE_SQUARE_RATIO - 1) * faceHeight;
  const side = Math.max(FACE_SQUARE_RATIO * faceHeight, right - left + margin, bottom - top + margin);
  const above = top - FACE_HEADROOM * faceHeight;
  const below = bottom + (margin - FACE_HEADROOM * faceHeight);
  return { centreX: (left + right) / 2, centreY: (above + below) / 2, side, extent: Math.max(right - left, bottom - top) };
}

/**
 * The avatar square for a photo, framed on its faces; `undefined` when there is none, for the
 * caller's own fallback (the page: the server's choice; the thumbnail: attention framing).
 *
 * The rule, the same in the editor and in the thumbnail:
 * - one face: a square of {@link FACE_SQUARE_RATIO} × the face's height, centred on the face across,
 *   starting {@link FACE_HEADROOM} face heights above it (the eyes a little above the middle);
 * - several faces: the faces at least {@link FACE_SUBJECT_RATIO} of the largest one's height are the
 *   subjects; the square holds them all, with the margins one face gets (less where the photo ends),
 *   when the faces fit in a square of the photo's shorter side; otherwise the largest face alone;
 * - never smaller than {@link FACE_MIN_SQUARE} of the shorter side, never larger than the shorter
 *   side, and moved (not shrunk) to lie inside the photo: a face at the edge keeps its full square,
 *   off-centre, and a face larger than the photo allows gets the largest square that fits.
 *
 * Boxes outside the photo are clipped to it first; empty ones are ignored.
 *
 * @example
 * frameAvatarSquare([{ left: 100, top: 100, width: 80, height: 100 }], 1000, 800);
 * // { left: 30, top: 40, side: 220 }
 */
export function frameAvatarSquare(faces: readonly FaceBox[], width: number, height: number): AvatarSquare | undefined {
  if (!(width > 0 && height > 0)) return undefined;
  const inside = faces
    .map((face) => {
      const left = clamp(face.left, 0, width);
      const top = clamp(face.top, 0, height);
      return { left, top, width: clamp(face.left + face.width, 0, width) - left, height: clamp(face.top + face.height, 0, height) - top };
    })
    .filter((face) => face.width > 0 && face.height > 0);
  if (inside.length === 0) return undefined;
  const largest = inside.reduce((a, b) => (b.height * b.width > a.height * a.width ? b : a));
  const shorter = Math.min(width, height);
  const subjects = inside.filter((face) => face.height >= FACE_SUBJECT_RATIO * largest.height);
  const together = squareAround(subjects);
  const { centreX, centreY, side: wanted } = together.extent <= shorter ? together : squareAround([largest]);
  const side = clamp(wanted, Math.min(FACE_MIN_SQUARE * shorter, shorter), shorter);
  return {
    left: clamp(centreX - side / 2, 0, width - side),
    top: clamp(centreY - side / 2, 0, height - side),
    side,
  };
}

/**
 * {@link frameAvatarSquare} as the upload's `crop`: fractions of the upright photo.
 *
 * @example
 * faceFramedCrop([{ left: 100, top: 100, width: 80, height: 100 }], 1000, 800);
 * // { left: 0.03, top: 0.05, width: 0.22, height: 0.275 }
 */
export function faceFramedCrop(faces: readonly FaceBox[], width: number, height: number): AvatarCrop | undefined {
  const square = frameAvatarSquare(faces, width, height);
  if (square === undefined) return undefined;
  return {
    left: square.left / width,
    top: square.top / height,
    width: Math.min(square.side / width, 1 - square.left / width),
    height: Math.min(square.side / height, 1 - square.top / height),
  };
}
