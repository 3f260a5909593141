import { FUNCTION_ENV, MAX_UPLOAD_BYTES, parseUploadMaxBytes } from '../../src';
import { UPLOAD_MAX_BYTES_CEILING } from '../../src/function-env';

describe('parseUploadMaxBytes', () => {
  it('takes unset and empty as the contract cap', () => {
    expect(parseUploadMaxBytes(undefined)).toBe(MAX_UPLOAD_BYTES);
    expect(parseUploadMaxBytes('')).toBe(MAX_UPLOAD_BYTES);
  });

  it('reads digits from 1 to 5 GiB, S3’s largest single PUT', () => {
    expect(UPLOAD_MAX_BYTES_CEILING).toBe(5_368_709_120);
    expect(parseUploadMaxBytes('1')).toBe(1);
    expect(parseUploadMaxBytes('2048')).toBe(2048);
    expect(parseUploadMaxBytes('0010')).toBe(10);
    expect(parseUploadMaxBytes('5368709120')).toBe(UPLOAD_MAX_BYTES_CEILING);
  });

  it.each(['0', '5368709121', '99999999999999999999', '-1', '+5', '1.5', '10.0', '1e3', '0x10', ' 10', '10 ', 'x12', '12x', 'ten', 'Infinity'])(
    'refuses %j, naming the variable and the value',
    (raw) => {
      expect(() => parseUploadMaxBytes(raw)).toThrow(
        new RangeError(`UPLOAD_MAX_BYTES must be a whole number of bytes from 1 to 5368709120, got ${JSON.stringify(raw)}`),
      );
    },
  );

  it('names the value as the caller calls it, and quotes at most 20 characters of it', () => {
    expect(() => parseUploadMaxBytes('1'.repeat(30), 'uploadMaxBytes')).toThrow(
      new RangeError(`uploadMaxBytes must be a whole number of bytes from 1 to 5368709120, got "${'1'.repeat(20)}"`),
    );
    expect(FUNCTION_ENV.presign.uploadMaxBytes).toBe(FUNCTION_ENV.thumbnail.uploadMaxBytes);
  });
});
