import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DeleteBucketCommand, DeleteObjectsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the smoke test runs against a whole local stack, started through its public API as `npm start` does
import { type LocalStack, startLocalStack } from '../../../../apps/local-stack/src/index';
import { runSmokeCli } from '../helpers/run-cli';

// The checks against a working stack run in the e2e project on its shared stack (apps/e2e); this one
// breaks its stack (the assets bucket deleted), so it has its own.
describe('tools/smoke against a local stack whose thumbnail cannot write', () => {
  let workDir: string;
  let stack: LocalStack;
  let stackFile: string;
  const stackLog: string[] = [];

  beforeAll(async () => {
    workDir = mkdtempSync(path.join(tmpdir(), 'cruddur-smoke-'));
    stack = await startLocalStack({
      dataDir: path.join(workDir, 'stack'),
      ports: { web: 0, api: 0, s3: 0, cognito: 0, assets: 0 },
      handlerLogLevel: 'SILENT',
      buildWeb: false,
      retryDelaysMs: [50, 100],
      log: (line) => stackLog.push(line),
    });
    stackFile = path.join(stack.dataDir, 'stack.json');
  }, 120_000);

  afterAll(async () => {
    // SMOKE_LOG=1 prints the stack's log (authorizer refusals, thumbnail failures) to explain a failure.
    if (process.env['SMOKE_LOG']) console.log(stackLog.join('\n'));
    await stack?.stop();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  }, 60_000);

  it('fails the renditions and profile checks within the deadline when the thumbnail step cannot write', async () => {
    // The thumbnail function's writes go to the assets bucket: without it, every attempt fails.
    const s3 = new S3Client({ region: stack.region, endpoint: stack.s3Url, forcePathStyle: true, credentials: { ...stack.s3Credentials } });
    await emptyAndDelete(s3, stack.buckets.assets);
    s3.destroy();

    const run = await runSmokeCli(['--stack-file', stackFile, '--deadline', '3']);
    expect(run.code).toBe(1);
    for (const name of ['api-cors', 'sign-in', 'upload-url', 'uploads-cors', 'upload']) expect([name, run.checks[name]?.status]).toEqual([name, 'pass']);
    expect(run.checks['renditions']).toEqual({ status: 'FAIL', reason: "512.webp, 512.jpg, 128.webp, 128.jpg not on the CDN 3.0 s after the upload (last answer 404)" });
    expect(run.checks['profile']).toEqual({ status: 'FAIL', reason: expect.stringMatching(/^@\S+ shows avatar \S+ 3\.0 s after the upload, not \d{13}-[0-9a-f]{16}$/) });
    expect(run.checks['cleanup']).toEqual({ status: 'skip', reason: 'needs profile' });
  });
});

/** Deletes a bucket of the local stack with everything in it (the S3 API, as signed by its credentials). */
async function emptyAndDelete(s3: S3Client, bucket: string): Promise<void> {
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
  const keys = (listed.Contents ?? []).map((object) => ({ Key: object.Key! }));
  if (keys.length > 0) await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys } }));
  await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
}
