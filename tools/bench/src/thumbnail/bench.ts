import { PutObjectCommand } from '@aws-sdk/client-s3';
import { avatarUploadKey } from '@cruddur/storage/s3-keys';
import { s3Event } from '@cruddur/shared/lambda-events';
import { LOCAL_S3_CREDENTIALS, type LocalS3 } from '@cruddur/testing/fixtures';
import type { S3Event } from 'aws-lambda';
import { readFileSync } from 'node:fs';
import { JUDGED_INPUT, type BenchInput } from '../inputs';
import { bundlePath } from '../paths';
import { Worker, childEnv } from '../processes';
import type { Measurement } from '../report';
import { median, pairedRatio, perSecond, rotate } from '../stats';
import type { GoalId } from '../goals';
import { TARGETS } from '../targets';
import { CONTENDERS, S3_CONTENDERS, type Contender } from './worker';

const UPLOADS_BUCKET = 'uploads';
const ASSETS_BUCKET = 'assets';
const SUB = 'bench-0000-4000-8000-000000000000';

/** The environment the thumbnail bundle reads, pointed at the bench's s3rver. */
export function thumbnailEnv(s3: LocalS3): Record<string, string> {
  return {
    ASSETS_BUCKET,
    S3_ENDPOINT: s3.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: LOCAL_S3_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_S3_CREDENTIALS.secretAccessKey,
    POWERTOOLS_SERVICE_NAME: 'thumbnail',
  };
}

/** Puts `count` copies of an input in the uploads bucket, each under a new upload key. */
export async function stageUploads(s3: LocalS3, input: BenchInput, count: number): Promise<S3Event[]> {
  const body = readFileSync(input.file);
  const events: S3Event[] = [];
  for (let i = 0; i < count; i += 1) {
    const key = avatarUploadKey(SUB, input.extension);
    await s3.client.send(
      new PutObjectCommand({ Bucket: UPLOADS_BUCKET, Key: key, Body: body, ContentType: input.contentType }),
    );
    events.push(s3Event([{ bucket: UPLOADS_BUCKET, key, size: body.byteLength }]));
  }
  return events;
}

export interface ThumbnailBenchOptions {
  rounds: number;
  /** Images each contender processes, one after another, per round. */
  batch: number;
  log: (line: string) => void;
  /**
   * Run the naive contenders (the original's pipeline) on every input, not only the judged one
   * (handler / naive is a target on the 12 MP JPEG alone). `--quick` leaves them out elsewhere: on
   * the 12 MP WebP alone they took 34 of its 48 seconds.
   */
  naiveOnEveryInput?: boolean;
}

type Throughputs = Record<Contender, number[]>;
/** Per round: the contenders' images per second, and s3rver's own ms per image (see s3FloorMs). */
export type Rounds = Throughputs & { floorMs: number[]; deleteMs: number[] };

/**
 * Thumbnail throughput of the real handler (bundle, against s3rver), bare sharp and the naive
 * pipeline, each in its own process, in interleaved rounds on every input.
 */
export async function benchThumbnail(
  inputs: readonly BenchInput[],
  s3: LocalS3,
  options: ThumbnailBenchOptions,
): Promise<Measurement[]> {
  const files = Object.fromEntries(inputs.map((input) => [input.name, input.file]));
  const workers = Object.fromEntries(
    CONTENDERS.map((contender) => [
      contender,
      Worker.start('thumbnail', [contender], childEnv(S3_CONTENDERS.includes(contender) ? thumbnailEnv(s3) : {})),
    ]),
  ) as Record<Contender, Worker>;
  try {
    await Promise.all(
      CONTENDERS.map((contender) => workers[contender].call('load', { files, bundle: bundlePath('thumbnail') })),
    );
    const rows: Measurement[] = [];
    for (const input of inputs) {
      const contenders = options.naiveOnEveryInput !== false || input.name === JUDGED_INPUT ? CONTENDERS : CONTENDERS.filter((c) => !c.startsWith('naive'));
      const perRound: Rounds = { handler: [], bare: [], naive: [], 'naive-render': [], floorMs: [], deleteMs: [] };
      const run = async (contender: Contender, count: number) => {
        const events = S3_CONTENDERS.includes(contender) ? await stageUploads(s3, input, count) : undefined;
        return workers[contender].call<number>('run', { input: input.name, count, events });
      };
      // One untimed image each: JIT, sharp's first use of a codec, the SDK's first connection.
      for (const contender of contenders) await run(contender, 1);
      for (let round = 0; round < options.rounds; round += 1) {
        for (const contender of rotate(contenders, round)) {
          perRound[contender].push(perSecond(options.batch, await run(contender, options.batch)));
        }
        const events = await stageUploads(s3, input, options.batch);
        const floor = await workers.handler.call<{ getPutMs: number; deleteMs: number }>('s3Floor', { input: input.name, events });
        perRound.floorMs.push(floor.getPutMs / options.batch);
        perRound.deleteMs.push(floor.deleteMs / options.batch);
      }
      const line = contenders.map((c) => `${c} ${median(perRound[c]).toFixed(1)}`).join(', ');
      options.log(`  ${input.label}: ${line} img/s`);
      rows.push(...thumbnailRows(input, perRound));
    }
    rows.push({
      section: 'memory',
      measure: `peak RSS of the warm handler process after ${inputs.length} inputs × ${options.rounds * options.batch + 1} images`,
      value: await workers.handler.call<number>('peakRss'),
      unit: 'MB',
    });
    return rows;
  } finally {
    await Promise.all(CONTENDERS.map((contender) => workers[contender].close()));
  }
}

