import { AVATAR_ACCEPT, MAX_AVATAR_BYTES, avatarContentType, planAvatarUpload, ticketRefusal } from '../../src/avatar-file';
import { AvatarUploadError } from '../../src/errors';

describe('avatarContentType', () => {
  it.each([
    [{ name: 'me.jpg', type: 'image/jpeg' }, 'image/jpeg'],
    [{ name: 'me.jpg', type: 'image/jpg' }, 'image/jpeg'],
    [{ name: 'me.png', type: 'IMAGE/PNG' }, 'image/png'],
    [{ name: 'me.AVIF', type: '' }, 'image/avif'],
    [{ name: 'scan.tif', type: '' }, 'image/tiff'],
    [{ name: 'IMG_0001.HEIC', type: '' }, 'image/heic'],
    [{ name: 'IMG_0002.heif', type: '' }, 'image/heif'],
    [{ name: 'logo.svg', type: 'image/svg+xml' }, null],
    [{ name: 'photo.heic', type: 'image/heic' }, 'image/heic'],
    [{ name: 'notes', type: '' }, null],
  ])('%j is %s', (file, type) => {
    expect(avatarContentType({ ...file, size: 1 })).toBe(type);
  });

  it('offers the same types in the file picker', () => {
    expect(AVATAR_ACCEPT).toBe('image/jpeg,image/png,image/webp,image/avif,image/gif,image/tiff,image/heic,image/heif');
  });
});

describe('planAvatarUpload', () => {
  it('announces the type and exact size of a good file', () => {
    expect(planAvatarUpload({ name: 'me.webp', type: 'image/webp', size: 123_456 })).toEqual({ contentType: 'image/webp', contentLength: 123_456 });
    expect(planAvatarUpload({ name: 'me.jpg', type: 'image/jpeg', size: MAX_AVATAR_BYTES }).contentLength).toBe(10 * 1024 * 1024);
  });

  it.each([
    [{ name: 'notes.txt', type: 'text/plain', size: 10 }, 'wrong-type', '“notes.txt” (text/plain) is not a supported image. Choose a JPEG, PNG, WebP, AVIF, GIF, TIFF, HEIC or HEIF file.'],
    [{ name: 'big.jpg', type: 'image/jpeg', size: MAX_AVATAR_BYTES + 1 }, 'too-large', '“big.jpg” is too large (10 MB). Choose a photo of at most 10 MB.'],
    [{ name: 'huge.png', type: 'image/png', size: 25 * 1024 * 1024 }, 'too-large', '“huge.png” is too large (25 MB). Choose a photo of at most 10 MB.'],
    [{ name: 'empty.png', type: 'image/png', size: 0 }, 'empty', '“empty.png” is empty. Choose another photo.'],
  ])('refuses %j as %s', (file, reason, message) => {
    expect(() => planAvatarUpload(file)).toThrow(new AvatarUploadError(reason as never, message));
    try {
      planAvatarUpload(file);
    } catch (error) {
      expect(error).toMatchObject({ reason });
    }
  });
});

describe('ticketRefusal', () => {
  it('maps the API refusals to the same reasons as the local checks', () => {
    expect(ticketRefusal(413, 'file must be at most 5242880 bytes')).toMatchObject({ reason: 'too-large', message: expect.stringContaining('too large') });
    expect(ticketRefusal(415, 'unsupported')).toMatchObject({ reason: 'wrong-type' });
    expect(ticketRefusal(400, 'contentLength must be a whole number')).toMatchObject({
      reason: 'rejected',
      message: 'The upload could not start: contentLength must be a whole number',
    });
  });
});
