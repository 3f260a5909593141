import * as z from 'zod/mini';
import { AvatarCropSchema, AvatarUploadRequestSchema, CROP_METADATA_HEADER, apiErrorCodeOf, formatAvatarCrop, parseAvatarCrop } from '../../src';

function refusal(body: unknown) {
  const result = z.safeParse(AvatarUploadRequestSchema, body);
  if (result.success) throw new Error(`expected a refusal of ${JSON.stringify(body)}`);
  const first = result.error.issues[0];
  return { code: apiErrorCodeOf(first), message: first?.message ?? '' };
}

const upload = (crop: unknown) => ({ contentType: 'image/jpeg', contentLength: 1000, crop });

describe('the crop of an upload request', () => {
  it('passes a crop through and leaves it out when none was given', () => {
    expect(z.parse(AvatarUploadRequestSchema, upload({ left: 0.5, top: 0, width: 0.5, height: 1 }))).toEqual({
      contentType: 'image/jpeg',
      contentLength: 1000,
      crop: { left: 0.5, top: 0, width: 0.5, height: 1 },
    });
    expect(z.parse(AvatarUploadRequestSchema, { contentType: 'image/jpeg', contentLength: 1000 })).not.toHaveProperty('crop');
  });

  it('takes the whole picture and a crop touching the far edges', () => {
    expect(z.safeParse(AvatarCropSchema, { left: 0, top: 0, width: 1, height: 1 }).success).toBe(true);
    expect(z.safeParse(AvatarCropSchema, { left: 0.25, top: 0.75, width: 0.75, height: 0.25 }).success).toBe(true);
  });

  it("takes a browser's edge-to-edge fractions that float arithmetic puts a hair over 1", () => {
    const [x, w, imageWidth] = [0.9, 22.1, 23];
    expect(x / imageWidth + w / imageWidth).toBeGreaterThan(1);
    expect(z.safeParse(AvatarCropSchema, { left: x / imageWidth, top: 0, width: w / imageWidth, height: 1 }).success).toBe(true);
  });

  it.each([
    ['past the right edge', { left: 0.6, top: 0, width: 0.5, height: 0.5 }, 'crop must lie inside the picture: left + width is over 1'],
    ['past the bottom edge', { left: 0, top: 0.5, width: 0.5, height: 0.6 }, 'crop must lie inside the picture: top + height is over 1'],
    ['a zero width', { left: 0, top: 0, width: 0, height: 1 }, 'crop.width must be a number above 0, at most 1'],
    ['a negative height', { left: 0, top: 0, width: 1, height: -0.1 }, 'crop.height must be a number above 0, at most 1'],
    ['a negative left', { left: -0.1, top: 0, width: 0.5, height: 0.5 }, 'crop.left must be a number from 0 to 1'],
    ['a top over 1', { left: 0, top: 1.5, width: 0.5, height: 0.5 }, 'crop.top must be a number from 0 to 1'],
    ['a width over 1', { left: 0, top: 0, width: 2, height: 0.5 }, 'crop.width must be a number above 0, at most 1'],
    ['NaN', { left: Number.NaN, top: 0, width: 0.5, height: 0.5 }, 'crop.left must be a number from 0 to 1'],
    ['Infinity', { left: 0, top: 0, width: Number.POSITIVE_INFINITY, height: 0.5 }, 'crop.width must be a number above 0, at most 1'],
    ['a string', { left: '0.5', top: 0, width: 0.5, height: 0.5 }, 'crop.left must be a number from 0 to 1'],
    ['a missing field', { left: 0, top: 0, width: 0.5 }, 'crop.height must be a number above 0, at most 1'],
    ['an extra field', { left: 0, top: 0, width: 0.5, height: 0.5, rotate: 90 }, 'unexpected field in crop: rotate'],
    ['an array', [0, 0, 0.5, 0.5], 'crop must be an object with left, top, width and height'],
    ['a serialised crop', '0.0000,0.0000,0.5000,0.5000', 'crop must be an object with left, top, width and height'],
    ['null', null, 'crop must be an object with left, top, width and height'],
  ])('refuses %s as an invalid request (400) saying what is wrong', (_, crop, message) => {
    expect(refusal(upload(crop))).toEqual({ code: 'invalid-request', message });
  });
});

describe('the crop metadata', () => {
  it('is the signed S3 user-metadata header', () => {
    expect(CROP_METADATA_HEADER).toBe('x-amz-meta-crop');
  });

  it('writes left,top,width,height with 4 decimals', () => {
    expect(formatAvatarCrop({ left: 0.5, top: 0, width: 0.5, height: 1 })).toBe('0.5000,0.0000,0.5000,1.0000');
    expect(formatAvatarCrop({ left: 1 / 3, top: 0.123456, width: 0.5, height: 0.25 })).toBe('0.3333,0.1235,0.5000,0.2500');
  });

  it('never rounds a region past the edge or to nothing', () => {
    expect(formatAvatarCrop({ left: 0.33335, top: 0, width: 0.66665, height: 1 })).toBe('0.3334,0.0000,0.6666,1.0000');
    expect(formatAvatarCrop({ left: 0.99999, top: 0.99999, width: 0.00001, height: 0.00001 })).toBe('0.9999,0.9999,0.0001,0.0001');
    expect(formatAvatarCrop({ left: 0.9 / 23, top: 0, width: 22.1 / 23, height: 1 })).toBe('0.0391,0.0000,0.9609,1.0000');
  });

  it('reads back what it wrote', () => {
    for (const crop of [
      { left: 0.5, top: 0, width: 0.5, height: 1 },
      { left: 0.1234, top: 0.5678, width: 0.4321, height: 0.4322 },
      { left: 0, top: 0, width: 1, height: 1 },
    ]) {
      expect(parseAvatarCrop(formatAvatarCrop(crop))).toEqual(crop);
    }
  });

  it.each([
    ['an empty value', ''],
    ['fewer decimals', '0.5,0,0.5,1'],
    ['three numbers', '0.5000,0.0000,0.5000'],
    ['five numbers', '0.5000,0.0000,0.5000,1.0000,0.0000'],
    ['spaces', '0.5000, 0.0000, 0.5000, 1.0000'],
    ['a region past the edge', '0.6000,0.0000,0.5000,1.0000'],
    ['a zero width', '0.5000,0.0000,0.0000,1.0000'],
    ['a value over 1', '0.0000,0.0000,1.5000,1.0000'],
    ['JSON', '{"left":0,"top":0,"width":1,"height":1}'],
    ['a trailing newline', '0.5000,0.0000,0.5000,1.0000\n'],
  ])('reads %s as no crop', (_, text) => {
    expect(parseAvatarCrop(text)).toBeUndefined();
  });
});
