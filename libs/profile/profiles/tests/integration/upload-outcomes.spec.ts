import { Logger } from '@aws-lambda-powertools/logger';
import type { Database } from '@cruddur/profile/db';
import { API_ROUTES, UPLOAD_DECISION_WINDOW_SECONDS, UPLOAD_URL_EXPIRES_SECONDS, routeKey, routePath } from '@cruddur/shared/contract';
import { lambdaContext, snsEvent } from '@cruddur/shared/lambda-events';
import { avatarProcessedMessage, avatarRejectedMessage, uploadId } from '@cruddur/testing/fixtures';
import { createProfileHandlers } from '../../src';
import { InvalidAvatarMessageError } from '../../src/errors';
import { consumeAvatarProcessedMessage } from '../../src/avatar-processed';
import { parseAvatarProcessedMessage } from '../../src/avatar';
import { ORIGIN, call } from '../helpers/call';
import { migratedDatabase } from '../helpers/database';

const SUB = '6a2f0c1e-93d4-4b8a-b1c2-0d9e8f7a6b5c';
const OTHER = '0b7d1c2e-1111-4a4a-9c9c-123456789abc';
const NOW = Date.UTC(2026, 11, 1, 12);
const V1 = uploadId(NOW - 60_000, 'aaaaaaaaaaaaaaaa');
const V2 = uploadId(NOW - 30_000, 'bbbbbbbbbbbbbbbb');
const V3 = uploadId(NOW - 10_000, 'cccccccccccccccc');

// What the thumbnail published before it announced rejections, byte for byte: a subscriber must keep reading it.
const V1_PROCESSED_BEFORE_REJECTIONS = JSON.stringify({
  type: 'avatar.processed',
  schemaVersion: 1,
  sub: SUB,
  version: V1,
  uploadKey: `uploads/avatars/${SUB}/${V1}.png`,
  uploadedAt: '2026-12-01T11:59:00.000Z',
  processedAt: '2026-12-01T11:59:01.000Z',
  renditions: [
    { size: 512, format: 'webp', contentType: 'image/webp', key: `avatars/${SUB}/${V1}/512.webp` },
    { size: 512, format: 'jpeg', contentType: 'image/jpeg', key: `avatars/${SUB}/${V1}/512.jpg` },
  ],
});

// What the thumbnail publishes since it computes placeholders, byte for byte (a real ThumbHash of a teal picture).
const PLACEHOLDER = 'HPYAFwKAioaHeIh3iHh4h4h3B4eHf4gH';
const V2_PROCESSED_WITH_PLACEHOLDER = JSON.stringify({
  type: 'avatar.processed',
  schemaVersion: 1,
  sub: SUB,
  version: V2,
  uploadKey: `uploads/avatars/${SUB}/${V2}.jpg`,
  uploadedAt: '2026-12-01T11:59:30.000Z',
  processedAt: '2026-12-01T11:59:31.000Z',
  renditions: [
    { size: 512, format: 'webp', contentType: 'image/webp', key: `avatars/${SUB}/${V2}/512.webp` },
    { size: 512, format: 'jpeg', contentType: 'image/jpeg', key: `avatars/${SUB}/${V2}/512.jpg` },
    { size: 128, format: 'webp', contentType: 'image/webp', key: `avatars/${SUB}/${V2}/128.webp` },
    { size: 128, format: 'jpeg', contentType: 'image/jpeg', key: `avatars/${SUB}/${V2}/128.jpg` },
  ],
  placeholder: PLACEHOLDER,
});

