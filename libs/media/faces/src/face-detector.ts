import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { BLAZEFACE_INPUT_SIZE, blazeFaceAnchors, decodeBlazeFace, faceTiles, keepConfident, letterboxOf, suppressOverlaps, type DetectedFace } from './blazeface';

/** Pixels to look for faces in: 8 bits per channel, row by row, RGB or RGBA (alpha ignored). */
export interface FacePixels {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
  channels: 3 | 4;
}

/** The BlazeFace graph model, as its two files hold it. */
export interface FaceModelFiles {
  /** `blazeface.json`, parsed. */
  model: tf.io.ModelJSON;
  /** `blazeface.bin`. */
  weights: ArrayBuffer;
}

/** What {@link createFaceDetector} needs besides the model. */
export interface FaceDetectorOptions {
  /**
   * Where tfjs' WASM binaries are (`tfjs-backend-wasm*.wasm`): a folder path with a trailing slash
   * in Node, a URL prefix of the page's own origin in a browser. Never a CDN.
   */
  wasmPaths: string;
  /** Faces below this confidence are not reported (default 0.7: on the evaluation set it holds as many faces as 0.6 with fewer false ones). */
  minScore?: number;
}

/** Finds faces in a photo. */
export interface FaceDetector {
  /**
   * The faces in `pixels`, in its pixel coordinates, most confident first; `[]` when there is none.
   * Give it the photo downscaled (the model sees 256×256; a long side of 512 to 1024 loses nothing).
   */
  detect(pixels: FacePixels): Promise<DetectedFace[]>;
}

const MAX_OVERLAP = 0.3;
/** A less sure face counts beside a sure one of about its size (see `keepConfident`): a group's turned faces. */
const COMPANION_SCORE = 0.5;
const COMPANION_SIZE = 0.6;
/**
 * When the look at the whole photo finds no face at least this share of its shorter side high,
 * it looks again, closer, in tiles (`faceTiles`): small faces (a group, a wide shot) are missed
 * at the whole photo's scale, and only then is the extra time spent.
 */
const CLOSE_LOOK_BELOW = 0.15;
const DEFAULT_MIN_SCORE = 0.7;

let backend: Promise<void> | undefined;

type ProcessEvent = 'uncaughtException' | 'unhandledRejection';
const PROCESS_EVENTS: readonly ProcessEvent[] = ['uncaughtException', 'unhandledRejection'];
type Listener = (...args: unknown[]) => void;
type NodeProcess = { listeners(event: ProcessEvent): Listener[]; removeListener(event: ProcessEvent, listener: Listener): void };
/** Node's `process`, or undefined in a browser or a worker. */
const nodeProcess = (): NodeProcess | undefined => {
  const candidate = (globalThis as { process?: Partial<NodeProcess> }).process;
  return typeof candidate?.listeners === 'function' && typeof candidate.removeListener === 'function' ? (candidate as NodeProcess) : undefined;
};

function processListeners(): Map<ProcessEvent, Listener[]> {
  const process = nodeProcess();
  return new Map(PROCESS_EVENTS.map((event) => [event, process ? process.listeners(event) : []]));
}

function removeListenersAddedSince(before: Map<ProcessEvent, Listener[]>): void {
  const process = nodeProcess();
  if (!process) return;
  for (const event of PROCESS_EVENTS) {
    const earlier = before.get(event) ?? [];
    for (const listener of process.listeners(event)) if (!earlier.includes(listener)) process.removeListener(event, listener);
  }
}

/** Selects tfjs' WASM backend once per process (tfjs' engine is global). */
function useWasmBackend(wasmPaths: string): Promise<void> {
  backend ??= (async () => {
    // Multi-threaded WASM needs cross-origin isolation in a browser and workers in Node: one thread is enough.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    setWasmPaths(wasmPaths);
    // In Node, tfjs' Emscripten glue adds process handlers that rethrow any uncaught exception or
    // unhandled rejection (exit 7): in Lambda that would hide the runtime's own error report.
    const before = processListeners();
    try {
      if (!(await tf.setBackend('wasm'))) throw new Error(`tfjs' WASM backend did not start from ${wasmPaths}`);
      await tf.ready();
    } finally {
      removeListenersAddedSince(before);
    }
  })();
  return backend;
}

