import type { FaceBox } from '@cruddur/shared/contract';

/** The model's square input, in pixels. */
export const BLAZEFACE_INPUT_SIZE = 256;

/** Columns per anchor in the model's output: a score logit, the box (centre x, y, width, height), six key points. */
const COLUMNS = 17;

/** A face as the detector reports it: its box in the caller's pixels and the model's confidence (0–1). */
export interface DetectedFace extends FaceBox {
  score: number;
}

/**
 * The anchors of the full-range BlazeFace model at a 256 px input: a 16×16 grid with 2 anchors per
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

/** Intersection over union of two boxes. */
function overlap(a: FaceBox, b: FaceBox): number {
  const width = Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left);
  const height = Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top);
  if (width <= 0 || height <= 0) return 0;
  const shared = width * height;
  return shared / (a.width * a.height + b.width * b.height - shared);
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
  const candidates: DetectedFace[] = [];
  for (let i = 0; i < anchors.length; i += 1) {
    const row = i * COLUMNS;
    const score = sigmoid(raw[row] as number);
    if (!(score >= options.minScore)) continue;
    const [anchorX, anchorY] = anchors[i] as readonly [number, number];
    const centreX = ((raw[row + 1] as number) + anchorX - padX) / scale;
    const centreY = ((raw[row + 2] as number) + anchorY - padY) / scale;
    const boxWidth = (raw[row + 3] as number) / scale;
    const boxHeight = (raw[row + 4] as number) / scale;
    const left = Math.max(0, centreX - boxWidth / 2);
    const top = Math.max(0, centreY - boxHeight / 2);
    const right = Math.min(options.width, centreX + boxWidth / 2);
    const bottom = Math.min(options.height, centreY + boxHeight / 2);
    if (!(right > left && bottom > top)) continue;
    candidates.push({ left, top, width: right - left, height: bottom - top, score });
  }
  candidates.sort((a, b) => b.score - a.score);
  const faces: DetectedFace[] = [];
  for (const candidate of candidates) {
    if (faces.every((face) => overlap(face, candidate) <= options.maxOverlap)) faces.push(candidate);
  }
  return faces;
}