/**
 * Per round, the handler's images per second over its ceiling's: bare sharp's time plus s3rver's
 * raw GET + PUT floor for the same image, the fastest any handler could go against this S3.
 *
 * @example
 * handlerOverCeiling([10], [20], [50]); // 1: 100 ms per image = 50 ms bare + 50 ms floor
 */
export function handlerOverCeiling(handler: readonly number[], bare: readonly number[], floorMs: readonly number[]): number {
  return median(handler.map((rate, i) => (1000 / (bare[i] as number) + (floorMs[i] as number)) / (1000 / rate)));
}

/** One input's rows; without naive rounds (`--quick`, inputs other than the judged one) no naive rows. */
export function thumbnailRows(input: BenchInput, perRound: Rounds): Measurement[] {
  const judged = input.name === JUDGED_INPUT;
  const row = (measure: string, value: number, unit: Measurement['unit'], target?: Measurement['target'], goal?: GoalId) => ({
    section: 'thumbnail' as const,
    measure: `${input.label}: ${measure}`,
    value,
    unit,
    ...(target ? { target } : {}),
    ...(goal ? { goal } : {}),
  });
  const naive = perRound.naive.length > 0;
  return [
    row('handler, bundle + s3rver I/O', median(perRound.handler), 'img/s'),
    row('bare sharp, in memory', median(perRound.bare), 'img/s'),
    ...(naive
      ? [row("naive, the original's flow + s3rver I/O", median(perRound.naive), 'img/s'), row('naive image step alone, in memory', median(perRound['naive-render']), 'img/s')]
      : []),
    row('s3rver alone: plain HTTP GET of the upload + PUT of the largest rendition', median(perRound.floorMs), 'ms'),
    row('handler / ceiling (bare sharp + s3rver floor)', handlerOverCeiling(perRound.handler, perRound.bare, perRound.floorMs), 'x', {
      op: '>=',
      value: TARGETS.handlerOverCeiling,
    }, 'handler-ceiling'),
    ...(perRound.deleteMs.length > 0
      ? [
          row('s3rver alone: plain DELETE of the upload (the handler deletes each original; the ceiling leaves it out)', median(perRound.deleteMs), 'ms'),
          row(
            'handler / ceiling with that DELETE added',
            handlerOverCeiling(perRound.handler, perRound.bare, perRound.floorMs.map((ms, i) => ms + (perRound.deleteMs[i] ?? 0))),
            'x',
            undefined,
            'handler-ceiling',
          ),
        ]
      : []),
    row(`handler / bare sharp (the old ${TARGETS.handlerOverBareSharp}x target)`, pairedRatio(perRound.handler, perRound.bare), 'x', undefined, 'handler-ceiling'),
    row(
      'best handler / bare sharp possible against this s3rver',
      median(perRound.bare.map((rate, i) => 1000 / rate / (1000 / rate + (perRound.floorMs[i] as number)))),
      'x',
    ),
    ...(naive
      ? [
          row(
            'handler / naive',
            pairedRatio(perRound.handler, perRound.naive),
            'x',
            judged ? { op: '>=', value: TARGETS.handlerOverNaive } : undefined,
            judged ? 'budgets' : undefined,
          ),
          row('bare sharp / naive image step', pairedRatio(perRound.bare, perRound['naive-render']), 'x'),
        ]
      : []),
  ];
}
