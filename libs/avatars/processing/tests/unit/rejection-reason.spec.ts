import { CorruptImageError, ImageError, ImageTooLargeError, UnsupportedImageError } from '@cruddur/media/image';
import { UPLOAD_REJECTION_REASONS } from '@cruddur/shared/contract';
import { InvalidKeyError } from '@cruddur/storage/s3-keys';
import { RejectedUploadError } from '../../src/errors';
import { asRejectedUpload, rejectionReasonOf } from '../../src/rejection-reason';

describe('rejectionReasonOf', () => {
  it.each([
    [new UnsupportedImageError(), 'unsupported-type'],
    [new ImageTooLargeError(), 'too-large-in-pixels'],
    [new CorruptImageError(), 'corrupt'],
    [new ImageError('odd'), 'corrupt'],
    [new InvalidKeyError('key is not under the uploads prefix'), 'invalid-key'],
    [new RejectedUploadError('upload no longer exists', { reason: 'missing' }), 'missing'],
  ])('%s → %s', (error, reason) => {
    expect(rejectionReasonOf(error)).toBe(reason);
    expect(UPLOAD_REJECTION_REASONS).toContain(reason);
  });

  it('has no reason for errors that may pass, so they fail the event', () => {
    expect(rejectionReasonOf(Object.assign(new Error('slow down'), { name: 'SlowDown' }))).toBeUndefined();
    expect(asRejectedUpload(new Error('socket hang up'))).toBeUndefined();
  });
});

describe('asRejectedUpload', () => {
  it('keeps the image error as the cause, with its reason', () => {
    const cause = new ImageTooLargeError();
    const rejection = asRejectedUpload(cause);
    expect(rejection).toBeInstanceOf(RejectedUploadError);
    expect(rejection).toMatchObject({ reason: 'too-large-in-pixels', message: cause.message, cause });
  });

  it('passes a rejection through as it is', () => {
    const rejection = new RejectedUploadError('upload is empty', { reason: 'unsupported-type' });
    expect(asRejectedUpload(rejection)).toBe(rejection);
  });
});
