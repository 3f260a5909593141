import { UPLOAD_REJECTION_REASONS, type UploadStatusJson } from '@cruddur/shared/contract';
import { AVATAR_POLL_MAX_DELAY_MS, waitForUploadOutcome } from '../../src/avatar-poll';
import { ApiError, AvatarUploadError, NetworkError, SessionExpiredError } from '../../src/errors';
import { STILL_PROCESSING_MESSAGE, UPLOAD_EXPIRED_MESSAGE, UPLOAD_REJECTION_MESSAGES } from '../../src/upload-rejection';
import { profileJson } from '../helpers/profiles';

const NEW = '1767225660000-0000000000000002';
const AVATAR = profileJson({}, NEW).avatar!;

/** A fake clock: `sleep` moves time on at once, so a two-minute wait takes no real time. */
function clock() {
  let now = 0;
  const waits: number[] = [];
  return { now: () => now, waits, sleep: async (ms: number) => void (waits.push(ms), (now += ms)) };
}

function answers(...steps: (UploadStatusJson | Error)[]) {
  return jest.fn(async () => {
    const step = steps.length > 1 ? steps.shift() : steps[0];
    if (step instanceof Error) throw step;
    return step as UploadStatusJson;
  });
}

const pending: UploadStatusJson = { status: 'pending' };

describe('waitForUploadOutcome', () => {
  it('polls while pending, until the upload is ready, and returns its avatar', async () => {
    const loadStatus = answers(pending, pending, { status: 'ready', avatar: AVATAR });
    await expect(waitForUploadOutcome({ loadStatus, ...clock() })).resolves.toEqual(AVATAR);
    expect(loadStatus).toHaveBeenCalledTimes(3);
  });

  it('waits longer each time, never more than a second, so a decision shows within about a second', async () => {
    const time = clock();
    const loadStatus = answers(...Array<UploadStatusJson>(8).fill(pending), { status: 'ready', avatar: AVATAR });
    await waitForUploadOutcome({ loadStatus, ...time });
    expect(time.waits.map(Math.round)).toEqual([250, 375, 563, 844, 1000, 1000, 1000, 1000, 1000]);
    expect(Math.max(...time.waits)).toBe(AVATAR_POLL_MAX_DELAY_MS);
  });

  it.each(UPLOAD_REJECTION_REASONS)('stops at the first answer that the file was refused (%s), with its own message', async (reason) => {
    const loadStatus = answers(pending, { status: 'rejected', reason });
    await expect(waitForUploadOutcome({ loadStatus, ...clock() })).rejects.toEqual(new AvatarUploadError('not-processed', UPLOAD_REJECTION_MESSAGES[reason]));
    expect(loadStatus).toHaveBeenCalledTimes(2);
  });

  it('gives every reason a different message for people', () => {
    const messages = Object.values(UPLOAD_REJECTION_MESSAGES);
    expect(new Set(messages).size).toBe(UPLOAD_REJECTION_REASONS.length);
    expect(UPLOAD_REJECTION_MESSAGES['unsupported-type']).toMatch(/^We couldn't process that image: the file is not a JPEG, PNG, WebP, AVIF, GIF, TIFF, HEIC or HEIF picture/);
  });

  it('stops when the server says the upload never arrived', async () => {
    await expect(waitForUploadOutcome({ loadStatus: answers({ status: 'expired' }), ...clock() })).rejects.toEqual(
      new AvatarUploadError('expired', UPLOAD_EXPIRED_MESSAGE),
    );
  });

  it('gives up after the timeout with "still being processed", not a refusal', async () => {
    const time = clock();
    const loadStatus = answers(pending);
    const failure = waitForUploadOutcome({ loadStatus, timeoutMs: 20_000, ...time });
    await expect(failure).rejects.toEqual(new AvatarUploadError('still-processing', STILL_PROCESSING_MESSAGE));
    expect(STILL_PROCESSING_MESSAGE).not.toMatch(/couldn't process/);
    // 250 + 375 + 563 + 844 ms, then one a second until 20 s.
    expect(loadStatus).toHaveBeenCalledTimes(22);
    expect(time.now()).toBeGreaterThanOrEqual(20_000);
  });

  it('rides out network errors and 5xx answers', async () => {
    const loadStatus = answers(new NetworkError('offline'), new ApiError(503, 'busy'), { status: 'ready', avatar: AVATAR });
    await expect(waitForUploadOutcome({ loadStatus, ...clock() })).resolves.toEqual(AVATAR);
  });

  it('stops at once when the session is over, or the upload is not the caller\'s', async () => {
    const expired = answers(new SessionExpiredError());
    await expect(waitForUploadOutcome({ loadStatus: expired, ...clock() })).rejects.toBeInstanceOf(SessionExpiredError);
    expect(expired).toHaveBeenCalledTimes(1);
    const notFound = answers(new ApiError(404, 'upload not found'));
    await expect(waitForUploadOutcome({ loadStatus: notFound, ...clock() })).rejects.toThrow('upload not found');
    expect(notFound).toHaveBeenCalledTimes(1);
  });
});
