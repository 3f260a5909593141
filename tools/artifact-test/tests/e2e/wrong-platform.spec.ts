import { httpApiEvent } from '@cruddur/shared/lambda-events';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { ArtifactInitError, lambdaNodeRuntime, startArtifact } from '../../src';
import { thumbnailArtifactWithSharpFor } from '../helpers/thumbnail-variant';

const DIST = path.resolve(__dirname, '../../../../dist/apps');

describe('the stage fails when an artifact carries the wrong platform', () => {
  let x64Sharp: string;
  beforeAll(() => {
    x64Sharp = thumbnailArtifactWithSharpFor('x64', path.join(DIST, 'thumbnail'));
  });
  afterAll(() => rmSync(path.dirname(x64Sharp), { recursive: true, force: true }));

  it('a thumbnail artifact packaged with x64 sharp does not even load on linux-arm64 (Lambda: Runtime.ImportModuleError)', async () => {
    const start = startArtifact({ artifactDir: x64Sharp, runtime: lambdaNodeRuntime('arm64'), functionName: 'thumbnail', env: { ASSETS_BUCKET: 'assets' } });
    await expect(start).rejects.toThrow(ArtifactInitError);
    await expect(start).rejects.toThrow(/Could not load the "sharp" module using the linux-arm64 runtime/);
  });

  it('the same copy loads on linux-x64, so the failure above is the binaries, not the copy', async () => {
    const fn = await startArtifact({ artifactDir: x64Sharp, runtime: lambdaNodeRuntime('x64'), functionName: 'thumbnail', env: { ASSETS_BUCKET: 'assets' } });
    try {
      expect(fn.runtime).toMatchObject({ arch: 'x64', platform: 'linux' });
    } finally {
      await fn.close();
    }
  });

  it('and the shipped thumbnail artifact (arm64 sharp) does not load on linux-x64', async () => {
    const start = startArtifact({ artifactDir: path.join(DIST, 'thumbnail'), runtime: lambdaNodeRuntime('x64'), functionName: 'thumbnail', env: { ASSETS_BUCKET: 'assets' } });
    await expect(start).rejects.toThrow(/Could not load the "sharp" module using the linux-x64 runtime/);
  });
});

describe('what the profile artifact does not carry', () => {
  it("cannot open PGlite (pglite://): the bundle leaves @electric-sql/pglite external and doesn't ship it", async () => {
    const fn = await startArtifact({
      artifactDir: path.join(DIST, 'profile'),
      runtime: lambdaNodeRuntime('x64'),
      functionName: 'profile',
      env: { DATABASE_URL: 'pglite://memory', ASSETS_BASE_URL: 'https://assets.cruddur.example/' },
    });
    try {
      const answer = await fn.invoke('getProfile', httpApiEvent({ routeKey: 'GET /api/profiles/{handle}', pathParameters: { handle: 'alice' }, authorizer: null }));
      expect(answer).toMatchObject({ statusCode: 500 });
      expect(fn.logs()).toMatch(/Cannot find (module|package) '@electric-sql\/pglite'/);
    } finally {
      await fn.close();
    }
  });
});
