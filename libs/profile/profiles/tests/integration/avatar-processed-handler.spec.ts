import { Logger } from '@aws-lambda-powertools/logger';
import type { Database } from '@cruddur/profile/db';
import { lambdaContext, snsEvent } from '@cruddur/shared/lambda-events';
import { avatarProcessedMessage, uploadId } from '@cruddur/testing/fixtures';
import { createProfileHandlers } from '../../src';
import { ORIGIN, call } from '../helpers/call';
import { migratedDatabase } from '../helpers/database';

const SUB = '6a2f0c1e-93d4-4b8a-b1c2-0d9e8f7a6b5c';
const V1 = uploadId(1767225600000, 'aaaaaaaaaaaaaaaa');
const V2 = uploadId(1767225600001, '0000000000000000');
const V3 = uploadId(1767225700000, '5555555555555555');

describe('avatarProcessed (SNS) on PGlite', () => {
  let db: Database;
  let h: ReturnType<typeof createProfileHandlers>;
  const logger = new Logger({ serviceName: 'profile', logLevel: 'SILENT' });
  beforeAll(async () => {
    db = await migratedDatabase();
    h = createProfileHandlers({ db, logger, assetsBaseUrl: 'https://assets.example.com', origins: [ORIGIN] });
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    await db.query('TRUNCATE users, avatar_uploads');
    jest.restoreAllMocks();
  });

  const deliver = (...messages: unknown[]) => h.avatarProcessed(snsEvent(messages), lambdaContext());
  const currentVersion = async () =>
    (await db.query<{ avatar_version: string | null }>('SELECT avatar_version FROM users WHERE cognito_user_id = $1', [SUB])).rows[0]?.avatar_version;

  it('records a new avatar, and ignores the same message delivered again', async () => {
    await call(h.getOwnProfile, { routeKey: 'GET /api/profile', authorizer: { sub: SUB, username: 'andrew' } });
    expect(await deliver(avatarProcessedMessage(SUB, V1))).toEqual({ recorded: 1, stale: 0, rejected: 0 });
    expect(await deliver(avatarProcessedMessage(SUB, V1))).toEqual({ recorded: 0, stale: 1, rejected: 0 });
    expect(await currentVersion()).toBe(V1);
  });

  it('never goes back to an older avatar when messages arrive out of order', async () => {
    expect(await deliver(avatarProcessedMessage(SUB, V3))).toMatchObject({ recorded: 1 });
    expect(await deliver(avatarProcessedMessage(SUB, V1), avatarProcessedMessage(SUB, V2))).toEqual({ recorded: 0, stale: 2, rejected: 0 });
    expect(await currentVersion()).toBe(V3);
  });

  it('keeps the newest of a shuffled batch with repeats', async () => {
    const summary = await deliver(...[V2, V1, V3, V2, V3, V1].map((v) => avatarProcessedMessage(SUB, v)));
    expect(summary).toEqual({ recorded: 2, stale: 4, rejected: 0 });
    expect(await currentVersion()).toBe(V3);
  });

  it('records the avatar of a user not seen yet, which shows once they first use the API', async () => {
    await deliver(avatarProcessedMessage(SUB, V2));
    const res = await call(h.getOwnProfile, { routeKey: 'GET /api/profile', authorizer: { sub: SUB, username: 'andrew' } });
    expect(res.json).toMatchObject({ handle: 'andrew', avatar: { version: V2 } });
  });

  it('logs and drops unreadable messages without throwing, still recording the good ones', async () => {
    const errors = jest.spyOn(logger, 'error');
    const summary = await deliver(
      'not json',
      { ...avatarProcessedMessage(SUB, V1), version: 'latest' },
      { ...avatarProcessedMessage(SUB, V3), sub: 'someone-else' },
      avatarProcessedMessage(SUB, V2),
    );
    expect(summary).toEqual({ recorded: 1, stale: 0, rejected: 3 });
    expect(await currentVersion()).toBe(V2);
    expect(errors).toHaveBeenCalledTimes(3);
    expect(errors).toHaveBeenCalledWith('avatar processed message rejected', expect.objectContaining({ errorName: 'InvalidAvatarMessageError' }));
  });

  it('throws on a database error, so SNS delivers the message again', async () => {
    const closed = await migratedDatabase();
    await closed.close();
    const handlers = createProfileHandlers({ db: closed, logger, assetsBaseUrl: 'https://assets.example.com', origins: [ORIGIN] });
    await expect(handlers.avatarProcessed(snsEvent([avatarProcessedMessage(SUB, V1)]), lambdaContext())).rejects.toThrow(/closed/);
  });
});
