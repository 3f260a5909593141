import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ProcessingPhases } from '@cruddur/avatars/processing';
import { startLocalS3 } from '@cruddur/testing/fixtures';
import { photoJpeg } from '@cruddur/testing/images';
import type { BenchInput } from './inputs';
import { doneTimes, problemLines, processedUploads, quantile, runLocalLoad, runUploadToVisible, spawnLocalStack, type VisibleUpload } from './local-load';
import { bundlePath } from './paths';
import { Worker, childEnv } from './processes';
import type { Measurement } from './report';
import { median } from './stats';
import { TARGETS } from './targets';
import { stageUploads, thumbnailEnv } from './thumbnail/bench';

/** 12 MP, as a phone camera's photo. */
const PHOTO = Object.freeze({ width: 4000, height: 3000 });
const ZERO: Measurement['target'] = { op: '<=', value: 0 };

/**
 * The same photo through the built thumbnail handler, one image after another, in a worker against
 * an s3rver of the bench's own (the stack is stopped by then): ms per image.
 */
async function handlerLoopMs(photoFile: string, count: number): Promise<number[]> {
  const input: BenchInput = { name: 'photo', label: '12 MP JPEG', extension: 'jpg', contentType: 'image/jpeg', megapixels: 12, file: photoFile, bytes: 0 };
  const s3 = await startLocalS3(['uploads', 'assets']);
  const worker = Worker.start('thumbnail', ['handler'], childEnv(thumbnailEnv(s3)));
  try {
    await worker.call('load', { files: { photo: photoFile }, bundle: bundlePath('thumbnail') });
    // One untimed image: JIT, sharp's first JPEG, the SDK's first connection.
    await worker.call('run', { input: 'photo', count: 1, events: await stageUploads(s3, input, 1) });
    const times: number[] = [];
    for (const event of await stageUploads(s3, input, count)) {
      times.push(await worker.call<number>('run', { input: 'photo', count: 1, events: [event] }));
    }
    return times;
  } finally {
    await worker.close();
    await s3.close();
  }
}

/**
 * Target 2's verdict row and its pieces, from the sequential uploads and the handler's times.
 *
 * @example
 * uploadToVisibleRows(timings, [300, 310]);
 */
export function uploadToVisibleRows(timings: readonly VisibleUpload[], handlerMs: readonly number[]): Measurement[] {
  const section = 'local load' as const;
  const label = `one 12 MP upload at a time (${timings.length})`;
  const pick = (key: Exclude<keyof VisibleUpload, 'phases'>) => timings.map((t) => t[key]);
  const visible = [...pick('visibleMs')].sort((a, b) => a - b);
  const floor = median(pick('putMs')) + median(handlerMs);
  const piece = (name: string, key: Exclude<keyof VisibleUpload, 'phases'>) => ({ section, measure: `${label}: ${name}, median`, value: median(pick(key)), unit: 'ms' as const });
  const withPhases = timings.flatMap((t) => (t.phases ? [t.phases] : []));
  const phase = (name: string, key: keyof ProcessingPhases) => ({ section, measure: `${label}: thumbnail's ${name}, median`, value: median(withPhases.map((p) => p[key])), unit: 'ms' as const });
  // The thumbnail's own pieces, from its log lines; they add up to its work (the invocation adds middy and the invoker).
  const phases =
    withPhases.length === 0
      ? []
      : [
          phase('GET of the original', 'get'),
          phase('decode to the square', 'decode'),
          phase('encodes (until the last one; earlier PUTs overlap them)', 'encode'),
          phase('PUTs after the last encode', 'put'),
          phase('announce (the placeholder, then the SNS publish)', 'announce'),
          phase('delete of the original', 'delete'),
          phase('work in all', 'total'),
        ];
  return [
    { section, measure: `${label}: upload → visible, p50`, value: quantile(visible, 0.5), unit: 'ms', goal: 'upload-visible' },
    { section, measure: `${label}: upload → visible, p95`, value: quantile(visible, 0.95), unit: 'ms', goal: 'upload-visible' },
    piece('PUT', 'putMs'),
    piece('PUT answered → thumbnail started (event dispatch)', 'dispatchMs'),
    piece('thumbnail invocation (GET, decode, encodes, PUTs, announce, delete)', 'thumbnailMs'),
    ...phases,
    piece('thumbnail done → the profile API answers the new version', 'profileRecordedMs'),
    piece('the profile answers it → every rendition fetchable', 'fetchableMs'),
    piece('the profile subscriber invocation (record, then prune superseded renditions; overlaps the above)', 'subscriberMs'),
    { section, measure: 'the same photo through the handler alone (bench s3rver), median', value: median(handlerMs), unit: 'ms' },
    {
      section,
      measure: `${label}: p50 upload → visible / (PUT + handler alone)`,
      value: quantile(visible, 0.5) / floor,
      unit: 'x',
      target: { op: '<=', value: TARGETS.uploadVisibleOverParts },
      goal: 'upload-visible',
    },
  ];
}

