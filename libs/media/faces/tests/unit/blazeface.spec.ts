import { BLAZEFACE_INPUT_SIZE, blazeFaceAnchors, decodeBlazeFace, faceTiles, keepConfident, letterboxOf, suppressOverlaps } from '../../src/blazeface';

const anchors = blazeFaceAnchors();

/** A raw output with every anchor at `logit` (-20: nothing there) and the given rows set. */
function rawOutput(rows: Record<number, number[]>, logit = -20): Float32Array {
  const raw = new Float32Array(anchors.length * 17);
  for (let i = 0; i < anchors.length; i += 1) raw[i * 17] = logit;
  for (const [index, values] of Object.entries(rows)) raw.set(values, Number(index) * 17);
  return raw;
}

const logit = (probability: number) => Math.log(probability / (1 - probability));
const square = { scale: 1, padX: 0, padY: 0 };
const options = { minScore: 0.5, maxOverlap: 0.3, letterbox: square, width: 256, height: 256 };

describe('blazeFaceAnchors', () => {
  it('lays 896 anchors: a 16×16 grid of 2 per cell, then an 8×8 grid of 6, at the cells’ centres', () => {
    expect(anchors).toHaveLength(896);
    expect(anchors.slice(0, 3)).toEqual([
      [8, 8],
      [8, 8],
      [24, 8],
    ]);
    expect(anchors[511]).toEqual([248, 248]);
    expect(anchors[512]).toEqual([16, 16]);
    expect(anchors[895]).toEqual([240, 240]);
  });
});

describe('letterboxOf', () => {
  it.each([
    [512, 256, { scale: 0.5, padX: 0, padY: 64 }],
    [256, 512, { scale: 0.5, padX: 64, padY: 0 }],
    [1000, 1000, { scale: BLAZEFACE_INPUT_SIZE / 1000, padX: 0, padY: 0 }],
  ])('fits a %i×%i photo into the square input, centred', (width, height, expected) => {
    expect(letterboxOf(width, height)).toEqual(expected);
  });
});

describe('decodeBlazeFace', () => {
  it('decodes a box against its anchor: centre offset, then width and height', () => {
    // Anchor 0 is at (8, 8): a face centred 100 px right and 60 px down of it, 40×50.
    const faces = decodeBlazeFace(rawOutput({ 0: [logit(0.9), 100, 60, 40, 50] }), anchors, options);
    expect(faces).toHaveLength(1);
    expect(faces[0]).toMatchObject({ left: 88, top: 43, width: 40, height: 50 });
    expect(faces[0]!.score).toBeCloseTo(0.9);
  });

  it('maps boxes back through the letterbox into the photo’s pixels', () => {
    // A 1024×512 photo: scaled by 1/4, padded 64 px above and below.
    const letterbox = letterboxOf(1024, 512);
    const faces = decodeBlazeFace(rawOutput({ 512: [logit(0.8), 20, 60, 32, 32] }), anchors, { ...options, letterbox, width: 1024, height: 512 });
    // Centre in the input (36, 76) → photo ((36 - 0) × 4, (76 - 64) × 4) = (144, 48); size 128.
    expect(faces[0]).toMatchObject({ left: 80, top: 0, width: 128, height: 112 });
  });

  it('maps the vertical through its own scale when rounding made the two differ', () => {
    // A 40×500 region resized to 20×256: 0.5 across, 0.512 down.
    const letterbox = { scale: 0.5, scaleY: 0.512, padX: 118, padY: 0 };
    // Anchor 0 is at (8, 8): centre (8 + 120 − 118, 8 + 120) in the input → (20, 250) in the region.
    const inside = decodeBlazeFace(rawOutput({ 0: [logit(0.9), 120, 120, 8, 25.6] }), anchors, { ...options, letterbox, width: 40, height: 500 });
    expect(inside[0]!.left + inside[0]!.width / 2).toBeCloseTo(20);
    expect(inside[0]!.top + inside[0]!.height / 2).toBeCloseTo(250);
    expect(inside[0]!.height).toBeCloseTo(50);
  });

  it('drops faces under the minimum score, keeps those at it', () => {
    const raw = rawOutput({ 10: [logit(0.49), 0, 0, 20, 20], 200: [logit(0.5), 0, 0, 20, 20] });
    expect(decodeBlazeFace(raw, anchors, options).map((face) => face.score)).toEqual([expect.closeTo(0.5, 6)]);
  });

  it('keeps the most confident of overlapping boxes, and separate faces apart, most confident first', () => {
    const raw = rawOutput({
      100: [logit(0.7), 0, 0, 40, 40],
      101: [logit(0.95), 2, 2, 40, 40],
      400: [logit(0.8), 0, 0, 30, 30],
    });
    const faces = decodeBlazeFace(raw, anchors, options);
    expect(faces.map((face) => Number(face.score.toFixed(2)))).toEqual([0.95, 0.8]);
  });

  it('clips boxes to the photo and drops one wholly outside it', () => {
    const raw = rawOutput({ 0: [logit(0.9), -8, -8, 40, 40], 511: [logit(0.9), 200, 200, 20, 20] });
    const faces = decodeBlazeFace(raw, anchors, options);
    expect(faces).toEqual([expect.objectContaining({ left: 0, top: 0, width: 20, height: 20 })]);
  });

  it('finds nothing in an output of NaN scores (a broken model) rather than faces everywhere', () => {
    expect(decodeBlazeFace(rawOutput({}, Number.NaN), anchors, options)).toEqual([]);
  });
});

