import type { AvatarSquare, FaceBox } from '@cruddur/shared/contract';

/** The model's square input, in pixels. */
export const BLAZEFACE_INPUT_SIZE = 256;

/**
 * The long side of the copy of a photo faces are looked for in, in the browser and in Lambda alike:
 * the model sees 256 px (tiles of the shorter side when it looks closer), and 500 lets a 12 MP JPEG
 * (4000 or 4032 px long) shrink by 8 while decoding: ~10 ms less than at 512 in Lambda, for one more
 * miss in 270 faces of the evaluation set.
 */
export const FACE_SEARCH_EDGE = 500;

/** Columns per anchor in the model's output: a score logit, the box (centre x, y, width, height), six key points. */
const COLUMNS = 17;

/** A face as the detector reports it: its box in the caller's pixels and the model's confidence (0–1). */
export interface DetectedFace extends FaceBox {
  score: number;
}

/**
 * The anchors of BlazeFace's back-camera model at its 256 px input: a 16×16 grid with 2 anchors per
 * cell, then an 8×8 grid with 6, each at its cell's centre (MediaPipe's SSD anchor options; 896 in all).
 *
 * @example
 * blazeFaceAnchors().length; // 896
 */
export function blazeFaceAnchors(inputSize = BLAZEFACE_INPUT_SIZE): [number, number][] {
  const anchors: [number, number][] = [];
  for (const [stride, perCell] of [
    [inputSize / 16, 2],
    [inputSize / 8, 6],
  ] as const) {
    const cells = Math.ceil(inputSize / stride);
    for (let y = 0; y < cells; y += 1) {
      for (let x = 0; x < cells; x += 1) {
        for (let n = 0; n < perCell; n += 1) anchors.push([stride * (x + 0.5), stride * (y + 0.5)]);
      }
    }
  }
  return anchors;
}

/** Where the photo lies in the model's square input: it was scaled by `scale` and padded by `padX`, `padY`. */
export interface Letterbox {
  scale: number;
  /** The vertical scale when rounding the resized size made it differ from `scale` (default: `scale`). */
  scaleY?: number;
  padX: number;
  padY: number;
}

/**
 * The letterbox that fits a `width`×`height` photo, centred, into the model's square input.
 *
 * @example
 * letterboxOf(512, 256); // { scale: 0.5, padX: 0, padY: 64 }
 */
export function letterboxOf(width: number, height: number, inputSize = BLAZEFACE_INPUT_SIZE): Letterbox {
  const scale = inputSize / Math.max(width, height);
  return { scale, padX: (inputSize - width * scale) / 2, padY: (inputSize - height * scale) / 2 };
}

const sigmoid = (logit: number) => 1 / (1 + Math.exp(-logit));

/**
 * How much two boxes are the same face: their intersection over their union, or over the smaller
 * box when that is more (a face cut by a tile's edge lies inside the whole one found in the next tile).
 */
function overlap(a: FaceBox, b: FaceBox): number {
  const width = Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left);
  const height = Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top);
  if (width <= 0 || height <= 0) return 0;
  const shared = width * height;
  const smaller = Math.min(a.width * a.height, b.width * b.height);
  return Math.max(shared / (a.width * a.height + b.width * b.height - shared), (shared / smaller) * CONTAINED_WEIGHT);
}

/** A box lying wholly inside another counts as this much overlap: above any `maxOverlap` we use. */
const CONTAINED_WEIGHT = 0.6;

/**
 * Non-maximum suppression: the most confident face first, then each other face that does not
 * overlap (see `overlap`) a kept one by more than `maxOverlap`.
 *
 * @example
 * suppressOverlaps([...tileA, ...tileB], 0.3);
 */
export function suppressOverlaps(candidates: readonly DetectedFace[], maxOverlap: number): DetectedFace[] {
  const faces: DetectedFace[] = [];
  for (const candidate of [...candidates].sort((a, b) => b.score - a.score)) {
    if (faces.every((face) => overlap(face, candidate) <= maxOverlap)) faces.push(candidate);
  }
  return faces;
}

/** How sure a face must be to count: on its own, or beside a sure face of about its size. */
export interface Confidence {
  /** A face at least this confident counts on its own (0–1). */
  minScore: number;
  /** A face at least this confident counts too … */
  companionScore: number;
  /** … when it is at least this share of the height of the largest face that counts on its own. */
  companionSize: number;
}

