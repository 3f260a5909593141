import { S3Client } from '@aws-sdk/client-s3';
import { lambdaContext } from '@cruddur/shared/lambda-events';
import type { S3Event } from 'aws-lambda';
import { readFileSync } from 'node:fs';
import http from 'node:http';
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

/**
 * The least any handler spends on S3 for one image against this s3rver: a plain HTTP GET of the
 * upload (no SDK, no signature) read to the end, then a plain PUT of a body as large as the largest
 * rendition. Both are on the handler's critical path (decoding needs the whole upload; the last
 * rendition is put after the last encode), so `bare / (bare + floor)` bounds handler / bare sharp.
 * With `deleteAfter`, a plain DELETE of each upload is timed afterwards, apart (`deleteMs`).
 */
export async function s3FloorMs(endpoint: string, events: readonly S3Event[], putBytes: number, options: { deleteAfter?: boolean } = {}): Promise<{ getPutMs: number; deleteMs: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const body = Buffer.alloc(putBytes, 0x5a);
  const request = (method: 'GET' | 'PUT' | 'DELETE', objectPath: string, payload?: Buffer) =>
    new Promise<void>((resolve, reject) => {
      const url = new URL(objectPath, endpoint);
      const req = http.request(url, { method, agent, headers: payload ? { 'content-length': payload.length } : {} }, (res) => {
        let received = 0;
        res.on('data', (chunk: Buffer) => (received += chunk.length));
        res.on('end', () => {
          if (res.statusCode !== (method === 'DELETE' ? 204 : 200)) reject(new Error(`${method} ${objectPath}: ${res.statusCode}`));
          else if (received !== Number(res.headers['content-length'] ?? 0)) reject(new Error(`${method} ${objectPath}: short body`));
          else resolve();
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${objectPath}: no answer in 30 s`)));
      req.end(payload);
    });
  const encodePath = (...parts: string[]) => `/${parts.flatMap((p) => p.split('/')).map(encodeURIComponent).join('/')}`;
  const uploadPath = (event: S3Event) => {
    const { bucket, object } = event.Records[0]?.s3 ?? {};
    if (!bucket || !object) throw new Error('an S3 event without a record');
    return encodePath(bucket.name, decodeURIComponent(object.key.replace(/\+/g, ' ')));
  };
  try {
    const started = performance.now();
    for (const [index, event] of events.entries()) {
      await request('GET', uploadPath(event));
      await request('PUT', encodePath('assets', 'floor', String(index)), body);
    }
    const getPutMs = performance.now() - started;
    // Apart, and as information only: the handler also deletes each original once it is announced.
    const deleting = performance.now();
    if (options.deleteAfter) for (const event of events) await request('DELETE', uploadPath(event));
    return { getPutMs, deleteMs: options.deleteAfter ? performance.now() - deleting : 0 };
  } finally {
    agent.destroy();
  }
}

type ThumbnailHandler = (event: S3Event, context: unknown) => Promise<{ processed: number; rejected: number }>;

interface RunRequest {
  input: string;
  count: number;
  /** One S3 event per image, for the S3 contenders. */
  events?: S3Event[];
}

/** A process for one contender; `run` processes `count` images in sequence and returns the ms taken. */
export function serveThumbnailWorker(contender: Contender): void {
  const inputs = new Map<string, Buffer>();
  const largestRendition = new Map<string, number>();
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
    /** {@link s3FloorMs} for these staged uploads, the PUT as large as bare sharp's largest rendition. */
    s3Floor: async ({ input, events }: { input: string; events: S3Event[] }) => {
      const bytes = inputs.get(input);
      const endpoint = process.env['S3_ENDPOINT'];
      if (!bytes || !endpoint) throw new Error(`s3Floor needs input ${input} loaded and S3_ENDPOINT`);
      // Once per input: this process is the handler's, and its warm peak RSS is reported.
      let largest = largestRendition.get(input);
      if (largest === undefined) {
        largest = Math.max(...(await bareSharpRenditions(bytes)).map((output) => output.byteLength));
        largestRendition.set(input, largest);
      }
      return s3FloorMs(endpoint, events, largest, { deleteAfter: true });
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
