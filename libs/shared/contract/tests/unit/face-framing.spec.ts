import * as z from 'zod/mini';
import { AvatarCropSchema, faceFramedCrop, frameAvatarSquare, type AvatarSquare, type FaceBox } from '../../src';
import { FACE_HEADROOM, FACE_MIN_SQUARE, FACE_SQUARE_RATIO } from '../../src/face-framing';

const face = (left: number, top: number, width: number, height: number): FaceBox => ({ left, top, width, height });

/** Whether the square lies inside the photo (up to float noise). */
const insidePhoto = (square: AvatarSquare, width: number, height: number) =>
  square.left >= -1e-9 && square.top >= -1e-9 && square.left + square.side <= width + 1e-9 && square.top + square.side <= height + 1e-9;

/** Whether the square holds the whole face box. */
const holds = (square: AvatarSquare, box: FaceBox) =>
  box.left >= square.left - 1e-9 &&
  box.top >= square.top - 1e-9 &&
  box.left + box.width <= square.left + square.side + 1e-9 &&
  box.top + box.height <= square.top + square.side + 1e-9;

describe('frameAvatarSquare: one face', () => {
  it('is 2.2 face heights, centred across on the face, the face a little above the middle', () => {
    const square = frameAvatarSquare([face(400, 300, 80, 100)], 1000, 800)!;
    expect(square.side).toBeCloseTo(FACE_SQUARE_RATIO * 100);
    expect(square.left + square.side / 2).toBeCloseTo(440);
    expect(square.top).toBeCloseTo(300 - FACE_HEADROOM * 100);
    // The eyes (about 40 % down the box) above the middle, the chin well inside.
    const eyes = (300 + 40 - square.top) / square.side;
    expect(eyes).toBeGreaterThan(0.35);
    expect(eyes).toBeLessThan(0.5);
    expect(square.top + square.side - 400).toBeGreaterThan(50);
  });

  it.each([
    // [what, face, photo width, photo height, expected left, expected top]
    ['top-left corner', face(0, 0, 80, 100), 1000, 800, 0, 0],
    ['bottom-right corner', face(920, 700, 80, 100), 1000, 800, 780, 580],
    ['left edge, middle height', face(0, 350, 80, 100), 1000, 800, 0, 350 - 60],
    ['right edge of a portrait', face(520, 200, 80, 100), 600, 1000, 380, 200 - 60],
    ['at the bottom of a landscape', face(500, 900, 80, 100), 1600, 1000, 430, 780],
  ])('a face at the %s keeps its full square, moved inside the photo', (_what, box, width, height, left, top) => {
    const square = frameAvatarSquare([box], width, height)!;
    expect(square.side).toBeCloseTo(220);
    expect(square.left).toBeCloseTo(left);
    expect(square.top).toBeCloseTo(top);
    expect(insidePhoto(square, width, height)).toBe(true);
    expect(holds(square, box)).toBe(true);
  });

  it.each([
    ['landscape', 1600, 900],
    ['portrait', 900, 1600],
    ['square', 1000, 1000],
  ])('a face too large for a %s photo gets the largest square that fits', (_what, width, height) => {
    const square = frameAvatarSquare([face(width / 2 - 300, height / 2 - 350, 600, 700)], width, height)!;
    expect(square.side).toBe(Math.min(width, height));
    expect(insidePhoto(square, width, height)).toBe(true);
  });

  it('a tiny face gets a fifth of the shorter side, centred on it, not a blur of a few pixels', () => {
    const box = face(1200, 400, 8, 10);
    const square = frameAvatarSquare([box], 2000, 1500)!;
    expect(square.side).toBeCloseTo(FACE_MIN_SQUARE * 1500);
    expect(square.left + square.side / 2).toBeCloseTo(1204);
    expect(holds(square, box)).toBe(true);
  });

  it('a photo smaller than the minimum square still gets a square inside it', () => {
    const square = frameAvatarSquare([face(2, 2, 3, 4)], 10, 8)!;
    expect(square.side).toBeLessThanOrEqual(8);
    expect(insidePhoto(square, 10, 8)).toBe(true);
  });

  it('works in any unit: fractions of a photo give the same square, scaled', () => {
    const pixels = frameAvatarSquare([face(400, 300, 80, 100)], 1000, 800)!;
    const scaled = frameAvatarSquare([face(4, 3, 0.8, 1)], 10, 8)!;
    expect(scaled.left * 100).toBeCloseTo(pixels.left);
    expect(scaled.top * 100).toBeCloseTo(pixels.top);
    expect(scaled.side * 100).toBeCloseTo(pixels.side);
  });
});

