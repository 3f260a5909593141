// The face detector's worker: bundled on its own (apps/web/scripts/build.mjs), so tfjs and the
// model load only when an editor opens, and detection never blocks the page's main thread.
import { FACE_SEARCH_EDGE, createFaceDetector, type FaceDetector } from '@cruddur/media/faces';
import { FACE_MODEL_PATH, type FaceReply, type FaceRequest } from './face-protocol';

// The DOM lib types `self` as a Window; in a dedicated worker it posts to the page.
const scope = self as unknown as { postMessage(reply: FaceReply): void; addEventListener(type: 'message', listener: (event: MessageEvent<FaceRequest>) => void): void };

let detector: Promise<FaceDetector> | undefined;

async function download(file: string): Promise<Response> {
  const response = await fetch(`${FACE_MODEL_PATH}${file}`);
  if (!response.ok) throw new Error(`${FACE_MODEL_PATH}${file} answered ${response.status}`);
  return response;
}

/** The detector, created once per worker: the model from the page's own origin, tfjs' WASM beside it. */
function faceDetector(): Promise<FaceDetector> {
  detector ??= (async () => {
    const [model, weights] = await Promise.all([download('blazeface.json').then((r) => r.json()), download('blazeface.bin').then((r) => r.arrayBuffer())]);
    return createFaceDetector({ model, weights }, { wasmPaths: FACE_MODEL_PATH });
  })();
  return detector;
}

/** The bitmap's RGBA pixels, shrunk so its long side is at most {@link FACE_SEARCH_EDGE} (the Lambda's copy is as long). */
function pixelsOf(bitmap: ImageBitmap): ImageData {
  const scale = Math.min(1, FACE_SEARCH_EDGE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const context = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('no 2D context on an OffscreenCanvas');
  context.drawImage(bitmap, 0, 0, width, height);
  return context.getImageData(0, 0, width, height);
}

scope.addEventListener('message', (event) => {
  const { id, bitmap } = event.data;
  void (async () => {
    try {
      const found = await faceDetector();
      const pixels = pixelsOf(bitmap);
      const faces = await found.detect({ data: pixels.data, width: pixels.width, height: pixels.height, channels: 4 });
      // Back in the bitmap's pixels: the page maps them onto the photo it shows.
      const sx = bitmap.width / pixels.width;
      const sy = bitmap.height / pixels.height;
      scope.postMessage({
        id,
        faces: faces.map((face) => ({ left: face.left * sx, top: face.top * sy, width: face.width * sx, height: face.height * sy })),
        width: bitmap.width,
        height: bitmap.height,
      });
    } catch (failure) {
      // A failed model load stays failed in this worker: the page drops it and starts a new one next time.
      scope.postMessage({ id, error: failure instanceof Error ? failure.message : String(failure) });
    } finally {
      bitmap.close();
    }
  })();
});