/**
 * Upload → visible (goal `upload-visible`) and the concurrent load (`concurrent-uploads`, and the
 * standing checks: nothing failed, unprocessed or stale) on a fresh local stack (its own process and
 * data folder): uploads one at a time, upload URLs, then concurrent uploads of a 12 MP JPEG; then the
 * same photo through the handler in a loop on the same cores. The stack's problem lines are counted.
 *
 * @example
 * const { measurements } = await benchLocalLoad({ urlRequests: 50, uploads: 20, sequential: 10 }, console.error);
 */
export async function benchLocalLoad(
  scale: { urlRequests: number; uploads: number; sequential: number },
  log: (line: string) => void,
): Promise<{ measurements: Measurement[]; note: string }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-local-load-'));
  const photoFile = path.join(dataDir, 'photo.jpg');
  const section = 'local load' as const;
  const uploads = `${scale.uploads} concurrent 12 MP uploads`;
  // Set once the stack runs: a start that fails still has its folder removed below.
  let stopStack: (() => Promise<void>) | undefined;
  try {
    const running = await spawnLocalStack(path.join(dataDir, 'stack'), { handlerLogLevel: 'INFO' });
    stopStack = running.stop;
    const photo = await photoJpeg({ ...PHOTO, quality: 85 });
    writeFileSync(photoFile, photo);
    log(`  photo: ${PHOTO.width}x${PHOTO.height} JPEG, ${(photo.byteLength / 1e6).toFixed(2)} MB`);
    const timings = await runUploadToVisible(running.stack, { photo, uploads: scale.sequential, lines: running.lines, timeoutMs: 120_000 });
    log(`  one at a time: visible after ${timings.map((t) => t.visibleMs.toFixed(0)).join(', ')} ms`);
    const before = processedUploads(running.output());
    const result = await runLocalLoad(running.stack, { ...scale, photo, settleTimeoutMs: 15 * 60_000, processed: () => processedUploads(running.output()) - before });
    const thumbnailsDone = doneTimes(running.lines(), 'thumbnail', result.startedAt);
    const recorded = doneTimes(running.lines(), 'avatarProcessed', result.startedAt);
    log(`  concurrent: thumbnails done at ${thumbnailsDone.map((ms) => ms.toFixed(0)).join(', ')} ms; profiles recorded at ${recorded.map((ms) => ms.toFixed(0)).join(', ')} ms`);
    const problems = problemLines(running.output());
    for (const line of problems.slice(0, 5)) log(`  problem: ${line}`);
    const stale = result.profiles.filter((p) => p.version !== p.newest).length;
    await running.stop();
    log(`  the same photo through the handler in a loop, ${scale.uploads} times…`);
    const loop = await handlerLoopMs(photoFile, scale.uploads);
    const loopMs = loop.reduce((sum, ms) => sum + ms, 0);
    const urls = `${scale.urlRequests} concurrent upload URLs`;
    const finished = Math.max(result.uploads.allOnNewestAfterMs, result.uploads.allProcessedAfterMs);
    return {
      measurements: [
        ...uploadToVisibleRows(timings, loop),
        { section, measure: `${urls}: p50`, value: result.urlRequests.p50Ms, unit: 'ms' },
        { section, measure: `${urls}: p95`, value: result.urlRequests.p95Ms, unit: 'ms' },
        { section, measure: `${urls}: failed`, value: result.urlRequests.failed, unit: 'count', target: ZERO, goal: 'budgets' },
        { section, measure: `${uploads}: PUT p50`, value: result.uploads.putP50Ms, unit: 'ms' },
        { section, measure: `${uploads}: failed`, value: result.uploads.failed, unit: 'count', target: ZERO, goal: 'budgets' },
        { section, measure: `${uploads}: until every profile shows its newest`, value: result.uploads.allOnNewestAfterMs, unit: 'ms' },
        { section, measure: `${uploads}: until every one is processed`, value: result.uploads.allProcessedAfterMs, unit: 'ms' },
        { section, measure: `${uploads}: first thumbnail done`, value: thumbnailsDone[0] ?? Number.NaN, unit: 'ms' },
        { section, measure: `${uploads}: last profile recorded`, value: recorded.at(-1) ?? Number.NaN, unit: 'ms' },
        { section, measure: `the same ${scale.uploads} photos through the handler in a loop`, value: loopMs, unit: 'ms' },
        {
          section,
          measure: `${uploads}: all done / the same through the handler in a loop`,
          value: finished / loopMs,
          unit: 'x',
          target: { op: '<=', value: TARGETS.concurrentOverLoop },
          goal: 'concurrent-uploads',
        },
        { section, measure: `${uploads}: not processed`, value: result.uploads.count - result.uploads.processed, unit: 'count', target: ZERO, goal: 'budgets' },
        { section, measure: `${uploads}: profiles not on their newest`, value: stale, unit: 'count', target: ZERO, goal: 'budgets' },
        { section, measure: 'problem lines in the stack log', value: problems.length, unit: 'count', target: ZERO, goal: 'budgets', note: 'failed or parked invocations, refused S3 requests, handler ERROR logs' },
      ],
      note:
        `Local load: apps/local-stack started as its own process (as npm start runs it) on a fresh data folder; the one-at-a-time uploads are one demo user's, ` +
        `the concurrent ones are spread over the ${result.profiles.length} demo users; the handler loop runs after the stack stopped.`,
    };
  } finally {
    await stopStack?.();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