describe('faceTiles', () => {
  it.each([
    ['a square photo', 500, 500],
    ['a nearly square photo (the letterbox loses little)', 1100, 1000],
    ['at the tiling ratio', 1500, 1000],
  ])('gives %s no closer look', (_what, width, height) => {
    expect(faceTiles(width, height)).toEqual([]);
  });

  it('gives a 4:3 or 3:2 phone photo no closer look, and a wider one two overlapping squares', () => {
    expect(faceTiles(400, 300)).toEqual([]);
    expect(faceTiles(1500, 1000)).toEqual([]);
    expect(faceTiles(1600, 1000)).toEqual([
      { left: 0, top: 0, side: 1000 },
      { left: 600, top: 0, side: 1000 },
    ]);
  });

  it('spreads squares of the shorter side evenly along a 16:9 photo, first and last at the edges', () => {
    expect(faceTiles(640, 360)).toEqual([
      { left: 0, top: 0, side: 360 },
      { left: 280, top: 0, side: 360 },
    ]);
  });

  it('overlaps neighbours even when the photo is exactly twice as long as wide', () => {
    expect(faceTiles(500, 250)).toEqual([
      { left: 0, top: 0, side: 250 },
      { left: 125, top: 0, side: 250 },
      { left: 250, top: 0, side: 250 },
    ]);
  });

  it('runs down a 9:16 photo, and never uses more than 3 squares', () => {
    expect(faceTiles(360, 640)).toEqual([
      { left: 0, top: 0, side: 360 },
      { left: 0, top: 280, side: 360 },
    ]);
    const panorama = faceTiles(2000, 200);
    expect(panorama).toEqual([
      { left: 0, top: 0, side: 200 },
      { left: 900, top: 0, side: 200 },
      { left: 1800, top: 0, side: 200 },
    ]);
  });
});

describe('suppressOverlaps', () => {
  const face = (left: number, top: number, width: number, height: number, score: number) => ({ left, top, width, height, score });

  it('drops a face cut by a tile edge that lies inside the whole one found in the next tile', () => {
    const whole = face(100, 100, 60, 60, 0.9);
    const cut = face(100, 100, 25, 60, 0.8);
    expect(suppressOverlaps([cut, whole], 0.3)).toEqual([whole]);
  });

  it('keeps faces that only touch, most confident first', () => {
    const a = face(0, 0, 50, 50, 0.7);
    const b = face(50, 0, 50, 50, 0.9);
    expect(suppressOverlaps([a, b], 0.3)).toEqual([b, a]);
  });
});

describe('keepConfident', () => {
  const face = (height: number, score: number) => ({ left: 0, top: 0, width: height, height, score });
  const confidence = { minScore: 0.7, companionScore: 0.5, companionSize: 0.6 };

  it('keeps a less sure face of about the size of a sure one: a group’s turned face', () => {
    expect(keepConfident([face(100, 0.9), face(80, 0.55)], confidence)).toEqual([face(100, 0.9), face(80, 0.55)]);
  });

  it('drops a less sure face much smaller than the sure ones, and anything under the companion score', () => {
    expect(keepConfident([face(100, 0.9), face(40, 0.6), face(100, 0.45)], confidence)).toEqual([face(100, 0.9)]);
  });

  it('keeps nothing when no face is sure on its own: no companions out of noise', () => {
    expect(keepConfident([face(100, 0.69), face(100, 0.6)], confidence)).toEqual([]);
  });
});
