import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createFaceDetector, type FaceDetector } from '@cruddur/media/faces';
import type { FaceFinder } from './decode-avatar-square';

/** Where the detector's files are: BlazeFace's `blazeface.json` and `.bin`, and tfjs' `tfjs-backend-wasm*.wasm`. */
export interface FaceModelPaths {
  modelDir: string;
  wasmDir: string;
}

/** The folder a Lambda bundle carries the model in, beside its `index.js`. */
const FACE_MODEL_FOLDER = 'face-model';

/** Where tfjs' WASM binaries are, in the workspace and in a bundle (`add-native-deps --copy` puts them there). */
const TFJS_WASM_DIR = 'node_modules/@tensorflow/tfjs-backend-wasm/dist';

/**
 * The detector's files: in a Lambda bundle `<from>/face-model/` and the WASM the build copied into
 * `<from>/node_modules/@tensorflow/tfjs-backend-wasm/dist/`; else the workspace's
 * `libs/media/faces/model/` and its installed `@tensorflow/tfjs-backend-wasm`, found from `from` upwards.
 *
 * @throws {Error} neither is there.
 * @example
 * faceModelPaths(); // { modelDir: '/var/task/face-model', wasmDir: '/var/task/node_modules/@tensorflow/tfjs-backend-wasm/dist' } in Lambda
 */
function faceModelPaths(from: string = __dirname): FaceModelPaths {
  const bundled = path.join(from, FACE_MODEL_FOLDER);
  if (existsSync(path.join(bundled, 'blazeface.json'))) return { modelDir: bundled, wasmDir: path.join(from, TFJS_WASM_DIR) };
  for (let dir = from; ; dir = path.dirname(dir)) {
    const modelDir = path.join(dir, 'libs/media/faces/model');
    if (existsSync(path.join(modelDir, 'blazeface.json'))) {
      return { modelDir, wasmDir: path.join(dir, TFJS_WASM_DIR) };
    }
    if (path.dirname(dir) === dir) throw new Error(`no face model in ${bundled} nor in a workspace above ${from}`);
  }
}

/**
 * A photo whose detection (the model still loading included) has not answered by then is framed by
 * content: a stuck detector must not hold an upload until the function's own timeout (30 s). The first
 * detection waits for the model to load: ~2 s in a cold arm64 Lambda, up to ~8 s under QEMU.
 */
const DETECTION_TIMEOUT_MS = 15_000;

/** Loads the detector from its files and runs it once, so the graph is compiled before the first photo. */
async function loadDetector(paths: FaceModelPaths, minScore: number | undefined): Promise<FaceDetector> {
  const weights = readFileSync(path.join(paths.modelDir, 'blazeface.bin'));
  const detector = await createFaceDetector(
    {
      model: JSON.parse(readFileSync(path.join(paths.modelDir, 'blazeface.json'), 'utf8')),
      weights: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer,
    },
    { wasmPaths: `${paths.wasmDir}${path.sep}`, ...(minScore === undefined ? {} : { minScore }) },
  );
  await detector.detect({ data: new Uint8Array(64 * 64 * 3), width: 64, height: 64, channels: 3 });
  return detector;
}

/**
 * A {@link FaceFinder} on BlazeFace (tfjs WASM, no network), loaded from its files at once, so a
 * Lambda starts loading it during its init rather than in its first event. It never throws: when
 * the model cannot load, a detection fails or takes longer than `timeoutMs` (default
 * {@link DETECTION_TIMEOUT_MS}) it reports the error to `onError` (once per failed load, once per
 * failed or late detection) and finds no face, so the photo is framed by content.
 *
 * @example
 * const findFaces = blazeFaceFinder({ onError: (error) => logger.warn('face detection failed', { error }) });
 * await renderAvatarRenditions(upload, { findFaces });
 */
export function blazeFaceFinder(
  options: { paths?: FaceModelPaths; onError?: (error: unknown) => void; minScore?: number; timeoutMs?: number } = {},
): FaceFinder {
  const report = options.onError ?? (() => undefined);
  const loading = (async () => loadDetector(options.paths ?? faceModelPaths(), options.minScore))();
  // Reported here once, whether or not a photo ever asks.
  const detector = loading.catch((error: unknown) => {
    report(error);
    return undefined;
  });
  const find: FaceFinder = async (photo) => {
    const ready = await detector;
    if (ready === undefined) return [];
    try {
      return await ready.detect({ data: photo.pixels, width: photo.width, height: photo.height, channels: photo.channels });
    } catch (error) {
      report(error);
      return [];
    }
  };
  return faceFinderWithin(find, options.timeoutMs ?? DETECTION_TIMEOUT_MS, report);
}

/**
 * `find`, bounded: an answer later than `timeoutMs` (a model load or a detection that hangs) is
 * reported to `onLate` and counts as no face. A detection already running synchronously in WASM
 * cannot be interrupted; this bounds the waiting, not the work.
 *
 * @example
 * const bounded = faceFinderWithin(findFaces, 15_000, (error) => logger.warn(String(error)));
 */
export function faceFinderWithin(find: FaceFinder, timeoutMs: number, onLate: (error: Error) => void): FaceFinder {
  return async (photo) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), timeoutMs);
    });
    try {
      const faces = await Promise.race([find(photo), late]);
      if (faces !== 'late') return faces;
      onLate(new Error(`face detection did not answer within ${timeoutMs} ms`));
      return [];
    } finally {
      clearTimeout(timer);
    }
  };
}
