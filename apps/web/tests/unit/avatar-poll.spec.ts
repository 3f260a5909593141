import { NOT_PROCESSED_MESSAGE, waitForNewAvatar } from '../../src/avatar-poll';
import { ApiError, AvatarUploadError, NetworkError, SessionExpiredError } from '../../src/errors';
import type { Profile } from '../../src/profile';
import { profileJson } from '../helpers/profiles';

const OLD = '1767225600000-0000000000000001';
const NEW = '1767225660000-0000000000000002';

/** A fake clock: `sleep` moves time on at once, so a 20 s wait takes no real time. */
function clock() {
  let now = 0;
  return { now: () => now, sleep: async (ms: number) => void (now += ms) };
}

function answers(...steps: (Profile | Error)[]) {
  return jest.fn(async () => {
    const step = steps.length > 1 ? steps.shift() : steps[0];
    if (step instanceof Error) throw step;
    return step as Profile;
  });
}

describe('waitForNewAvatar', () => {
  it('polls until the avatar version changes', async () => {
    const loadProfile = answers(profileJson({}, OLD), profileJson({}, OLD), profileJson({}, NEW));
    const updated = await waitForNewAvatar({ loadProfile, previousVersion: OLD, ...clock() });
    expect(updated.avatar?.version).toBe(NEW);
    expect(loadProfile).toHaveBeenCalledTimes(3);
  });

  it('sees a first avatar appear', async () => {
    const loadProfile = answers(profileJson(), profileJson({}, NEW));
    await expect(waitForNewAvatar({ loadProfile, previousVersion: null, ...clock() })).resolves.toMatchObject({ avatar: { version: NEW } });
  });

  it("gives up after the timeout with \"we couldn't process that image\"", async () => {
    const time = clock();
    const loadProfile = answers(profileJson({}, OLD));
    const failure = waitForNewAvatar({ loadProfile, previousVersion: OLD, intervalMs: 500, timeoutMs: 20_000, ...time });
    await expect(failure).rejects.toEqual(new AvatarUploadError('not-processed', NOT_PROCESSED_MESSAGE));
    expect(NOT_PROCESSED_MESSAGE).toMatch(/^We couldn't process that image\./);
    expect(loadProfile).toHaveBeenCalledTimes(40);
    expect(time.now()).toBe(20_000);
  });

  it('rides out network errors and 5xx answers', async () => {
    const loadProfile = answers(new NetworkError('offline'), new ApiError(503, 'busy'), profileJson({}, NEW));
    await expect(waitForNewAvatar({ loadProfile, previousVersion: OLD, ...clock() })).resolves.toMatchObject({ avatar: { version: NEW } });
  });

  it('stops at once when the session is over', async () => {
    const loadProfile = answers(new SessionExpiredError());
    await expect(waitForNewAvatar({ loadProfile, previousVersion: OLD, ...clock() })).rejects.toBeInstanceOf(SessionExpiredError);
    expect(loadProfile).toHaveBeenCalledTimes(1);
  });
});
