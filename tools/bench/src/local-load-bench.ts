import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { photoJpeg } from '@cruddur/testing/images';
import { problemLines, processedUploads, runLocalLoad, spawnLocalStack } from './local-load';
import type { Measurement } from './report';

/** 12 MP, as a phone camera's photo. */
const PHOTO = Object.freeze({ width: 4000, height: 3000 });
const ZERO: Measurement['target'] = { op: '<=', value: 0 };

/**
 * Issue 13's load on a fresh local stack (its own process and data folder): upload URLs, then
 * uploads of a 12 MP JPEG; the stack's problem log lines are counted and the first few reported.
 *
 * @example
 * const { measurements } = await benchLocalLoad({ urlRequests: 50, uploads: 20 }, console.error);
 */
export async function benchLocalLoad(scale: { urlRequests: number; uploads: number }, log: (line: string) => void): Promise<{ measurements: Measurement[]; note: string }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-local-load-'));
  const running = await spawnLocalStack(dataDir);
  try {
    const photo = await photoJpeg({ ...PHOTO, quality: 85 });
    log(`  photo: ${PHOTO.width}x${PHOTO.height} JPEG, ${(photo.byteLength / 1e6).toFixed(2)} MB`);
    const result = await runLocalLoad(running.stack, { ...scale, photo, settleTimeoutMs: 15 * 60_000, processed: () => processedUploads(running.output()) });
    const problems = problemLines(running.output());
    for (const line of problems.slice(0, 5)) log(`  problem: ${line}`);
    const stale = result.profiles.filter((p) => p.version !== p.newest).length;
    const section = 'local load' as const;
    const urls = `${scale.urlRequests} concurrent upload URLs`;
    const uploads = `${scale.uploads} concurrent 12 MP uploads`;
    return {
      measurements: [
        { section, measure: `${urls}: p50`, value: result.urlRequests.p50Ms, unit: 'ms' },
        { section, measure: `${urls}: p95`, value: result.urlRequests.p95Ms, unit: 'ms' },
        { section, measure: `${urls}: failed`, value: result.urlRequests.failed, unit: 'count', target: ZERO },
        { section, measure: `${uploads}: PUT p50`, value: result.uploads.putP50Ms, unit: 'ms' },
        { section, measure: `${uploads}: failed`, value: result.uploads.failed, unit: 'count', target: ZERO },
        { section, measure: `${uploads}: until every profile shows its newest`, value: result.uploads.allOnNewestAfterMs, unit: 'ms' },
        { section, measure: `${uploads}: until every one is processed`, value: result.uploads.allProcessedAfterMs, unit: 'ms' },
        { section, measure: `${uploads}: not processed`, value: result.uploads.count - result.uploads.processed, unit: 'count', target: ZERO },
        { section, measure: `${uploads}: profiles not on their newest`, value: stale, unit: 'count', target: ZERO },
        { section, measure: 'problem lines in the stack log', value: problems.length, unit: 'count', target: ZERO, note: 'failed or parked invocations, refused S3 requests, handler ERROR logs' },
      ],
      note: `Local load: apps/local-stack started as its own process (as npm start runs it) on a fresh data folder; the uploads are spread over the ${result.profiles.length} demo users.`,
    };
  } finally {
    await running.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
