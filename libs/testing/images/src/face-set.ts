import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AvatarCrop, AvatarSquare } from '@cruddur/shared/contract';
import sharp from 'sharp';

/** The labelled evaluation set: real photos of people (and some without), see its README. */
export const FACE_SET_DIR = path.join(__dirname, '..', 'fixtures', 'face-set');

/** What a photo of the set shows; a photo is in every group that applies. */
export const FACE_GROUPS = Object.freeze([
  'skin-dark',
  'skin-medium',
  'skin-light',
  'child',
  'older-adult',
  'glasses',
  'beard',
  'turned',
  'small-face',
  'group',
  'no-face',
] as const);
export type FaceGroup = (typeof FACE_GROUPS)[number];

/** A face's box, in pixels of the upright photo. */
export interface LabelledFace {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** One photo of the set, or a variant made from one. */
export interface LabelledPhoto {
  /** The file name, or `<file> <variant>` for a variant. */
  name: string;
  width: number;
  height: number;
  groups: readonly FaceGroup[];
  faces: readonly LabelledFace[];
  /** The photo as a JPEG (a variant: its composite). */
  bytes(): Promise<Buffer>;
}

interface LabelsFile {
  photos: { file: string; width: number; height: number; groups: FaceGroup[]; faces: LabelledFace[] }[];
}

/**
 * The photos of the set, as `labels.json` lists them.
 *
 * @example
 * for (const photo of faceSet()) console.log(photo.name, photo.groups, photo.faces.length);
 */
export function faceSet(): LabelledPhoto[] {
  const labels = JSON.parse(readFileSync(path.join(FACE_SET_DIR, 'labels.json'), 'utf8')) as LabelsFile;
  return labels.photos.map((photo) => ({
    name: photo.file,
    width: photo.width,
    height: photo.height,
    groups: photo.groups,
    faces: photo.faces.map(({ left, top, width, height }) => ({ left, top, width, height })),
    bytes: async () => readFileSync(path.join(FACE_SET_DIR, photo.file)),
  }));
}

/**
 * Where a variant puts the photo: on a 16:9 canvas in its left or right third, or on a 9:16 one
 * in its lower third (scaled to fill that third, centred in it, the rest a flat grey).
 */
export type Placement = 'left third of 16:9' | 'right third of 16:9' | 'lower third of 9:16';
export const PLACEMENTS: readonly Placement[] = Object.freeze(['left third of 16:9', 'right third of 16:9', 'lower third of 9:16']);

const CANVAS_LONG_SIDE = 1920;
const CANVAS_GREY = { r: 128, g: 128, b: 128 };

/**
 * The photo placed off-centre on a larger canvas, with its faces moved and scaled with it: the
 * case a centred crop loses.
 *
 * @example
 * const variant = placePhoto(faceSet()[0]!, 'left third of 16:9');
 */
export function placePhoto(photo: LabelledPhoto, placement: Placement): LabelledPhoto {
  const wide = placement !== 'lower third of 9:16';
  const canvas = wide
    ? { width: CANVAS_LONG_SIDE, height: Math.round((CANVAS_LONG_SIDE * 9) / 16) }
    : { width: Math.round((CANVAS_LONG_SIDE * 9) / 16), height: CANVAS_LONG_SIDE };
  const cell = wide
    ? { left: placement === 'left third of 16:9' ? 0 : Math.round((canvas.width * 2) / 3), top: 0, width: Math.round(canvas.width / 3), height: canvas.height }
    : { left: 0, top: Math.round((canvas.height * 2) / 3), width: canvas.width, height: Math.round(canvas.height / 3) };
  const scale = Math.min(cell.width / photo.width, cell.height / photo.height);
  const width = Math.round(photo.width * scale);
  const height = Math.round(photo.height * scale);
  const left = cell.left + Math.floor((cell.width - width) / 2);
  const top = cell.top + Math.floor((cell.height - height) / 2);
  return {
    name: `${photo.name} ${placement}`,
    width: canvas.width,
    height: canvas.height,
    groups: photo.groups,
    faces: photo.faces.map((face) => ({
      left: left + face.left * scale,
      top: top + face.top * scale,
      width: face.width * scale,
      height: face.height * scale,
    })),
    bytes: async () => {
      const scaled = await sharp(await photo.bytes()).resize(width, height, { fit: 'fill' }).toBuffer();
      return sharp({ create: { ...canvas, channels: 3, background: CANVAS_GREY } })
        .composite([{ input: scaled, left, top }])
        .jpeg({ quality: 90 })
        .toBuffer();
    },
  };
}

/**
 * Small faces, which the set lacks as taken (no licensed wide shot of people was found): each of
 * `portraits` shrunk so its face is about `faceShare` of the shorter side, pasted onto one of the
 * set's photos without a face, at a different spot each. Composites, said so in their names.
 *
 * @example
 * const small = smallFaceComposites(faceSet(), 6);
 */
export function smallFaceComposites(photos: readonly LabelledPhoto[], count: number, faceShare = 0.08): LabelledPhoto[] {
  const scenes = photos.filter((photo) => photo.groups.includes('no-face') && photo.width > photo.height);
  const portraits = photos.filter((photo) => photo.faces.length === 1 && !photo.groups.includes('turned')).slice(0, count);
  // Spots as fractions of the scene: off-centre on purpose.
  const spots = [
    [0.12, 0.2],
    [0.7, 0.15],
    [0.2, 0.55],
    [0.75, 0.5],
    [0.45, 0.1],
    [0.05, 0.6],
  ] as const;
  return portraits.map((portrait, index) => {
    const scene = scenes[index % scenes.length] as LabelledPhoto;
    const canvas = { width: 1600, height: Math.round((1600 * scene.height) / scene.width) };
    const face = portrait.faces[0] as LabelledFace;
    const scale = (faceShare * canvas.height) / face.height;
    const width = Math.round(portrait.width * scale);
    const height = Math.round(portrait.height * scale);
    const [x, y] = spots[index % spots.length] as readonly [number, number];
    const left = Math.min(Math.round(x * canvas.width), canvas.width - width);
    const top = Math.min(Math.round(y * canvas.height), canvas.height - height);
    return {
      name: `${portrait.name} small on ${scene.name} (composite)`,
      width: canvas.width,
      height: canvas.height,
      groups: [...portrait.groups, 'small-face'],
      faces: [{ left: left + face.left * scale, top: top + face.top * scale, width: face.width * scale, height: face.height * scale }],
      bytes: async () => {
        const small = await sharp(await portrait.bytes()).resize(width, height, { fit: 'fill' }).toBuffer();
        return sharp(await scene.bytes())
          .resize(canvas.width, canvas.height, { fit: 'fill' })
          .composite([{ input: small, left, top }])
          .jpeg({ quality: 90 })
          .toBuffer();
      },
    };
  });
}

/** A square in the photo's pixels (the contract's square shape). */
export type PhotoSquare = AvatarSquare;

/**
 * The square a crop (fractions of the upright photo, as a framing chooses it) covers, in the photo's pixels.
 *
 * @example
 * squareOfCrop({ left: 0.5, top: 0, width: 0.25, height: 0.5 }, { width: 800, height: 400 }); // { left: 400, top: 0, side: 200 }
 */
export function squareOfCrop(crop: AvatarCrop, { width, height }: { width: number; height: number }): PhotoSquare {
  return { left: crop.left * width, top: crop.top * height, side: Math.min(crop.width * width, crop.height * height) };
}

/**
 * The centred square of the photo's shorter side: what a centre crop keeps.
 *
 * @example
 * centredSquareOf({ width: 800, height: 400 }); // { left: 200, top: 0, side: 400 }
 */
export function centredSquareOf({ width, height }: { width: number; height: number }): PhotoSquare {
  const side = Math.min(width, height);
  return { left: (width - side) / 2, top: (height - side) / 2, side };
}

/** How much room each labelled face needs around it inside the square, as a share of its height. */
export const FACE_MARGIN = 0.05;

/** Faces at least this share of the largest one's height are the photo's subjects. */
const SUBJECT_SHARE = 0.4;

/**
 * The faces a square must hold for the photo's avatar to "keep the face": the largest face, and
 * every subject's (a face at least 40 % of the largest one's height) when all of them, with their
 * margins, fit in a square of the photo's shorter side (else no square can: the largest alone then).
 *
 * @example
 * requiredFaces(photo); // [{ left: 345, top: 296, width: 147, height: 200 }, …]
 */
export function requiredFaces(photo: Pick<LabelledPhoto, 'faces' | 'width' | 'height'>): LabelledFace[] {
  if (photo.faces.length === 0) return [];
  const largest = photo.faces.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
  const subjects = photo.faces.filter((face) => face.height >= SUBJECT_SHARE * largest.height);
  const room = (f: LabelledFace) => FACE_MARGIN * f.height;
  const extent = Math.max(
    Math.max(...subjects.map((f) => f.left + f.width + room(f))) - Math.min(...subjects.map((f) => f.left - room(f))),
    Math.max(...subjects.map((f) => f.top + f.height + room(f))) - Math.min(...subjects.map((f) => f.top - room(f))),
  );
  return extent <= Math.min(photo.width, photo.height) ? subjects : [largest];
}

/**
 * Whether the square holds every required face whole, with {@link FACE_MARGIN} of room around it
 * (less where the photo itself ends). A photo without faces is always held.
 *
 * @example
 * holdsFaces({ left: 0, top: 0, side: 800 }, photo); // true
 */
export function holdsFaces(square: PhotoSquare, photo: Pick<LabelledPhoto, 'faces' | 'width' | 'height'>): boolean {
  return requiredFaces(photo).every((face) => {
    const margin = FACE_MARGIN * face.height;
    const left = Math.max(0, face.left - margin);
    const top = Math.max(0, face.top - margin);
    const right = Math.min(photo.width, face.left + face.width + margin);
    const bottom = Math.min(photo.height, face.top + face.height + margin);
    const slack = 1; // a pixel of rounding between the square's fractions and its pixels
    return left >= square.left - slack && top >= square.top - slack && right <= square.left + square.side + slack && bottom <= square.top + square.side + slack;
  });
}

/** Every EXIF orientation, 1 (as stored) to 8. */
export const EXIF_ORIENTATIONS = Object.freeze([1, 2, 3, 4, 5, 6, 7, 8] as const);

/** A small grey thumbnail of the upright picture, to compare two encodings of it. */
async function uprightThumbnail(bytes: Buffer): Promise<Buffer> {
  return sharp(bytes).autoOrient().resize(24, 24, { fit: 'fill' }).greyscale().raw().toBuffer();
}

/**
 * The same upright picture as a JPEG whose pixels are stored turned or mirrored and tagged with
 * EXIF `orientation`, as cameras and phones write them: it shows `upright` once the orientation is
 * applied. The stored transform is found by trying the eight (not hand-written per orientation).
 *
 * @example
 * const sideways = await withExifOrientation(await photo.bytes(), 6);
 */
export async function withExifOrientation(upright: Buffer, orientation: (typeof EXIF_ORIENTATIONS)[number]): Promise<Buffer> {
  const target = await uprightThumbnail(upright);
  let best: { bytes: Buffer; difference: number } | undefined;
  for (const angle of [0, 90, 180, 270]) {
    for (const mirrored of [false, true]) {
      let stored = sharp(upright).rotate(angle);
      if (mirrored) stored = stored.flop();
      const bytes = await sharp(await stored.jpeg({ quality: 92 }).toBuffer())
        .withMetadata({ orientation })
        .jpeg({ quality: 92 })
        .toBuffer();
      const shown = await uprightThumbnail(bytes);
      if (shown.length !== target.length) continue;
      let difference = 0;
      for (let i = 0; i < shown.length; i += 1) difference += Math.abs((shown[i] as number) - (target[i] as number));
      if (best === undefined || difference < best.difference) best = { bytes, difference };
    }
  }
  if (best === undefined || best.difference > 8 * target.length) {
    throw new Error(`no stored transform shows the picture upright with orientation ${orientation}`);
  }
  // Unless the orientation is 1, the stored pixels themselves must not already be the upright picture.
  const storedAsIs = await sharp(best.bytes).resize(24, 24, { fit: 'fill' }).greyscale().raw().toBuffer();
  let asIs = 0;
  for (let i = 0; i < storedAsIs.length; i += 1) asIs += Math.abs((storedAsIs[i] as number) - (target[i] as number));
  if (orientation !== 1 && asIs <= 4 * best.difference + 2 * target.length) {
    throw new Error(`orientation ${orientation}: the stored pixels are the upright picture, nothing is turned`);
  }
  return best.bytes;
}
