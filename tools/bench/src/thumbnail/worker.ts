import { S3Client } from '@aws-sdk/client-s3';
import { lambdaContext } from '@cruddur/testing';
import type { S3Event } from 'aws-lambda';
import { readFileSync } from 'node:fs';
import { serveWorker } from '../processes';
import { RENDITIONS, bareSharpRenditions, naiveLambda, naiveRenditions } from './contenders';

/**
 * `handler`: the built thumbnail bundle serving S3 events (s3rver); `bare`: sharp in memory, the
 * best way; `naive`: the original Lambda's flow against the same s3rver; `naive-render`: the
 * original's image step alone, in memory.
 */
export type Contender = 'handler' | 'bare' | 'naive' | 'naive-render';
export const CONTENDERS: readonly Contender[] = Object.freeze(['handler', 'bare', 'naive', 'naive-render']);
/** The contenders that read and write S3, so need uploads staged for every image. */
export const S3_CONTENDERS: readonly Contender[] = Object.freeze(['handler', 'naive']);

type ThumbnailHandler = (event: S3Event, context: unknown) => Promise<{ processed: number; rejected: number }>;

export interface RunRequest {
  input: string;
  count: number;
  /** One S3 event per image, for the S3 contenders. */
  events?: S3Event[];
}

/** A process for one contender; `run` processes `count` images in sequence and returns the ms taken. */
export function serveThumbnailWorker(contender: Contender): void {
  const inputs = new Map<string, Buffer>();
  let handler: ThumbnailHandler | undefined;
  let s3: S3Client | undefined;
  const assetsBucket = process.env['ASSETS_BUCKET'] ?? 'assets';

  const serveEvent = async (event: S3Event, input: string) => {
    if (contender === 'handler') {
      if (!handler) throw new Error('handler worker needs load({ bundle })');
      const summary = await handler(event, lambdaContext({ functionName: 'thumbnail' }));
      if (summary.processed !== 1) throw new Error(`handler did not process ${input}: ${JSON.stringify(summary)}`);
    } else {
      s3 ??= new S3Client({ endpoint: process.env['S3_ENDPOINT'], forcePathStyle: true });
      const stored = await naiveLambda(s3, event, assetsBucket);
      if (stored !== RENDITIONS.length) throw new Error(`naive stored ${stored} renditions of ${input}`);
    }
  };
  const render = contender === 'bare' ? bareSharpRenditions : naiveRenditions;

  serveWorker({
    /** Peak RSS of this process so far, in MB (Linux VmHWM). */
    peakRss: async () => {
      const status = readFileSync('/proc/self/status', 'utf8');
      return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? Number.NaN) / 1024;
    },
    load: async ({ files, bundle }: { files: Record<string, string>; bundle: string }) => {
      for (const [name, file] of Object.entries(files)) inputs.set(name, readFileSync(file));
      if (contender === 'handler') handler = (require(bundle) as { handler: ThumbnailHandler }).handler;
      return true;
    },
    run: async ({ input, count, events }: RunRequest) => {
      if (events) {
        const started = performance.now();
        for (const event of events) await serveEvent(event, input);
        return performance.now() - started;
      }
      const bytes = inputs.get(input);
      if (!bytes) throw new Error(`input ${input} was not loaded`);
      const started = performance.now();
      for (let i = 0; i < count; i += 1) {
        const outputs = await render(bytes);
        if (outputs.length !== RENDITIONS.length) throw new Error(`${contender} made ${outputs.length} renditions`);
      }
      return performance.now() - started;
    },
  });
}
