import { UPLOAD_DECISION_WINDOW_SECONDS, UPLOAD_URL_EXPIRES_SECONDS } from '@cruddur/shared/contract';
import { uploadId } from '@cruddur/testing/fixtures';
import { DEFAULT_UPLOAD_STATUS_TIMING, uploadDecisionDeadline, uploadStatusAnswer } from '../../src/upload-status';
import { InvalidUploadIdError, UploadNotFoundError } from '../../src/errors';

const SUB = 'u-1';
const ISSUED = Date.UTC(2026, 0, 1);
const ID = uploadId(ISSUED);
const timing = DEFAULT_UPLOAD_STATUS_TIMING;
const answer = (now: number, outcome?: Parameters<typeof uploadStatusAnswer>[0]['outcome'], id = ID, sub = SUB) =>
  uploadStatusAnswer({ sub, uploadId: id, outcome, now: new Date(now), assetsBaseUrl: 'https://assets.example.com', timing });

describe('uploadDecisionDeadline', () => {
  it("is the upload URL's expiry plus the decision window after the id was issued", () => {
    expect(uploadDecisionDeadline(ID, timing).getTime()).toBe(ISSUED + (UPLOAD_URL_EXPIRES_SECONDS + UPLOAD_DECISION_WINDOW_SECONDS) * 1000);
    expect(uploadDecisionDeadline(ID, { ...timing, uploadUrlExpiresSeconds: 3600 }).getTime()).toBe(ISSUED + (3600 + UPLOAD_DECISION_WINDOW_SECONDS) * 1000);
  });

  it('refuses what is not an upload id', () => {
    expect(() => uploadDecisionDeadline('latest', timing)).toThrow(InvalidUploadIdError);
  });
});

describe('uploadStatusAnswer', () => {
  const deadline = uploadDecisionDeadline(ID, timing).getTime();

  it('answers a decided upload of the caller with its outcome', () => {
    const keys = { '512': { webp: `avatars/${SUB}/${ID}/512.webp`, jpeg: `avatars/${SUB}/${ID}/512.jpg` } };
    expect(answer(ISSUED + 1000, { owner: SUB, uploadId: ID, status: 'ready', avatarKeys: keys, avatarPlaceholder: null })).toEqual({
      status: 'ready',
      avatar: { version: ID, url: `https://assets.example.com/avatars/${SUB}/${ID}/512.jpg`, urls: { '512': { webp: `https://assets.example.com/avatars/${SUB}/${ID}/512.webp`, jpeg: `https://assets.example.com/avatars/${SUB}/${ID}/512.jpg` } }, placeholder: null },
    });
    expect(answer(ISSUED + 1000, { owner: SUB, uploadId: ID, status: 'rejected', reason: 'corrupt' })).toEqual({ status: 'rejected', reason: 'corrupt' });
  });

  it('is pending until the deadline, then expired, so nobody polls forever', () => {
    expect(answer(ISSUED)).toEqual({ status: 'pending' });
    expect(answer(deadline)).toEqual({ status: 'pending' });
    expect(answer(deadline + 1)).toEqual({ status: 'expired' });
  });

  it('keeps a decided outcome past the deadline', () => {
    expect(answer(deadline + 86_400_000, { owner: SUB, uploadId: ID, status: 'rejected', reason: 'missing' })).toEqual({ status: 'rejected', reason: 'missing' });
  });

  it("does not tell another user's outcome: not found, whatever it was", () => {
    expect(() => answer(ISSUED, { owner: 'someone-else', uploadId: ID, status: 'rejected', reason: 'corrupt' })).toThrow(UploadNotFoundError);
  });

  it('finds no upload issued after now (beyond clock skew): no presign can have handed it out', () => {
    expect(answer(ISSUED - timing.clockSkewSeconds * 1000)).toEqual({ status: 'pending' });
    expect(() => answer(ISSUED - timing.clockSkewSeconds * 1000 - 1)).toThrow(UploadNotFoundError);
  });

  it.each(['', 'latest', '1767225600000', `${ID}.jpg`, ID.toUpperCase()])('refuses the id %j', (id) => {
    expect(() => answer(ISSUED, undefined, id)).toThrow(InvalidUploadIdError);
  });
});