/**
 * A BlazeFace (MediaPipe's back-camera model, 256 px; Apache-2.0) detector on tfjs' WASM backend, the same in a
 * browser and in Lambda, with no network: the model comes from the caller's files and the WASM from
 * `wasmPaths`. The first call to `detect` compiles the graph (the slow part of a cold start), so
 * create it during initialisation and warm it with one detection there.
 *
 * @example
 * const detector = await createFaceDetector({ model, weights }, { wasmPaths: '/face-model/' });
 * const faces = await detector.detect({ data, width, height, channels: 4 });
 */
export async function createFaceDetector(files: FaceModelFiles, options: FaceDetectorOptions): Promise<FaceDetector> {
  await useWasmBackend(options.wasmPaths);
  const { modelTopology, weightsManifest, format, generatedBy, convertedBy } = files.model;
  const graph: GraphModel = await loadGraphModel(
    tf.io.fromMemory({
      modelTopology,
      format,
      generatedBy,
      convertedBy,
      weightSpecs: weightsManifest.flatMap((group) => group.weights),
      weightData: files.weights,
    }),
  );
  const anchors = blazeFaceAnchors();
  const minScore = options.minScore ?? DEFAULT_MIN_SCORE;
  const confidence = { minScore, companionScore: Math.min(minScore, COMPANION_SCORE), companionSize: COMPANION_SIZE };

  /** The faces in one region of the image, in the region's pixels. */
  async function detectIn(image: tf.Tensor3D, region: { left: number; top: number; width: number; height: number }): Promise<DetectedFace[]> {
    const { width, height } = region;
    const letterbox = letterboxOf(width, height);
    const resizedWidth = Math.max(1, Math.round(width * letterbox.scale));
    const resizedHeight = Math.max(1, Math.round(height * letterbox.scale));
    const padX = Math.floor((BLAZEFACE_INPUT_SIZE - resizedWidth) / 2);
    const padY = Math.floor((BLAZEFACE_INPUT_SIZE - resizedHeight) / 2);
    const output = tf.tidy(() => {
      const part = tf.slice(image, [region.top, region.left, 0], [height, width, 3]);
      const resized = tf.image.resizeBilinear(part, [resizedHeight, resizedWidth]);
      const padded = tf.pad(resized, [
        [padY, BLAZEFACE_INPUT_SIZE - padY - resizedHeight],
        [padX, BLAZEFACE_INPUT_SIZE - padX - resizedWidth],
        [0, 0],
      ]);
      const input = tf.expandDims(tf.sub(tf.div(padded, 127.5), 1), 0);
      // Four outputs: scores and boxes for the 512 fine anchors, then the 384 coarse ones.
      const outputs = [...(graph.execute(input) as tf.Tensor[])].sort((a, b) => a.size - b.size);
      const [coarseScores, fineScores, coarseBoxes, fineBoxes] = outputs as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
      return tf.concat([tf.concat([fineScores, fineBoxes], 2), tf.concat([coarseScores, coarseBoxes], 2)], 1);
    });
    try {
      // The letterbox actually used: the rounded size of the resized region, and whole-pixel padding.
      const placed = { scale: resizedWidth / width, scaleY: resizedHeight / height, padX, padY };
      return decodeBlazeFace(await output.data(), anchors, { minScore: confidence.companionScore, maxOverlap: MAX_OVERLAP, letterbox: placed, width, height });
    } finally {
      output.dispose();
    }
  }

  return {
    async detect(pixels) {
      const { width, height, channels } = pixels;
      if (!(width > 0 && height > 0) || pixels.data.length < width * height * channels) return [];
      const bytes = new Uint8Array(pixels.data.buffer, pixels.data.byteOffset, width * height * channels);
      const image = tf.tidy(() => {
        const all = tf.tensor3d(bytes, [height, width, channels], 'int32');
        return channels === 4 ? tf.slice(all, [0, 0, 0], [height, width, 3]) : all;
      });
      try {
        const found = await detectIn(image as tf.Tensor3D, { left: 0, top: 0, width, height });
        // A sure face this large is well inside what the whole look finds: no closer look is needed.
        const large = (face: DetectedFace) => face.height >= CLOSE_LOOK_BELOW * Math.min(width, height);
        if (!keepConfident(found, confidence).some(large)) {
          for (const tile of faceTiles(width, height)) {
            const faces = await detectIn(image as tf.Tensor3D, { left: tile.left, top: tile.top, width: tile.side, height: tile.side });
            found.push(...faces.map((face) => ({ ...face, left: face.left + tile.left, top: face.top + tile.top })));
          }
        }
        return keepConfident(suppressOverlaps(found, MAX_OVERLAP), confidence);
      } finally {
        image.dispose();
      }
    },
  };
}
