import { FUNCTION_COMPONENTS, type SingleFunctionComponent } from '@cruddur/shared/contract';

/**
 * The Lambda functions whose bundles are measured, as named by their Nx projects: the contract's
 * functions that are one Lambda each (the profile bundle, several handlers behind a database, has
 * no budget or cold-start goal here).
 */
export const FUNCTIONS: readonly SingleFunctionComponent[] = Object.freeze(
  FUNCTION_COMPONENTS.filter((fn): fn is SingleFunctionComponent => fn !== 'profile'),
);
export type FunctionName = SingleFunctionComponent;

/** 1 KB = 1000 bytes, as the budgets were written (the presign bundle's "77 KB" is 76 877 bytes). */
export const KB = 1000;

/**
 * Minified bytes of each function's `index.js` (the thumbnail's sharp binaries are not JS). The
 * thumbnail's was 400 KB until it carried powertools' Tracer (the X-Ray SDK, 125 KB) to trace its S3
 * and SNS calls; the authorizer stays at 60 KB by not loading it. 550 KB since the avatar
 * editor: the crop read from metadata, the ThumbHash encoder and the lazy HEIC loader took
 * it to 542.8 KB (libheif's WebAssembly ships beside index.js, not in it). 1 100 KB since face framing:
 * tfjs-core, -converter and -backend-wasm's JavaScript add ~470 KB (BlazeFace and tfjs'
 * WebAssembly, ~1 MB, ship beside index.js in face-model/ and node_modules/; tfjs' node-fetch is left
 * out: Node 22 has fetch, and the model is read from files).
 */
export const BUNDLE_BUDGET_BYTES: Readonly<Record<FunctionName, number>> = Object.freeze({
  authorizer: 60 * KB,
  presign: 400 * KB,
  thumbnail: 1100 * KB,
});

/** Every target the benchmark checks; a ratio is always "this run's A / this run's B". */
export const TARGETS = Object.freeze({
  /** Real handler (s3rver I/O included) over its ceiling: bare sharp in memory plus the raw GET + PUT floor. */
  handlerOverCeiling: 0.9,
  /** Real handler over bare sharp rendering the same outputs in memory: the old target, printed as info. */
  handlerOverBareSharp: 0.85,
  /** Local stack, one 12 MP upload at a time: p50 upload → visible over (PUT + handler time). */
  uploadVisibleOverParts: 1.3,
  /** Local stack: 20 concurrent 12 MP uploads, until all visible, over the same 20 through the handler in a loop. */
  concurrentOverLoop: 1.3,
  /** Fresh process, thumbnail bundle + first 2 MP image, over fresh `require('sharp')` + the same render. */
  thumbnailColdOverBareSharp: 1.25,
  /** Bytes of the 512 WebP / 512 JPEG over the original app's `resize(512, 512)` + JPEG q80, at an SSIM no lower. */
  webpOverOriginalBytes: 0.6,
  jpegOverOriginalBytes: 0.9,
  /** Real handler over the original's pipeline (one full pipeline per rendition), 12 MP JPEG. */
  handlerOverNaive: 2,
  /** Peak RSS of a fresh process running the thumbnail bundle on one 24 MP JPEG. */
  peakRssMb: 350,
  /** Cold init (load the bundle, serve the first call) above a bare `node` start. */
  coldInitAboveFloorMs: Object.freeze({ authorizer: 40, presign: 150 }),
  /** Authorizer handler verifications per second over `@cruddur/auth/jwt` verify alone: what middy and logging cost. */
  authorizerOverVerifier: 0.85,
});

/** Lambda memory sizes worth considering, and how much of the size a peak may take. */
const LAMBDA_MEMORY_SIZES_MB = Object.freeze([512, 768, 1024, 1536, 1769, 2048]);
export const LAMBDA_MEMORY_HEADROOM = 0.7;

/**
 * The smallest Lambda memory size whose `LAMBDA_MEMORY_HEADROOM` share holds the measured peak.
 *
 * @example
 * lambdaMemoryFor(300); // 512: 300 MB is under 70 % of 512 MB
 */
export function lambdaMemoryFor(peakRssMb: number): number | undefined {
  return LAMBDA_MEMORY_SIZES_MB.find((size) => peakRssMb <= size * LAMBDA_MEMORY_HEADROOM);
}
