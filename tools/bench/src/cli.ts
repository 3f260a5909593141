import { parseArgs } from 'node:util';

export const SECTIONS = ['faces', 'thumbnail', 'memory', 'heic', 'bundles', 'cold-init', 'authorizer', 'local-load', 'avatar-bytes'] as const;
type SectionName = (typeof SECTIONS)[number];

export interface BenchOptions {
  help: boolean;
  /** Only rewrite RESULTS.md from the results.json in the output folder. */
  render: boolean;
  quick: boolean;
  build: boolean;
  strict: boolean;
  outDir: string;
  only: readonly SectionName[];
  /** Added to every s3rver response the thumbnail contenders get, as a remote S3's round trip. */
  s3LatencyMs: number;
}

/** How much each section measures: `--quick` keeps the whole run under three minutes. */
export interface Effort {
  thumbnailRounds: number;
  thumbnailBatch: number;
  memoryRuns: number;
  coldInitRuns: number;
  authorizerRounds: number;
  authorizerRoundMs: number;
  /** Concurrent upload-URL requests, and concurrent uploads of a 12 MP photo, on the local stack. */
  loadUrlRequests: number;
  loadUploads: number;
  /** Uploads one after another, each timed until visible (upload → visible p50 / p95). */
  loadSequential: number;
}

export const EFFORT: Readonly<Record<'quick' | 'full', Effort>> = Object.freeze({
  quick: { thumbnailRounds: 5, thumbnailBatch: 3, memoryRuns: 1, coldInitRuns: 9, authorizerRounds: 5, authorizerRoundMs: 300, loadUrlRequests: 20, loadUploads: 20, loadSequential: 10 },
  full: { thumbnailRounds: 9, thumbnailBatch: 6, memoryRuns: 3, coldInitRuns: 21, authorizerRounds: 9, authorizerRoundMs: 1000, loadUrlRequests: 50, loadUploads: 20, loadSequential: 20 },
});

export const HELP = `Usage: npm run bench -- [options]

Measures the Lambda functions and prints one table, written to <out>/results.json; <out>/RESULTS.md
is rendered from that file alone (the issue's targets with pass / MISS / not measured, every figure):

  faces       face framing on the labelled set (libs/testing/images/fixtures/face-set): the share
              of avatars holding the whole face with face framing, attention and a centre crop,
              as taken, off-centre and per group; photos without a face; the handler with and
              without the detector (12 MP, warm), the bundle's cold start with it, its bytes
  thumbnail   the real thumbnail handler (built bundle, S3 I/O against s3rver) vs bare sharp
              making the same renditions in memory vs the original's naive pipeline, on
              generated 2/12/24 MP JPEGs (EXIF), a PNG and a WebP: images/s and ratios
  memory      peak RSS of a fresh process handling one 24 MP JPEG; the Lambda size it calls for
  heic        12 MP HEIC against 12 MP JPEG through the thumbnail bundle: ms per image over 20
              consecutive uploads in one process (--quick: 10), first-upload time, peak RSS
  avatar-bytes  bytes and SSIM (ssim.js) of the 512 WebP and JPEG against the original app's
              JPEG q80, on two real photos (tools/bench/fixtures/photos), all against the handler's
              framed square; then per encoder setting the fewest bytes at the original's SSIM
              (--quick: the handler's two settings only)
  bundles     minified bytes of dist/apps/<fn>/index.js
  cold-init   fresh node: load a bundle and serve its first call, above a bare node start
  authorizer  verifications/s with a warm JWKS vs @cruddur/auth/jwt verify alone and raw crypto.verify
  local-load  \`npm start\` in its own process: 20 uploads of a 12 MP JPEG one at a time, each timed
              until every rendition is fetchable (--quick: 10), with its pieces; 50 concurrent
              upload-URL requests (--quick: 20); 20 concurrent uploads of the photo until every
              profile shows its newest, against the same 20 through the handler in a loop; counts of
              failures, stale profiles and problem log lines (target 0)

Ratios compare figures taken in this one run, in interleaved rounds: the machine is shared and
noisy, absolute figures are not comparable between runs.

Options:
  --quick          fewer rounds (under 3 minutes on 2 cores)
  --only <list>    comma-separated sections to run (default: all)
  --no-build       use dist/ as it is instead of running nx run-many -t build first
  --out <dir>      where results.json and RESULTS.md go (default: bench)
  --s3-latency <ms>  hold every s3rver response this long for the S3 contenders, as a
                   remote S3's round trip would (default 0: plain s3rver, as judged)
  --strict         exit 1 when a target is missed
  --render         measure nothing: rewrite <out>/RESULTS.md from <out>/results.json
  -h, --help       show this help`;

/**
 * Parses the command line.
 *
 * @example
 * parseBenchArgs(['--quick', '--only', 'bundles,cold-init']);
 */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    allowNegative: true,
    options: {
      help: { type: 'boolean', short: 'h', default: false },
      render: { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      build: { type: 'boolean', default: true },
      strict: { type: 'boolean', default: false },
      out: { type: 'string', default: 'bench' },
      only: { type: 'string' },
      's3-latency': { type: 'string', default: '0' },
    },
  });
  const only = values.only === undefined ? [...SECTIONS] : values.only.split(',').map((s) => s.trim());
  const unknown = only.filter((section) => !(SECTIONS as readonly string[]).includes(section));
  if (unknown.length > 0) throw new TypeError(`unknown section ${unknown.join(', ')}; expected ${SECTIONS.join(', ')}`);
  const s3LatencyMs = Number(values['s3-latency']);
  if (!Number.isInteger(s3LatencyMs) || s3LatencyMs < 0) throw new TypeError('--s3-latency must be a whole number of ms');
  return {
    help: values.help,
    render: values.render,
    quick: values.quick,
    build: values.build,
    strict: values.strict,
    outDir: values.out,
    only: only as SectionName[],
    s3LatencyMs,
  };
}