/**
 * The faces that count: those at least `minScore` confident, and beside them the less confident
 * ones of a similar size (a group's other faces, often turned or shaded); none when no face is
 * sure on its own, so a photo without a face never gets companions out of noise.
 *
 * @example
 * keepConfident(candidates, { minScore: 0.7, companionScore: 0.5, companionSize: 0.6 });
 */
export function keepConfident(candidates: readonly DetectedFace[], confidence: Confidence): DetectedFace[] {
  const sure = candidates.filter((face) => face.score >= confidence.minScore);
  if (sure.length === 0) return [];
  const tallest = Math.max(...sure.map((face) => face.height));
  return candidates.filter(
    (face) => face.score >= confidence.minScore || (face.score >= confidence.companionScore && face.height >= confidence.companionSize * tallest),
  );
}

/** A square part of the photo the model looks at on its own (the contract's square shape). */
export type Tile = AvatarSquare;

/**
 * Up to this long-to-short ratio (a 3:2 or 4:3 photo) there is no closer look in tiles: the
 * letterbox loses little, and a phone photo without a face costs one look, not three.
 */
const TILING_ASPECT = 1.5;
const MAX_TILES = 3;

/**
 * The squares of a photo the model looks at closer, when a look at the whole photo (letterboxed:
 * its long side at the model's 256 px) found no face large enough to trust (see
 * `CLOSE_LOOK_BELOW`): squares of the shorter side spread evenly along its length (2 or 3,
 * overlapping), each seen at a larger scale, so smaller faces are found. None for a photo nearly square.
 *
 * @example
 * faceTiles(640, 360); // [{ left: 0, top: 0, side: 360 }, { left: 280, top: 0, side: 360 }]
 */
export function faceTiles(width: number, height: number): Tile[] {
  const short = Math.min(width, height);
  const long = Math.max(width, height);
  if (!(long > TILING_ASPECT * short)) return [];
  // One more square than fit end to end, so neighbours always overlap (a 2:1 photo gets 3, not 2 that only touch).
  const count = Math.min(MAX_TILES, Math.floor(long / short) + 1);
  const step = (long - short) / (count - 1);
  return Array.from({ length: count }, (_, index) => {
    const along = Math.round(index * step);
    return width >= height ? { left: along, top: 0, side: short } : { left: 0, top: along, side: short };
  });
}

/** What {@link decodeBlazeFace} keeps. */
export interface DecodeOptions {
  /** Faces below this confidence are dropped (0–1). */
  minScore: number;
  /** A face overlapping a more confident one by more than this (IoU) is the same face. */
  maxOverlap: number;
  /** Where the photo lies in the input, to map boxes back to its pixels. */
  letterbox: Letterbox;
  /** The photo's size: boxes are clipped to it. */
  width: number;
  height: number;
}

/**
 * The faces in BlazeFace's raw output (`anchors.length` rows of 17 numbers, in the anchors' order):
 * scores through a sigmoid, boxes decoded against their anchors, mapped back through the letterbox
 * into the photo's pixels and clipped to it, then non-maximum suppression, most confident first.
 *
 * @example
 * const faces = decodeBlazeFace(await output.data(), blazeFaceAnchors(), { minScore: 0.5, maxOverlap: 0.3, letterbox, width, height });
 */
export function decodeBlazeFace(raw: ArrayLike<number>, anchors: readonly (readonly [number, number])[], options: DecodeOptions): DetectedFace[] {
  const { scale, padX, padY } = options.letterbox;
  const scaleY = options.letterbox.scaleY ?? scale;
  const candidates: DetectedFace[] = [];
  for (let i = 0; i < anchors.length; i += 1) {
    const row = i * COLUMNS;
    const score = sigmoid(raw[row] as number);
    if (!(score >= options.minScore)) continue;
    const [anchorX, anchorY] = anchors[i] as readonly [number, number];
    const centreX = ((raw[row + 1] as number) + anchorX - padX) / scale;
    const centreY = ((raw[row + 2] as number) + anchorY - padY) / scaleY;
    const boxWidth = (raw[row + 3] as number) / scale;
    const boxHeight = (raw[row + 4] as number) / scaleY;
    const left = Math.max(0, centreX - boxWidth / 2);
    const top = Math.max(0, centreY - boxHeight / 2);
    const right = Math.min(options.width, centreX + boxWidth / 2);
    const bottom = Math.min(options.height, centreY + boxHeight / 2);
    if (!(right > left && bottom > top)) continue;
    candidates.push({ left, top, width: right - left, height: bottom - top, score });
  }
  return suppressOverlaps(candidates, options.maxOverlap);
}
