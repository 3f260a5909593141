import { uploadId } from '@cruddur/testing/fixtures';
import { removalFloor } from '../../src/avatar-removal-store';

const T = Date.UTC(2026, 11, 1, 13, 0, 0);

describe('removalFloor', () => {
  it('is the first upload id of the next millisecond: an id of the removal millisecond sorts before it, one of the next after', () => {
    expect(removalFloor(new Date(T))).toBe(`${T + 1}-0000000000000000`);
    expect(uploadId(T, 'ffffffffffffffff') < removalFloor(new Date(T))).toBe(true);
    expect(uploadId(T + 1, '0000000000000000') < removalFloor(new Date(T))).toBe(false);
  });

  it('refuses a time outside the 13-digit range', () => {
    expect(() => removalFloor(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => removalFloor(new Date(9_999_999_999_999))).toThrow(RangeError);
  });
});
