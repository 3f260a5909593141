import * as z from 'zod/mini';
import { UPLOAD_REJECTION_REASONS, UploadStatusJsonSchema, isUploadRejectionReason } from '../../src';

describe('UPLOAD_REJECTION_REASONS', () => {
  it('names every way the thumbnail refuses an upload, once', () => {
    expect(UPLOAD_REJECTION_REASONS).toEqual(['unsupported-type', 'too-large', 'too-large-in-pixels', 'corrupt', 'missing', 'invalid-key']);
    expect(Object.isFrozen(UPLOAD_REJECTION_REASONS)).toBe(true);
  });

  it('tells a reason from any other value', () => {
    expect(isUploadRejectionReason('corrupt')).toBe(true);
    expect(isUploadRejectionReason('Corrupt')).toBe(false);
    expect(isUploadRejectionReason(undefined)).toBe(false);
    expect(isUploadRejectionReason('toString')).toBe(false);
  });
});

describe('UploadStatusJsonSchema', () => {
  const avatar = { version: '1767225600000-9f86d081884c7d65', url: 'https://a/512.jpg', urls: { '512': { webp: 'https://a/512.webp', jpeg: 'https://a/512.jpg' } }, placeholder: null };

  it.each([{ status: 'pending' }, { status: 'ready', avatar }, { status: 'rejected', reason: 'corrupt' }, { status: 'expired' }])('reads %j', (body) => {
    expect(z.parse(UploadStatusJsonSchema, body)).toEqual(body);
  });

  it.each([{}, { status: 'done' }, { status: 'rejected', reason: 'because' }, { status: 'ready', avatar: { url: 1 } }])('refuses %j', (body) => {
    expect(z.safeParse(UploadStatusJsonSchema, body).success).toBe(false);
  });
});
