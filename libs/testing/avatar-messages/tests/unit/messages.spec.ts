import { parseAvatarUploadKey } from '@cruddur/storage/s3-keys';
import { avatarProcessedMessage, avatarRejectedMessage, uploadId } from '../../src';

describe('uploadId', () => {
  it('is the zero-padded time and the random part', () => {
    expect(uploadId(Date.UTC(2026, 0, 1))).toBe('1767225600000-0123456789abcdef');
    expect(uploadId(5, 'ffffffffffffffff')).toBe('0000000000005-ffffffffffffffff');
  });
});

describe('avatarProcessedMessage', () => {
  it('points at the upload and the renditions of that version, in the thumbnail’s key layout', () => {
    const version = uploadId(Date.UTC(2026, 0, 1));
    const message = avatarProcessedMessage('u-1', version, [512]);
    expect(message).toMatchObject({ type: 'avatar.processed', schemaVersion: 1, sub: 'u-1', version, uploadedAt: '2026-01-01T00:00:00.000Z' });
    expect(parseAvatarUploadKey(message.uploadKey)).toMatchObject({ sub: 'u-1', uploadId: version });
    expect(message.renditions.map((r) => r.key)).toEqual([`avatars/u-1/${version}/512.webp`, `avatars/u-1/${version}/512.jpg`]);
  });
});

describe('avatarRejectedMessage', () => {
  it('names the upload of that version and the reason, in the thumbnail’s key layout', () => {
    const version = uploadId(Date.UTC(2026, 0, 1));
    const message = avatarRejectedMessage('u-1', version, 'corrupt');
    expect(message).toMatchObject({ type: 'avatar.rejected', schemaVersion: 1, sub: 'u-1', version, reason: 'corrupt', uploadedAt: '2026-01-01T00:00:00.000Z' });
    expect(parseAvatarUploadKey(message.uploadKey)).toMatchObject({ sub: 'u-1', uploadId: version });
    expect(Number.isNaN(Date.parse(message.rejectedAt))).toBe(false);
  });
});
