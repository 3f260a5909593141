import * as z from 'zod/mini';
import { AvatarCropSchema } from '@cruddur/shared/contract';
import { cropFractions, initialSquare, sameBox, squareInside } from '../../src/crop-geometry';

describe('cropFractions', () => {
  const photo = { x: 50, y: 20, width: 200, height: 100 };

  it('gives the selection as fractions of the displayed photo', () => {
    expect(cropFractions({ x: 150, y: 20, width: 100, height: 100 }, photo)).toEqual({ left: 0.5, top: 0, width: 0.5, height: 1 });
    expect(cropFractions({ x: 100, y: 45, width: 50, height: 50 }, photo)).toEqual({ left: 0.25, top: 0.25, width: 0.25, height: 0.5 });
  });

  it('drops the part of the selection outside the photo, so the API accepts it', () => {
    const crop = cropFractions({ x: 200, y: 0, width: 100, height: 100 }, photo)!;
    expect(crop).toEqual({ left: 0.75, top: 0, width: 0.25, height: 0.8 });
    expect(z.safeParse(AvatarCropSchema, crop).success).toBe(true);
  });

  it('is undefined for a selection beside the photo or a photo not laid out', () => {
    expect(cropFractions({ x: 0, y: 0, width: 40, height: 40 }, photo)).toBeUndefined();
    expect(cropFractions({ x: 0, y: 0, width: 40, height: 40 }, { x: 0, y: 0, width: 0, height: 0 })).toBeUndefined();
  });

  it('stays within the contract for fractional layouts', () => {
    const odd = { x: 0.3, y: 0.7, width: 333.3, height: 187.45 };
    for (let x = 0; x < 150; x += 7.77) {
      const crop = cropFractions({ x, y: 0.7, width: 187.45, height: 187.45 }, odd)!;
      expect(z.safeParse(AvatarCropSchema, crop).success).toBe(true);
    }
  });
});

describe('squareInside', () => {
  const bounds = { x: 0, y: 0, width: 200, height: 100 };

  it('leaves a square inside the photo alone', () => {
    expect(squareInside({ x: 10, y: 10, width: 50, height: 50 }, bounds)).toEqual({ x: 10, y: 10, width: 50, height: 50 });
  });

  it('moves a square back inside at every edge', () => {
    expect(squareInside({ x: 180, y: 0, width: 50, height: 50 }, bounds)).toEqual({ x: 150, y: 0, width: 50, height: 50 });
    expect(squareInside({ x: -5, y: -8, width: 50, height: 50 }, bounds)).toEqual({ x: 0, y: 0, width: 50, height: 50 });
    expect(squareInside({ x: 20, y: 70, width: 50, height: 50 }, bounds)).toEqual({ x: 20, y: 50, width: 50, height: 50 });
  });

  it('shrinks a square larger than the photo to its shorter side', () => {
    expect(squareInside({ x: 0, y: 0, width: 150, height: 150 }, bounds)).toEqual({ x: 0, y: 0, width: 100, height: 100 });
  });
});

describe('initialSquare', () => {
  it('centres a square of the given share of the shorter side', () => {
    expect(initialSquare({ x: 0, y: 10, width: 300, height: 200 }, 0.8)).toEqual({ x: 70, y: 30, width: 160, height: 160 });
  });
});

describe('sameBox', () => {
  it('ignores layout rounding, not a moved pixel', () => {
    expect(sameBox({ x: 1, y: 1, width: 5, height: 5 }, { x: 1.001, y: 1, width: 5, height: 5 })).toBe(true);
    expect(sameBox({ x: 1, y: 1, width: 5, height: 5 }, { x: 2, y: 1, width: 5, height: 5 })).toBe(false);
  });
});
