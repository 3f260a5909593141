import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '@cruddur/profile/db';
import { migrateToLatest } from '@cruddur/profile/migrations';
import { httpApiEvent, lambdaContext, snsEvent } from '@cruddur/shared/lambda-events';
import { avatarProcessedMessage, uploadId } from '@cruddur/testing/fixtures';
import { API_ROUTES, routeKey } from '@cruddur/shared/contract';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type * as HandlerModule from '../../src/handler';

type Handler = (event: unknown, context: unknown) => Promise<unknown>;
type Handlers = Record<'getProfile' | 'getOwnProfile' | 'updateProfile' | 'getUploadStatus' | 'removeAvatar' | 'avatarProcessed' | 'renditionsDeleted', Handler> & Pick<typeof HandlerModule, 'database'>;

describe('handler (module-scope wiring from the environment)', () => {
  const saved = { ...process.env };
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'cruddur-profile-'));
  });
  afterEach(async () => {
    process.env = { ...saved };
    await rm(dir, { recursive: true, force: true });
  });

  it('serves every handler from DATABASE_URL, ASSETS_BASE_URL, ALLOWED_ORIGINS and UPLOAD_URL_EXPIRES_SECONDS', async () => {
    const url = `pglite://${path.join(dir, 'pgdata')}`;
    const setup = openDatabase({ DATABASE_URL: url });
    await migrateToLatest(setup);
    await setup.close();

    Object.assign(process.env, {
      DATABASE_URL: url,
      ASSETS_BASE_URL: 'http://127.0.0.1:4000/assets/',
      ALLOWED_ORIGINS: 'https://app.example',
      UPLOAD_URL_EXPIRES_SECONDS: '7200',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    });
    let handlers = {} as Handlers;
    jest.isolateModules(() => {
      handlers = require('../../src/handler');
    });
    try {
      await exercise(handlers);
    } finally {
      await handlers.database.close();
    }
  });

  async function exercise(handlers: Handlers) {
    const sub = 'c0ffee00-0000-4000-8000-000000000000';
    const authorizer = { sub, username: 'wired' };
    const headers = { origin: 'https://app.example' };

    const created = (await handlers.getOwnProfile(httpApiEvent({ routeKey: 'GET /api/profile', authorizer, headers }), lambdaContext())) as APIGatewayProxyStructuredResultV2;
    expect(created.statusCode).toBe(200);
    expect(created.headers?.['Access-Control-Allow-Origin']).toBe('https://app.example');

    const updated = (await handlers.updateProfile(
      httpApiEvent({ routeKey: 'PUT /api/profile/update', body: { display_name: 'Wired', bio: 'from env' }, authorizer, headers }),
      lambdaContext(),
    )) as APIGatewayProxyStructuredResultV2;
    expect(JSON.parse(updated.body as string)).toMatchObject({ handle: 'wired', display_name: 'Wired' });

    const version = uploadId(1767225600000);
    expect(await handlers.avatarProcessed(snsEvent([avatarProcessedMessage(sub, version)]), lambdaContext())).toMatchObject({ recorded: 1 });

    const shown = (await handlers.getProfile(
      httpApiEvent({ routeKey: 'GET /api/profiles/{handle}', pathParameters: { handle: 'Wired' }, authorizer: null }),
      lambdaContext(),
    )) as APIGatewayProxyStructuredResultV2;
    expect(JSON.parse(shown.body as string).avatar.url).toBe(`http://127.0.0.1:4000/assets/avatars/${sub}/${version}/512.jpg`);

    const uploadStatus = async (id: string) => {
      const res = (await handlers.getUploadStatus(
        httpApiEvent({ routeKey: routeKey(API_ROUTES.getAvatarUploadStatus), pathParameters: { uploadId: id }, authorizer, headers }),
        lambdaContext(),
      )) as APIGatewayProxyStructuredResultV2;
      return JSON.parse(res.body as string);
    };
    expect(await uploadStatus(version)).toMatchObject({ status: 'ready', avatar: { version } });
    // Issued an hour ago: still pending only because this deploy's upload URLs live two hours.
    expect(await uploadStatus(uploadId(Date.now() - 3_600_000))).toEqual({ status: 'pending' });

    // Without ASSETS_BUCKET nothing is deleted, and the removal is left marked not purged; the profile shows no avatar.
    const removed = (await handlers.removeAvatar(
      httpApiEvent({ method: 'DELETE', routeKey: routeKey(API_ROUTES.removeAvatar), authorizer, headers }),
      lambdaContext(),
    )) as APIGatewayProxyStructuredResultV2;
    expect(removed.statusCode).toBe(204);
    const after = (await handlers.getOwnProfile(httpApiEvent({ routeKey: 'GET /api/profile', authorizer, headers }), lambdaContext())) as APIGatewayProxyStructuredResultV2;
    expect(JSON.parse(after.body as string).avatar).toBeNull();
    // Without CLOUDFRONT_DISTRIBUTION_ID the invalidator says what is missing.
    await expect(handlers.renditionsDeleted({}, lambdaContext())).rejects.toThrow(/CLOUDFRONT_DISTRIBUTION_ID is not set/);
  }

  it('refuses to start without ASSETS_BASE_URL', () => {
    Object.assign(process.env, { DATABASE_URL: 'pglite://memory', POWERTOOLS_LOG_LEVEL: 'SILENT' });
    delete process.env['ASSETS_BASE_URL'];
    expect(() => jest.isolateModules(() => require('../../src/handler'))).toThrow(/ASSETS_BASE_URL/);
  });
});
