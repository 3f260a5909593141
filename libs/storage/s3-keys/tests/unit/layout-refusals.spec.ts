// Each refusal of the key layout, with the reason an operator reads in the log, and the edges of
// every range: a key one character off the layout must never be accepted.
import { InvalidKeyError, S3KeyError, avatarRenditionKey, avatarUploadKey, decodeS3EventKey, newUploadId, parseAvatarUploadKey } from '../../src';

const SUB = 'u-1';
const ID = '1767225600000-9f86d081884c7d65';

function refusal(run: () => unknown): InvalidKeyError {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidKeyError) return error;
    throw error;
  }
  throw new Error('expected an InvalidKeyError, nothing was thrown');
}

describe('the errors', () => {
  it('are named for logs: InvalidKeyError, an S3KeyError', () => {
    const error = refusal(() => parseAvatarUploadKey('elsewhere/x'));
    expect(error).toBeInstanceOf(S3KeyError);
    expect(error.name).toBe('InvalidKeyError');
    expect(new S3KeyError('x').name).toBe('S3KeyError');
  });

  it('keep the decoding failure as the cause of a bad event key', () => {
    const error = refusal(() => decodeS3EventKey('uploads/%E0%A4%A'));
    expect(error.message).toBe('event key is not valid URL encoding');
    expect(error.cause).toBeInstanceOf(URIError);
  });
});

describe('newUploadId at the edges of its 13 digits', () => {
  it('encodes the first and the last millisecond it can', () => {
    expect(newUploadId(new Date(0))).toMatch(/^0000000000000-[0-9a-f]{16}$/);
    expect(newUploadId(new Date(9_999_999_999_999))).toMatch(/^9999999999999-[0-9a-f]{16}$/);
  });

  it('refuses the next one, with its reason', () => {
    expect(refusal(() => newUploadId(new Date(10_000_000_000_000))).message).toBe('upload time out of range');
  });
});

describe('avatarUploadKey refusals', () => {
  it('names the part that is wrong', () => {
    expect(refusal(() => avatarUploadKey('..', 'jpg', ID)).message).toBe('sub is not a valid key segment');
    expect(refusal(() => avatarUploadKey(SUB, 'svg' as 'jpg', ID)).message).toBe('extension is not allowed');
    expect(refusal(() => avatarUploadKey(SUB, 'jpg', 'not-an-id')).message).toBe('upload id is malformed');
  });
});

describe('parseAvatarUploadKey refusals', () => {
  it('refuses a key outside the uploads prefix', () => {
    expect(refusal(() => parseAvatarUploadKey(`avatars/${SUB}/${ID}.jpg`)).message).toBe('key is not under the uploads prefix');
  });

  it('refuses a key with more segments, even when its first two are a valid upload', () => {
    const error = refusal(() => parseAvatarUploadKey(`uploads/avatars/${SUB}/${ID}.jpg/more`));
    expect(error.message).toBe('key does not have the form <sub>/<upload id>.<ext>');
    expect(refusal(() => parseAvatarUploadKey(`uploads/avatars/${ID}.jpg`)).message).toBe('key does not have the form <sub>/<upload id>.<ext>');
  });

  it('refuses a file name without an extension as a malformed id', () => {
    expect(refusal(() => parseAvatarUploadKey(`uploads/avatars/${SUB}/${ID}x`)).message).toBe('upload id is malformed');
    expect(refusal(() => parseAvatarUploadKey(`uploads/avatars/${SUB}/${ID}`)).message).toBe('upload id is malformed');
  });

  it('refuses an extension that is not an upload type', () => {
    expect(refusal(() => parseAvatarUploadKey(`uploads/avatars/${SUB}/${ID}.svg`)).message).toBe('extension is not allowed');
  });
});

describe('avatarRenditionKey at the edges of its sizes', () => {
  it('accepts 1 and 4096 px', () => {
    expect(avatarRenditionKey({ sub: SUB, uploadId: ID }, 1, 'webp')).toBe(`avatars/${SUB}/${ID}/1.webp`);
    expect(avatarRenditionKey({ sub: SUB, uploadId: ID }, 4096, 'jpg')).toBe(`avatars/${SUB}/${ID}/4096.jpg`);
  });

  it('refuses 4097 px and a malformed id, with their reasons', () => {
    expect(refusal(() => avatarRenditionKey({ sub: SUB, uploadId: ID }, 4097, 'webp')).message).toBe('rendition size is invalid');
    expect(refusal(() => avatarRenditionKey({ sub: SUB, uploadId: 'x' }, 128, 'webp')).message).toBe('upload id is malformed');
  });
});