describe('frameAvatarSquare: several faces', () => {
  it('holds two faces side by side with the margins one face gets', () => {
    const left = face(300, 300, 80, 100);
    const right = face(520, 320, 80, 100);
    const square = frameAvatarSquare([left, right], 1600, 1000)!;
    expect(holds(square, left) && holds(square, right)).toBe(true);
    expect(square.side).toBeCloseTo(600 - 300 + 120);
    expect(square.left + square.side / 2).toBeCloseTo(450);
  });

  it('takes the largest face alone when all of them do not fit in the shorter side', () => {
    const big = face(100, 300, 160, 200);
    const far = face(1400, 300, 120, 150);
    const square = frameAvatarSquare([far, big], 1600, 900)!;
    expect(holds(square, big)).toBe(true);
    expect(holds(square, far)).toBe(false);
    expect(square.side).toBeCloseTo(440);
  });

  it('ignores passers-by: faces under 40 % of the largest one', () => {
    const subject = face(700, 200, 160, 200);
    const passerBy = face(100, 150, 30, 40);
    expect(frameAvatarSquare([subject, passerBy], 1600, 1000)).toEqual(frameAvatarSquare([subject], 1600, 1000));
  });

  it('is the same whatever order the detector lists the faces in', () => {
    const faces = [face(300, 300, 80, 100), face(520, 320, 80, 100), face(420, 260, 70, 90)];
    const square = frameAvatarSquare(faces, 1600, 1000);
    expect(frameAvatarSquare([...faces].reverse(), 1600, 1000)).toEqual(square);
    expect(frameAvatarSquare([faces[1]!, faces[2]!, faces[0]!], 1600, 1000)).toEqual(square);
  });

  it('a group that fills the photo gets the whole shorter side, every face inside', () => {
    const faces = [face(50, 400, 150, 180), face(350, 420, 150, 180), face(650, 380, 150, 180)];
    const square = frameAvatarSquare(faces, 900, 1200)!;
    expect(square.side).toBe(900);
    for (const box of faces) expect(holds(square, box)).toBe(true);
  });
});

describe('frameAvatarSquare: what is not a face', () => {
  it.each([
    ['no faces', [], 100, 100],
    ['an empty box', [face(10, 10, 0, 5)], 100, 100],
    ['a box wholly outside the photo', [face(200, 10, 20, 20)], 100, 100],
    ['a photo without pixels', [face(1, 1, 2, 2)], 0, 100],
    ['a photo of NaN size', [face(1, 1, 2, 2)], Number.NaN, 100],
  ])('%s frames nothing', (_what, faces, width, height) => {
    expect(frameAvatarSquare(faces, width, height)).toBeUndefined();
    expect(faceFramedCrop(faces, width, height)).toBeUndefined();
  });

  it('clips a box that runs past the edge before framing it', () => {
    const square = frameAvatarSquare([face(-40, 100, 80, 100)], 1000, 800)!;
    expect(square.left).toBe(0);
    expect(insidePhoto(square, 1000, 800)).toBe(true);
  });
});

describe('faceFramedCrop', () => {
  it.each([
    [1000, 800],
    [800, 1000],
    [4032, 3024],
    [3024, 4032],
    [17, 23],
  ])('is a valid upload crop, square in pixels, for a %i×%i photo', (width, height) => {
    for (const [x, y, h] of [
      [0, 0, 0.1],
      [0.45, 0.3, 0.2],
      [0.9, 0.9, 0.1],
      [0.1, 0.5, 0.9],
    ] as const) {
      const crop = faceFramedCrop([face(x * width, y * height, 0.8 * h * height, h * height)], width, height)!;
      expect(z.safeParse(AvatarCropSchema, crop).success).toBe(true);
      expect(crop.width * width).toBeCloseTo(crop.height * height, 6);
    }
  });
});
