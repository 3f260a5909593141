import { heicFixture } from '@cruddur/testing/images';
import { lambdaContext } from '@cruddur/shared/lambda-events';
import { type LocalS3 } from '@cruddur/testing/fixtures';
import type { S3Event } from 'aws-lambda';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BenchInput } from './inputs';
import { bundlePath } from './paths';
import { childEnv, runLambdaRunner } from './processes';
import type { Measurement } from './report';
import { median } from './stats';
import { stageUploads, thumbnailEnv } from './thumbnail/bench';

/** The HEIC bounds (goal `framing-heic`): a 12 MP HEIC through the handler against the 12 MP JPEG, and its memory. */
const HEIC_TARGETS = Object.freeze({
  /** Warm handler time per 12 MP HEIC over per 12 MP JPEG, same run. */
  heicOverJpegTime: 25,
  /** Peak RSS of one process handling consecutive 12 MP HEIC uploads (the WASM heap included). */
  peakRssMb: 450,
});

/** heif-enc quality for the bench's HEIC: about what an iPhone's 12 MP photo weighs (1.5–3 MB). */
const HEIF_ENC_QUALITY = 50;

/**
 * The 12 MP HEIC the bench measures: the 12 MP JPEG input re-encoded by Debian's heif-enc when it
 * is installed (same picture, photo-like bitrate), else the committed 4032×3024 fixture (smooth
 * content, 174 KB: its HEVC decode is cheaper than a real photo's).
 */
function heicInput(jpeg: BenchInput): BenchInput {
  const file = path.join(path.dirname(jpeg.file), 'heic-12mp.heic');
  const hasHeifEnc = spawnSync('heif-enc', ['--version']).error === undefined;
  let label: string;
  if (hasHeifEnc) {
    // heif-enc takes ~15 s for 12 MP: reuse the last run's file when it came from the same JPEG bytes and quality.
    const source = `${createHash('sha256').update(readFileSync(jpeg.file)).digest('hex')} q${HEIF_ENC_QUALITY}\n`;
    const sourceFile = `${file}.source`;
    if (!existsSync(file) || !existsSync(sourceFile) || readFileSync(sourceFile, 'utf8') !== source) {
      rmSync(sourceFile, { force: true });
      execFileSync('heif-enc', ['-q', String(HEIF_ENC_QUALITY), '-o', file, jpeg.file], { stdio: 'ignore' });
      writeFileSync(sourceFile, source);
    }
    label = `${jpeg.megapixels} MP HEIC (heif-enc q${HEIF_ENC_QUALITY} of the ${jpeg.label})`;
  } else {
    rmSync(`${file}.source`, { force: true });
    writeFileSync(file, heicFixture('photo12mp'));
    label = '12 MP HEIC (committed smooth fixture: heif-enc not installed)';
  }
  return { name: 'heic-12mp', label, extension: 'heic', contentType: 'image/heic', megapixels: 12, file, bytes: statSync(file).size };
}

/** One fresh process handling one event of `count` uploads of `input`, one after another. */
async function consecutiveUploads(s3: LocalS3, input: BenchInput, count: number): Promise<{ msPerImage: number; peakRssMb: number }> {
  const events = await stageUploads(s3, input, count);
  const event: S3Event = { Records: events.flatMap((staged) => staged.Records) };
  const report = await runLambdaRunner(
    // Many records in one event is the bench's way to keep one warm process: give it their time.
    { bundle: bundlePath('thumbnail'), event, context: { ...lambdaContext({ functionName: 'thumbnail' }) }, remainingMs: 15 * 60_000 },
    childEnv(thumbnailEnv(s3)),
  );
  const summary = report.result as { processed?: number } | undefined;
  if (summary?.processed !== count) throw new Error(`the HEIC bench did not process ${count} × ${input.label}: ${JSON.stringify(summary)}`);
  return { msPerImage: report.callMs / count, peakRssMb: (report.peakRssKb ?? report.maxRssKb ?? 0) / 1024 };
}

/**
 * Time and peak RSS of 12 MP HEIC uploads against 12 MP JPEG uploads through the built thumbnail
 * bundle: fresh processes, each serving one event of `consecutive` uploads in sequence (the first
 * pays for loading sharp, and for the HEIC the libheif WebAssembly), in `runs` interleaved rounds.
 *
 * @example
 * const rows = await benchHeic(jpeg12mp, s3, { runs: 1, consecutive: 20, log: console.error });
 */
export async function benchHeic(
  jpeg: BenchInput,
  s3: LocalS3,
  options: { runs: number; consecutive: number; log: (line: string) => void },
): Promise<Measurement[]> {
  const heic = heicInput(jpeg);
  options.log(`  ${heic.name}: ${heic.label}, ${(heic.bytes / 1e6).toFixed(2)} MB`);
  const single = { jpeg: [] as number[], heic: [] as number[], heicPeak: [] as number[] };
  const warm = { jpeg: [] as number[], heic: [] as number[], heicPeak: [] as number[] };
  for (let run = 0; run < options.runs; run += 1) {
    const oneJpeg = await consecutiveUploads(s3, jpeg, 1);
    const oneHeic = await consecutiveUploads(s3, heic, 1);
    single.jpeg.push(oneJpeg.msPerImage);
    single.heic.push(oneHeic.msPerImage);
    single.heicPeak.push(oneHeic.peakRssMb);
    const manyJpeg = await consecutiveUploads(s3, jpeg, options.consecutive);
    const manyHeic = await consecutiveUploads(s3, heic, options.consecutive);
    warm.jpeg.push(manyJpeg.msPerImage);
    warm.heic.push(manyHeic.msPerImage);
    warm.heicPeak.push(manyHeic.peakRssMb);
  }
  const n = options.consecutive;
  const singlePeak = Math.max(...single.heicPeak);
  const manyPeak = Math.max(...warm.heicPeak);
  return [
    { section: 'thumbnail', measure: `12 MP HEIC: handler ms per image, ${n} in one process`, value: median(warm.heic), unit: 'ms', note: heic.label },
    { section: 'thumbnail', measure: `12 MP JPEG: handler ms per image, ${n} in one process`, value: median(warm.jpeg), unit: 'ms' },
    {
      section: 'thumbnail',
      measure: '12 MP HEIC / 12 MP JPEG handler time',
      value: median(warm.heic) / median(warm.jpeg),
      unit: 'x',
      target: { op: '<=', value: HEIC_TARGETS.heicOverJpegTime },
      goal: 'framing-heic',
      note: `per image over ${n} consecutive uploads in one process, median of ${options.runs} round(s)`,
    },
    {
      section: 'thumbnail',
      measure: '12 MP HEIC / 12 MP JPEG, first upload of a fresh process',
      value: median(single.heic) / median(single.jpeg),
      unit: 'x',
      note: `${median(single.heic).toFixed(0)} ms against ${median(single.jpeg).toFixed(0)} ms: the HEIC's includes compiling libheif's WebAssembly`,
    },
    { section: 'memory', measure: 'peak RSS, fresh process, one 12 MP HEIC', value: singlePeak, unit: 'MB', target: { op: '<=', value: HEIC_TARGETS.peakRssMb }, goal: 'framing-heic' },
    {
      section: 'memory',
      measure: `peak RSS, fresh process, ${n} consecutive 12 MP HEIC`,
      value: manyPeak,
      unit: 'MB',
      target: { op: '<=', value: HEIC_TARGETS.peakRssMb },
      goal: 'framing-heic',
      note: `VmHWM at exit; ${(manyPeak - singlePeak).toFixed(0)} MB above one HEIC's peak (bounded: one reused decoder, everything freed)`,
    },
  ];
}
