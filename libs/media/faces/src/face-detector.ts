import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { BLAZEFACE_INPUT_SIZE, blazeFaceAnchors, decodeBlazeFace, letterboxOf, type DetectedFace } from './blazeface';

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
  /** Faces below this confidence are not reported (default 0.6). */
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
const DEFAULT_MIN_SCORE = 0.6;

let backend: Promise<void> | undefined;

/** Selects tfjs' WASM backend once per process (tfjs' engine is global). */
function useWasmBackend(wasmPaths: string): Promise<void> {
  backend ??= (async () => {
    // Multi-threaded WASM needs cross-origin isolation in a browser and workers in Node: one thread is enough.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    setWasmPaths(wasmPaths);
    if (!(await tf.setBackend('wasm'))) throw new Error(`tfjs' WASM backend did not start from ${wasmPaths}`);
    await tf.ready();
  })();
  return backend;
}

/**
 * A BlazeFace (full range, MediaPipe; Apache-2.0) detector on tfjs' WASM backend, the same in a
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
  return {
    async detect(pixels) {
      const { width, height, channels } = pixels;
      if (!(width > 0 && height > 0) || pixels.data.length < width * height * channels) return [];
      const letterbox = letterboxOf(width, height);
      const output = tf.tidy(() => {
        const bytes = new Uint8Array(pixels.data.buffer, pixels.data.byteOffset, width * height * channels);
        const image = tf.tensor3d(bytes, [height, width, channels], 'int32');
        const rgb = channels === 4 ? tf.slice(image, [0, 0, 0], [height, width, 3]) : image;
        const resized = tf.image.resizeBilinear(rgb as tf.Tensor3D, [Math.round(height * letterbox.scale) || 1, Math.round(width * letterbox.scale) || 1]);
        const padded = tf.pad(resized, [
          [Math.floor(letterbox.padY), BLAZEFACE_INPUT_SIZE - Math.floor(letterbox.padY) - resized.shape[0]],
          [Math.floor(letterbox.padX), BLAZEFACE_INPUT_SIZE - Math.floor(letterbox.padX) - resized.shape[1]],
          [0, 0],
        ]);
        const input = tf.expandDims(tf.sub(tf.div(padded, 127.5), 1), 0);
        // Four outputs: scores and boxes for the 512 fine anchors, then the 384 coarse ones.
        const outputs = [...(graph.execute(input) as tf.Tensor[])].sort((a, b) => a.size - b.size);
        const [coarseScores, fineScores, coarseBoxes, fineBoxes] = outputs as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
        return tf.concat([tf.concat([fineScores, fineBoxes], 2), tf.concat([coarseScores, coarseBoxes], 2)], 1);
      });
      try {
        const placed = { ...letterbox, padX: Math.floor(letterbox.padX), padY: Math.floor(letterbox.padY) };
        // Letterbox the scale actually used: the rounded size of the resized photo.
        const scale = Math.round(width * letterbox.scale) / width;
        return decodeBlazeFace(await output.data(), anchors, { minScore, maxOverlap: MAX_OVERLAP, letterbox: { ...placed, scale }, width, height });
      } finally {
        output.dispose();
      }
    },
  };
}