describe('upload outcomes: SNS → profile subscriber → status row → GET /avatars/uploads/{uploadId} (PGlite)', () => {
  let db: Database;
  let h: ReturnType<typeof createProfileHandlers>;
  let now = NOW;
  const logger = new Logger({ serviceName: 'profile', logLevel: 'SILENT' });
  beforeAll(async () => {
    db = await migratedDatabase();
    h = createProfileHandlers({ db, logger, assetsBaseUrl: 'https://assets.example.com', origins: [ORIGIN], now: () => new Date(now) });
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    now = NOW;
    await db.query('TRUNCATE users, avatar_uploads');
  });

  const deliver = (...messages: unknown[]) => h.avatarProcessed(snsEvent(messages), lambdaContext());
  const status = (id: string, sub = SUB) =>
    call(h.getUploadStatus, {
      routeKey: routeKey(API_ROUTES.getAvatarUploadStatus),
      path: routePath(API_ROUTES.getAvatarUploadStatus, { uploadId: id }),
      pathParameters: { uploadId: id },
      authorizer: { sub, username: 'andrew' },
    });
  const profile = () =>
    call(h.getProfile, { routeKey: 'GET /api/profiles/{handle}', path: '/api/profiles/andrew', pathParameters: { handle: 'andrew' }, authorizer: null });
  const own = () => call(h.getOwnProfile, { routeKey: 'GET /api/profile', authorizer: { sub: SUB, username: 'andrew' } });
  const profileVersion = async () =>
    (await db.query<{ avatar_version: string | null }>('SELECT avatar_version FROM users WHERE cognito_user_id = $1', [SUB])).rows[0]?.avatar_version;

  it('is pending until the thumbnail decides, then rejected with its reason; the profile keeps its avatar', async () => {
    await deliver(avatarProcessedMessage(SUB, V1));
    expect((await status(V2)).json).toEqual({ status: 'pending' });
    expect(await deliver(avatarRejectedMessage(SUB, V2, 'unsupported-type'))).toEqual({ recorded: 1, stale: 0, rejected: 0 });
    const res = await status(V2);
    expect(res.statusCode).toBe(200);
    expect(res.headers?.['Cache-Control']).toBe('no-store');
    expect(res.json).toEqual({ status: 'rejected', reason: 'unsupported-type' });
    expect(await profileVersion()).toBe(V1);
  });

  it('is ready with the avatar an upload became', async () => {
    await deliver(avatarProcessedMessage(SUB, V2));
    expect((await status(V2)).json).toEqual({
      status: 'ready',
      avatar: expect.objectContaining({ version: V2, url: `https://assets.example.com/avatars/${SUB}/${V2}/512.jpg` }),
    });
  });

  it("records when the upload was made and decided: the thumbnail's own times, else when the subscriber took it", async () => {
    const decided = async (id: string) =>
      (await db.query<{ uploaded_at: Date | null; decided_at: Date }>('SELECT uploaded_at, decided_at FROM avatar_uploads WHERE upload_id = $1', [id])).rows[0];
    await deliver(JSON.parse(V1_PROCESSED_BEFORE_REJECTIONS));
    expect(await decided(V1)).toEqual({ uploaded_at: new Date('2026-12-01T11:59:00.000Z'), decided_at: new Date('2026-12-01T11:59:01.000Z') });
    // A message without its times (or with ones that are not times) still decides the upload, at the subscriber's clock.
    const untimed: Record<string, unknown> = { ...avatarProcessedMessage(SUB, V2), uploadedAt: 'yesterday' };
    delete untimed.processedAt;
    await deliver(untimed);
    expect(await decided(V2)).toEqual({ uploaded_at: null, decided_at: new Date(NOW) });
    const rejectedUntimed: Record<string, unknown> = { ...avatarRejectedMessage(SUB, V3, 'corrupt') };
    delete rejectedUntimed.rejectedAt;
    await deliver(rejectedUntimed);
    expect((await decided(V3))?.decided_at).toEqual(new Date(NOW));
  });

  it('with nowhere to delete renditions from, records the avatar and says it deleted none', async () => {
    const outcome = await consumeAvatarProcessedMessage(db, V2_PROCESSED_WITH_PLACEHOLDER);
    expect(outcome).toEqual({ status: 'recorded', avatar: expect.objectContaining({ sub: SUB, version: V2, placeholder: PLACEHOLDER }), pruned: [] });
    expect(await profileVersion()).toBe(V2);
  });

  it('records each outcome once: repeats are stale and change nothing', async () => {
    const rejected = avatarRejectedMessage(SUB, V2, 'corrupt');
    expect(await deliver(rejected, rejected)).toEqual({ recorded: 1, stale: 1, rejected: 0 });
    expect(await deliver({ ...rejected, reason: 'missing' })).toEqual({ recorded: 0, stale: 1, rejected: 0 });
    expect((await status(V2)).json).toEqual({ status: 'rejected', reason: 'corrupt' });
    const rows = await db.query('SELECT upload_id FROM avatar_uploads');
    expect(rows.rows).toHaveLength(1);
  });

  it('a late duplicate rejection (the original deleted after success) never undoes ready; ready replaces a rejection', async () => {
    await deliver(avatarProcessedMessage(SUB, V2), avatarRejectedMessage(SUB, V2, 'missing'));
    expect((await status(V2)).json).toMatchObject({ status: 'ready' });
    await deliver(avatarRejectedMessage(SUB, V3, 'missing'), avatarProcessedMessage(SUB, V3));
    expect((await status(V3)).json).toMatchObject({ status: 'ready', avatar: { version: V3 } });
  });

  it("never lets an older upload's outcome overwrite a newer avatar", async () => {
    await deliver(avatarProcessedMessage(SUB, V3));
    expect(await deliver(avatarProcessedMessage(SUB, V1), avatarRejectedMessage(SUB, V2, 'corrupt'))).toEqual({ recorded: 1, stale: 1, rejected: 0 });
    expect(await profileVersion()).toBe(V3);
    // The older upload is still ready, with its own renditions; the profile shows the newer one.
    expect((await status(V1)).json).toMatchObject({ status: 'ready', avatar: { version: V1 } });
    expect((await status(V2)).json).toEqual({ status: 'rejected', reason: 'corrupt' });
  });

  it("answers 404 for someone else's upload, decided or not yet, telling nothing", async () => {
    await deliver(avatarRejectedMessage(OTHER, V2, 'corrupt'), avatarProcessedMessage(OTHER, V3));
    for (const id of [V2, V3]) {
      const res = await status(id);
      expect(res.statusCode).toBe(404);
      expect(res.json).toEqual({ message: 'upload not found' });
    }
    expect((await status(V2, OTHER)).json).toEqual({ status: 'rejected', reason: 'corrupt' });
  });

  it.each(['latest', '1767225600000', `${V1}.jpg`, '..', '%2e%2e', "' OR 1=1 --"])('answers 400 for the malformed id %j', async (id) => {
    const res = await status(id);
    expect(res.statusCode).toBe(400);
    expect(res.json).toEqual({ message: 'uploadId must be the uploadId of an upload ticket' });
  });

  it('answers an unknown id of this user pending until the URL expired and the window passed, then expired', async () => {
    const id = uploadId(NOW, 'dddddddddddddddd');
    expect((await status(id)).json).toEqual({ status: 'pending' });
    now = NOW + (UPLOAD_URL_EXPIRES_SECONDS + UPLOAD_DECISION_WINDOW_SECONDS) * 1000;
    expect((await status(id)).json).toEqual({ status: 'pending' });
    now += 1;
    expect((await status(id)).json).toEqual({ status: 'expired' });
    // An outcome that arrives late still wins.
    await deliver(avatarRejectedMessage(SUB, id, 'too-large'));
    expect((await status(id)).json).toEqual({ status: 'rejected', reason: 'too-large' });
  });

  it('answers 404 for an id issued in the future: no upload URL can carry it yet', async () => {
    expect((await status(uploadId(NOW + 3_600_000))).statusCode).toBe(404);
  });

  it('answers 401 without a caller', async () => {
    const res = await call(h.getUploadStatus, { routeKey: routeKey(API_ROUTES.getAvatarUploadStatus), pathParameters: { uploadId: V1 }, authorizer: null });
    expect(res.statusCode).toBe(401);
  });

  it('drops a rejection it cannot read (unknown reason, bad id) without retrying', async () => {
    const summary = await deliver(
      { ...avatarRejectedMessage(SUB, V2, 'corrupt'), reason: 'because' },
      { ...avatarRejectedMessage(SUB, V2, 'corrupt'), version: '../x' },
      { ...avatarRejectedMessage(SUB, V2, 'corrupt'), schemaVersion: 2 },
    );
    expect(summary).toEqual({ recorded: 0, stale: 0, rejected: 3 });
    expect((await status(V2)).json).toEqual({ status: 'pending' });
  });

  describe('one function at a time', () => {
    it('a subscriber deployed before rejections were announced drops the new message as a type it does not know, not as a failure to retry', () => {
      // That subscriber read every message with parseAvatarProcessedMessage, and logs and drops what it throws.
      expect(() => parseAvatarProcessedMessage(JSON.stringify(avatarRejectedMessage(SUB, V2, 'corrupt')))).toThrow(InvalidAvatarMessageError);
      expect(() => parseAvatarProcessedMessage(JSON.stringify(avatarRejectedMessage(SUB, V2, 'corrupt')))).toThrow(/has another type/);
      // And the processed message it reads is unchanged by this subscriber's version.
      expect(parseAvatarProcessedMessage(JSON.stringify(avatarProcessedMessage(SUB, V2))).version).toBe(V2);
    });

    it('a thumbnail that computes placeholders: the profile and the upload status answer the placeholder, stored as sent', async () => {
      await own();
      expect(await deliver(V2_PROCESSED_WITH_PLACEHOLDER)).toEqual({ recorded: 1, stale: 0, rejected: 0 });
      expect((await profile()).json.avatar).toMatchObject({ version: V2, placeholder: PLACEHOLDER });
      expect((await status(V2)).json).toMatchObject({ status: 'ready', avatar: { version: V2, placeholder: PLACEHOLDER } });
      const stored = await db.query('SELECT avatar_placeholder FROM users WHERE cognito_user_id = $1', [SUB]);
      expect(stored.rows).toEqual([{ avatar_placeholder: PLACEHOLDER }]);
    });

    it('a thumbnail deployed before placeholders: its message still makes the avatar, answered with a null placeholder', async () => {
      await own();
      expect(await deliver(V1_PROCESSED_BEFORE_REJECTIONS)).toEqual({ recorded: 1, stale: 0, rejected: 0 });
      expect((await profile()).json.avatar).toMatchObject({ version: V1, placeholder: null });
      expect((await status(V1)).json).toMatchObject({ status: 'ready', avatar: { version: V1, placeholder: null } });
      // And a newer avatar with a placeholder replaces it, then an older thumbnail's newer one clears it again.
      await deliver(V2_PROCESSED_WITH_PLACEHOLDER);
      expect((await profile()).json.avatar).toMatchObject({ version: V2, placeholder: PLACEHOLDER });
      await deliver(avatarProcessedMessage(SUB, V3));
      expect((await profile()).json.avatar).toMatchObject({ version: V3, placeholder: null });
    });

    it('a subscriber deployed before placeholders reads the new message as it read the old one: the placeholder is one more field', () => {
      // That subscriber read the fields it knew and nothing else; only `placeholder` tells the two messages apart.
      const { placeholder, ...withoutPlaceholder } = JSON.parse(V2_PROCESSED_WITH_PLACEHOLDER) as Record<string, unknown>;
      expect(placeholder).toBe(PLACEHOLDER);
      expect(parseAvatarProcessedMessage(V2_PROCESSED_WITH_PLACEHOLDER)).toEqual({
        ...parseAvatarProcessedMessage(JSON.stringify(withoutPlaceholder)),
        placeholder: PLACEHOLDER,
      });
      expect(JSON.parse(V2_PROCESSED_WITH_PLACEHOLDER)).toMatchObject({ type: 'avatar.processed', schemaVersion: 1 });
    });

    it("a garbage placeholder is the message's typed, logged failure: nothing of it is stored, and it is not retried", async () => {
      const errorLog = jest.spyOn(logger, 'error');
      try {
        const garbage = V2_PROCESSED_WITH_PLACEHOLDER.replace(PLACEHOLDER, '<img src=x onerror=alert(1)>');
        expect(await deliver(garbage)).toEqual({ recorded: 0, stale: 0, rejected: 1 });
        expect(errorLog).toHaveBeenCalledWith(
          'avatar processed message rejected',
          expect.objectContaining({ errorName: 'InvalidAvatarMessageError', reason: expect.stringMatching(/placeholder/) }),
        );
      } finally {
        errorLog.mockRestore();
      }
      expect(await profileVersion()).toBeUndefined();
      expect((await status(V2)).json).toEqual({ status: 'pending' });
    });

    it("a thumbnail deployed before rejections were announced: its processed message makes the upload ready; its rejections stay pending, then expire", async () => {
      expect(await deliver(V1_PROCESSED_BEFORE_REJECTIONS)).toEqual({ recorded: 1, stale: 0, rejected: 0 });
      expect(await profileVersion()).toBe(V1);
      expect((await status(V1)).json).toMatchObject({ status: 'ready', avatar: { version: V1, url: `https://assets.example.com/avatars/${SUB}/${V1}/512.jpg` } });
      expect((await status(V2)).json).toEqual({ status: 'pending' });
      now = NOW + 24 * 3_600_000;
      expect((await status(V2)).json).toEqual({ status: 'expired' });
    });
  });
});
