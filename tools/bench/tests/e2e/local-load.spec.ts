import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { photoJpeg } from '@cruddur/testing/images';
import { doneTimes, problemLines, processedUploads, runLocalLoad, spawnLocalStack } from '../../src/local-load';

// The bench's concurrent load at a small scale (its local-load section runs the full figure).
describe('concurrent upload-URL requests and uploads on the local stack', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'local-load-'));
  let running: Awaited<ReturnType<typeof spawnLocalStack>> | undefined;
  afterAll(async () => {
    await running?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('processes every upload, every profile ends on its newest, and nothing failed in the log', async () => {
    running = await spawnLocalStack(dataDir);
    // Settled means the subscriber has taken every announcement too, not only the newest of each
    // user: an older one can still be in its journal when both profiles already show their newest.
    const announcementsRecorded = () => doneTimes(running!.lines(), 'avatarProcessed', 0).length;
    const photo = await photoJpeg({ width: 1600, height: 1200 });
    const result = await runLocalLoad(running.stack, { urlRequests: 10, uploads: 4, photo, settleTimeoutMs: 120_000, processed: () => Math.min(processedUploads(running!.output()), announcementsRecorded()) });
    expect(result.urlRequests).toMatchObject({ count: 10, failed: 0 });
    expect(result.uploads).toMatchObject({ count: 4, failed: 0, processed: 4 });
    expect(result.profiles).toHaveLength(2);
    for (const profile of result.profiles) expect(profile.version).toBe(profile.newest);
    // Every upload processed: nothing left in a journal or a dead-letter folder.
    for (const fn of ['thumbnail', 'avatarProcessed']) {
      for (const folder of ['pending', 'dlq']) expect(readdirSync(path.join(dataDir, 'lambda', fn, folder)).filter((n) => n.endsWith('.json'))).toEqual([]);
    }
    expect(problemLines(running.output())).toEqual([]);
  }, 300_000);
});
