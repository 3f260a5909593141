import { Logger } from '@aws-lambda-powertools/logger';
import { type Database, openDatabase } from '@cruddur/profile/db';
import { ProfileJsonSchema } from '@cruddur/shared/contract';
import { lambdaContext, snsEvent } from '@cruddur/shared/lambda-events';
import * as z from 'zod/mini';
import { avatarProcessedMessage, uploadId } from '@cruddur/testing/fixtures';
import { createProfileHandlers } from '../../src';
import { HandleUnavailableError } from '../../src/errors';
import { ORIGIN, call } from '../helpers/call';
import { migratedDatabase } from '../helpers/database';

const ASSETS = 'https://assets.example.com';
const ALICE = { sub: '11111111-1111-4111-8111-111111111111', username: 'Alice' };
const BOB = { sub: '22222222-2222-4222-8222-222222222222', username: 'bob' };
const logger = new Logger({ serviceName: 'profile', logLevel: 'SILENT' });

describe('profile HTTP routes on PGlite', () => {
  let db: Database;
  let h: ReturnType<typeof createProfileHandlers>;
  beforeAll(async () => {
    db = await migratedDatabase();
    h = createProfileHandlers({ db, logger, assetsBaseUrl: ASSETS, origins: [ORIGIN] });
  });
  afterAll(() => db.close());
  beforeEach(() => db.query('TRUNCATE users'));

  const own = (authorizer: typeof ALICE | null) => call(h.getOwnProfile, { routeKey: 'GET /api/profile', authorizer });
  const byHandle = (handle: string) =>
    call(h.getProfile, { routeKey: 'GET /api/profiles/{handle}', path: `/api/profiles/${handle}`, pathParameters: { handle }, authorizer: null });
  const update = (authorizer: typeof ALICE | null, body: unknown) =>
    call(h.updateProfile, {
      routeKey: 'PUT /api/profile/update',
      body,
      authorizer,
      headers: { origin: ORIGIN, ...(typeof body === 'string' ? { 'content-type': 'application/json' } : {}) },
    });

  describe('GET /api/profile', () => {
    it("answers the caller's own profile, creating it on first use", async () => {
      const first = await own(ALICE);
      expect(first.statusCode).toBe(200);
      expect(first.headers?.['Access-Control-Allow-Origin']).toBe(ORIGIN);
      expect(first.json).toEqual({ handle: 'alice', display_name: 'Alice', bio: '', avatar: null });
      expect((await own(ALICE)).json).toEqual(first.json);
    });

    it('answers 401 without the authorizer context', async () => {
      const res = await own(null);
      expect(res.statusCode).toBe(401);
      expect(res.json).toEqual({ message: 'authentication required' });
    });
  });

  describe('GET /api/profiles/{handle}', () => {
    it('answers a public profile to anyone, whatever the case of the handle', async () => {
      await own(ALICE);
      const res = await byHandle('ALICE');
      expect(res.statusCode).toBe(200);
      expect(res.json).toEqual({ handle: 'alice', display_name: 'Alice', bio: '', avatar: null });
    });

    it.each(['nobody', 'x', "alice' OR '1'='1", '%61lice'])('answers 404 with a message for %j', async (handle) => {
      await own(ALICE);
      const res = await byHandle(handle);
      expect(res.statusCode).toBe(404);
      expect(res.json).toEqual({ message: 'profile not found' });
    });
  });

  describe('PUT /api/profile/update', () => {
    it('stores the display name and bio and answers the updated profile, handle included', async () => {
      const res = await update(ALICE, { display_name: 'Alice Liddell', bio: 'Down the rabbit hole.' });
      expect(res.statusCode).toBe(200);
      expect(res.headers?.['Access-Control-Allow-Origin']).toBe(ORIGIN);
      expect(res.json).toEqual({ handle: 'alice', display_name: 'Alice Liddell', bio: 'Down the rabbit hole.', avatar: null });
      expect((await byHandle('alice')).json).toEqual(res.json);
    });

    it('answers 401 without the authorizer context and changes nothing', async () => {
      const res = await update(null, { display_name: 'Mallory', bio: '' });
      expect(res.statusCode).toBe(401);
      expect((await db.query('SELECT count(*)::int AS n FROM users')).rows).toEqual([{ n: 0 }]);
    });

    it.each([
      ['display_name missing', { bio: 'x' }],
      ['bio missing', { display_name: 'A' }],
      ['display_name empty', { display_name: '', bio: '' }],
      ['display_name blank', { display_name: '   ', bio: '' }],
      ['display_name of 51 characters', { display_name: 'x'.repeat(51), bio: '' }],
      ['display_name not a string', { display_name: ['A'], bio: '' }],
      ['display_name with a newline', { display_name: 'A\nB', bio: '' }],
      ['bio of 161 characters', { display_name: 'A', bio: 'x'.repeat(161) }],
      ['bio not a string', { display_name: 'A', bio: 160 }],
      ['bio with a control character', { display_name: 'A', bio: 'bell\u0007' }],
      ['bio with a NUL', { display_name: 'A', bio: 'a\u0000b' }],
      ['an unknown field', { display_name: 'A', bio: '', avatar_version: '9999999999999-ffffffffffffffff' }],
      ['malformed JSON', '{"display_name": "A", '],
    ])('answers 400 for %s and keeps the stored profile', async (_, body) => {
      await update(ALICE, { display_name: 'Alice', bio: 'before' });
      const res = await update(ALICE, body);
      expect(res.statusCode).toBe(400);
      expect(res.json).toEqual({ message: expect.any(String) });
      expect(res.json.message.length).toBeLessThan(120);
      expect((await byHandle('alice')).json).toMatchObject({ display_name: 'Alice', bio: 'before' });
    });

    it('answers 400 for a JSON-typed body that is not JSON, 415 for a form', async () => {
      const res = await update(ALICE, 'display_name=A&bio=');
      expect(res.statusCode).toBe(400);
      const form = await call(h.updateProfile, {
        routeKey: 'PUT /api/profile/update',
        body: 'display_name=A&bio=',
        headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
        authorizer: ALICE,
      });
      expect(form.statusCode).toBe(415);
    });

    it('answers 400 for a base64 body with invalid UTF-8 ({"bio":"a\\xff\\xfeb"}) and stores no U+FFFD', async () => {
      await update(ALICE, { display_name: 'Alice', bio: 'before' });
      const bytes = Buffer.from([...Buffer.from('{"display_name":"Alice","bio":"a'), 0xff, 0xfe, ...Buffer.from('b"}')]);
      const res = await call(h.updateProfile, {
        routeKey: 'PUT /api/profile/update',
        body: bytes.toString('base64'),
        isBase64Encoded: true,
        headers: { origin: ORIGIN, 'content-type': 'application/json' },
        authorizer: ALICE,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json).toEqual({ message: 'body is not valid UTF-8' });
      expect((await byHandle('alice')).json).toMatchObject({ bio: 'before' });
    });

    it.each([
      ['SQL', "Robert'); DROP TABLE users;--", "' OR 1=1; UPDATE users SET bio = 'pwned' WHERE '1'='1"],
      ['unicode and emoji', 'Zoë 李 👩‍👩‍👧‍👦 🇫🇷', 'مرحبا ✨ \\u0000 $1 %s ${bio} 𝔘𝔫𝔦𝔠𝔬𝔡𝔢'],
      ['the longest allowed', '👩‍👩‍👧‍👦'.repeat(50), '🇫🇷'.repeat(160)],
    ])('stores and answers %s strings verbatim', async (_, displayName, bio) => {
      await own(BOB);
      const res = await update(ALICE, { display_name: displayName, bio });
      expect(res.statusCode).toBe(200);
      expect(res.json).toMatchObject({ display_name: displayName, bio });
      expect((await byHandle('alice')).json).toMatchObject({ display_name: displayName, bio });
      expect((await byHandle('bob')).json).toMatchObject({ display_name: 'bob', bio: '' });
    });

    it("cannot change another user's profile", async () => {
      await update(BOB, { display_name: 'Bob', bio: "Bob's bio" });
      const sneaky = await update(ALICE, { display_name: 'Hacked', bio: 'owned', handle: 'bob' });
      expect(sneaky.statusCode).toBe(400);
      const own = await update(ALICE, { display_name: 'Hacked', bio: 'owned' });
      expect(own.json.handle).toBe('alice');
      expect((await byHandle('bob')).json).toEqual({ handle: 'bob', display_name: 'Bob', bio: "Bob's bio", avatar: null });
    });
  });

  it('answers avatar URLs under the assets origin that change with each upload, and its placeholder (null when it has none)', async () => {
    await own(ALICE);
    const first = uploadId(1767225600000, '1111111111111111');
    const second = uploadId(1767225700000, '2222222222222222');
    const placeholder = 'HPYAFwKAioaHeIh3iHh4h4h3B4eHf4gH';
    await h.avatarProcessed(snsEvent([{ ...avatarProcessedMessage(ALICE.sub, first), placeholder }]), lambdaContext());
    const before = (await byHandle('alice')).json;
    expect(before.avatar).toEqual({
      version: first,
      url: `${ASSETS}/avatars/${ALICE.sub}/${first}/512.jpg`,
      urls: {
        '512': { webp: `${ASSETS}/avatars/${ALICE.sub}/${first}/512.webp`, jpeg: `${ASSETS}/avatars/${ALICE.sub}/${first}/512.jpg` },
        '128': { webp: `${ASSETS}/avatars/${ALICE.sub}/${first}/128.webp`, jpeg: `${ASSETS}/avatars/${ALICE.sub}/${first}/128.jpg` },
      },
      placeholder,
    });
    expect(z.safeParse(ProfileJsonSchema, before).success).toBe(true);
    // A thumbnail deployed before placeholders: the new avatar has none, never the old one's.
    await h.avatarProcessed(snsEvent([avatarProcessedMessage(ALICE.sub, second)]), lambdaContext());
    const after = (await own(ALICE)).json;
    expect(after.avatar.version).toBe(second);
    expect(after.avatar.url).not.toBe(before.avatar.url);
    expect(after.avatar.placeholder).toBeNull();
    expect(z.safeParse(ProfileJsonSchema, after).success).toBe(true);
  });

  it('answers the CORS preflight without touching the database or the identity', async () => {
    const res = await call(h.updateProfile, { method: 'OPTIONS', routeKey: 'OPTIONS /api/profile/update', authorizer: null });
    expect(res.statusCode).toBe(204);
    expect(res.headers?.['Access-Control-Allow-Origin']).toBe(ORIGIN);
  });

  it('answers 500 without details when the database fails', async () => {
    const broken = openDatabase({ DATABASE_URL: 'pglite://memory' });
    const routes = createProfileHandlers({ db: broken, logger, assetsBaseUrl: ASSETS, origins: [ORIGIN] });
    try {
      const res = await call(routes.getOwnProfile, { routeKey: 'GET /api/profile', authorizer: ALICE });
      expect(res.statusCode).toBe(500);
      expect(res.json).toEqual({ message: 'internal error' });
    } finally {
      await broken.close();
    }
  });

  it('answers 503 when no handle can be claimed, so the page can try again', async () => {
    // Every handle taken at once is not reachable with a real database here: the store is stubbed.
    const exhausted = { query: async () => Promise.reject(new HandleUnavailableError('no free handle for alice')) };
    const routes = createProfileHandlers({ db: exhausted as never, logger, assetsBaseUrl: ASSETS, origins: [ORIGIN] });
    const res = await call(routes.getOwnProfile, { routeKey: 'GET /api/profile', authorizer: ALICE });
    expect(res.statusCode).toBe(503);
    expect(res.json).toEqual({ message: 'no free handle for alice' });
  });
});
