import { S3Client } from '@aws-sdk/client-s3';
import { DEFAULT_MAX_UPLOAD_BYTES as PRESIGN_DEFAULT_MAX_BYTES, UPLOAD_CONTENT_TYPES } from '@cruddur/avatars/upload';
import { IMAGE_CONTENT_TYPES, imageTypeFromContentType } from '@cruddur/media/image';
import { s3Event } from '@cruddur/shared/lambda-events';
import { DEFAULT_MAX_UPLOAD_BYTES } from '../../src/config';
import { processAvatarUploads } from '../../src/process-event';

const logger = { info: jest.fn(), warn: jest.fn(), error: jest.fn() };

describe('processAvatarUploads', () => {
  it('ignores records that are not ObjectCreated, touching nothing', async () => {
    const s3 = new S3Client({ region: 'us-east-1' });
    const send = jest.spyOn(s3, 'send');
    const event = s3Event([{ bucket: 'uploads', key: 'uploads/avatars/u/1767225600000-9f86d081884c7d65.jpg', size: 5, eventName: 'ObjectRemoved:Delete' }]);
    expect(await processAvatarUploads(event, { s3, config: { assetsBucket: 'a', maxUploadBytes: 10 }, logger })).toEqual([]);
    expect(send).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledWith('ignoring event that is not ObjectCreated', { eventName: 'ObjectRemoved:Delete' });
  });

  it('handles an event with no records', async () => {
    const s3 = new S3Client({ region: 'us-east-1' });
    expect(await processAvatarUploads({ Records: [] }, { s3, config: { assetsBucket: 'a', maxUploadBytes: 10 }, logger })).toEqual([]);
  });
});

describe('the upload policy and the processing step agree', () => {
  it('every content type we hand out URLs for is one the image step reads, and it reads no other', () => {
    const readAs = Object.keys(UPLOAD_CONTENT_TYPES).map((contentType) => imageTypeFromContentType(contentType));
    expect(readAs).not.toContain(undefined);
    // image/heic and image/heif are both read as heif: one image type may have several content types.
    expect([...new Set(readAs)].sort()).toEqual(Object.keys(IMAGE_CONTENT_TYPES).sort());
  });

  it('the thumbnail refuses, by default, exactly what presign would not sign', () => {
    expect(DEFAULT_MAX_UPLOAD_BYTES).toBe(PRESIGN_DEFAULT_MAX_BYTES);
  });
});
