import { frameAvatarSquare } from '@cruddur/shared/contract';
import {
  FACE_FRAMING_HINTS,
  INITIAL_COVERAGE,
  afterDetection,
  faceSquare,
  facesOnPhoto,
  isSquarePhoto,
  openingSquare,
} from '../../src/face-start';

describe('isSquarePhoto', () => {
  it.each([
    [1000, 1000, true],
    [1000, 990, true],
    [990, 1000, true],
    [1000, 989, false],
    [4032, 3024, false],
    [0, 0, false],
  ])('%i×%i: %s (sides within 1 % of the longer)', (width, height, square) => {
    expect(isSquarePhoto(width, height)).toBe(square);
  });
});

describe('openingSquare', () => {
  it('opens a square photo whole, with nothing to detect', () => {
    expect(openingSquare({ x: 10, y: 0, width: 320, height: 320 }, { width: 2000, height: 2000 })).toEqual({
      square: { x: 10, y: 0, width: 320, height: 320 },
      framing: 'square',
    });
    // Within 1 %: the displayed photo's shorter side, centred.
    expect(openingSquare({ x: 0, y: 0, width: 320, height: 318 }, { width: 1000, height: 994 })).toEqual({
      square: { x: 1, y: 0, width: 318, height: 318 },
      framing: 'square',
    });
  });

  it('opens any other photo on the centred square of 80 % of its shorter side, while faces are looked for', () => {
    expect(INITIAL_COVERAGE).toBe(0.8);
    expect(openingSquare({ x: 0, y: 0, width: 300, height: 200 }, { width: 1500, height: 1000 })).toEqual({
      square: { x: 70, y: 20, width: 160, height: 160 },
      framing: 'detecting',
    });
  });
});

describe('facesOnPhoto', () => {
  it("scales the detector's boxes onto the displayed photo, each axis on its own, from the photo's corner", () => {
    const found = { faces: [{ left: 64, top: 32, width: 64, height: 64 }], width: 640, height: 320 };
    expect(facesOnPhoto(found, { x: 10, y: 5, width: 300, height: 150 })).toEqual([{ left: 30, top: 15, width: 30, height: 30 }]);
    // A bitmap of the full photo (4000×2000) and the same photo shown at 400×200.
    const full = { faces: [{ left: 3000, top: 400, width: 400, height: 500 }], width: 4000, height: 2000 };
    expect(facesOnPhoto(full, { x: 0, y: 60, width: 400, height: 200 })).toEqual([{ left: 300, top: 40, width: 40, height: 50 }]);
  });

  it('gives no face for a picture without a size', () => {
    expect(facesOnPhoto({ faces: [{ left: 1, top: 1, width: 1, height: 1 }], width: 0, height: 0 }, { x: 0, y: 0, width: 10, height: 10 })).toEqual([]);
  });
});

describe('faceSquare', () => {
  const photo = { x: 20, y: 10, width: 500, height: 250 };

  it("is the shared rule's square in the displayed photo's units, placed in the canvas", () => {
    const found = { faces: [{ left: 1400, top: 200, width: 200, height: 250 }], width: 2000, height: 1000 };
    const rule = frameAvatarSquare(facesOnPhoto(found, photo), photo.width, photo.height)!;
    const square = faceSquare(found, photo)!;
    expect(square).toEqual({ x: photo.x + rule.left, y: photo.y + rule.top, width: rule.side, height: rule.side });
    // The face (350–400 across, 50–112.5 down, in the displayed photo) is inside the square.
    expect(square.x - photo.x).toBeLessThanOrEqual(350);
    expect(square.x - photo.x + square.width).toBeGreaterThanOrEqual(400);
    expect(square.y - photo.y).toBeLessThanOrEqual(50);
    expect(square.y - photo.y + square.height).toBeGreaterThanOrEqual(112.5);
  });

  it('frames the same part of the photo whatever size it is shown at', () => {
    const found = { faces: [{ left: 150, top: 90, width: 60, height: 80 }], width: 640, height: 480 };
    const small = faceSquare(found, { x: 0, y: 0, width: 320, height: 240 })!;
    const large = faceSquare(found, { x: 0, y: 0, width: 1280, height: 960 })!;
    expect(large.x / 1280).toBeCloseTo(small.x / 320, 10);
    expect(large.y / 960).toBeCloseTo(small.y / 240, 10);
    expect(large.width / 1280).toBeCloseTo(small.width / 320, 10);
  });

  it('is undefined without a face', () => {
    expect(faceSquare({ faces: [], width: 640, height: 480 }, photo)).toBeUndefined();
  });
});

describe('afterDetection', () => {
  const photo = { x: 0, y: 0, width: 400, height: 200 };
  const found = { faces: [{ left: 300, top: 40, width: 40, height: 50 }], width: 400, height: 200 };

  it('moves the square onto the face when the user has not touched it', () => {
    expect(afterDetection(found, photo, false)).toEqual({ framing: 'framed', square: faceSquare(found, photo) });
  });

  it('never moves a square the user moved first: moving always wins', () => {
    expect(afterDetection(found, photo, true)).toEqual({ framing: 'moved' });
    expect(afterDetection(undefined, photo, true)).toEqual({ framing: 'moved' });
  });

  it('keeps the centred square when there is no face', () => {
    expect(afterDetection({ faces: [], width: 400, height: 200 }, photo, false)).toEqual({ framing: 'no-face' });
  });

  it('leaves the framing to the thumbnail when detection failed or saw the photo turned', () => {
    expect(afterDetection(undefined, photo, false)).toEqual({ framing: 'unavailable' });
    // A browser that ignored the EXIF orientation for the bitmap: a 200×400 picture of a 400×200 photo.
    const turned = { faces: [{ left: 40, top: 300, width: 50, height: 40 }], width: 200, height: 400 };
    expect(afterDetection(turned, photo, false)).toEqual({ framing: 'unavailable' });
    expect(facesOnPhoto(turned, photo)).toEqual([]);
  });

  it('says what happened', () => {
    expect(FACE_FRAMING_HINTS.framed).toBe('Framed on your face. Drag to change.');
    expect(FACE_FRAMING_HINTS['no-face']).toBe('No face found: drag the square to choose.');
    expect(FACE_FRAMING_HINTS.detecting).toBe('Looking for your face…');
    expect(FACE_FRAMING_HINTS.moved).toBe('');
    expect(FACE_FRAMING_HINTS.unavailable).toMatch(/framed when it is uploaded/);
  });
});
