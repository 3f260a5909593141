import type { FoundFaces } from './face-start';
import type { FaceReply, FaceRequest } from './face-protocol';

// The built worker's URL (`/face-worker-<hash>.js`), set by apps/web/scripts/build.mjs; absent unbundled (unit tests).
declare const __FACE_WORKER_URL__: string | undefined;

/** A detection that has not answered by then (model download, WASM start, detection) counts as no face. */
export const FACE_DETECT_TIMEOUT_MS = 10_000;

export interface FindFacesOptions {
  /** The worker script; default: the one the build made. */
  workerUrl?: string;
  timeoutMs?: number;
}

let worker: Worker | undefined;
let nextId = 1;
const waiting = new Map<number, (reply: FaceReply) => void>();
let warned = false;

function warnOnce(reason: string): void {
  if (warned) return;
  warned = true;
  console.warn(`Face detection is unavailable (${reason}); the avatar editor starts on the centred square.`);
}

/** Ends the worker (a hung model load, a failed one) and answers everything it owed with `reason`. */
function dropWorker(reason: string): void {
  worker?.terminate();
  worker = undefined;
  for (const [id, settle] of waiting) settle({ id, error: reason });
  waiting.clear();
}

/** The page's one face worker, started on first use and kept for the next photo (the model stays loaded). */
function faceWorker(url: string): Worker {
  if (worker) return worker;
  const created = new Worker(url, { name: 'faces' });
  created.addEventListener('message', (event: MessageEvent<FaceReply>) => {
    const settle = waiting.get(event.data.id);
    waiting.delete(event.data.id);
    settle?.(event.data);
  });
  created.addEventListener('error', (event) => {
    event.preventDefault();
    if (worker === created) dropWorker(`the face worker failed: ${event.message || 'its script did not load'}`);
  });
  worker = created;
  return created;
}

function ask(url: string, id: number, bitmap: ImageBitmap): Promise<FaceReply> {
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    try {
      faceWorker(url).postMessage({ id, bitmap } satisfies FaceRequest, [bitmap]);
    } catch (failure) {
      waiting.delete(id);
      bitmap.close();
      resolve({ id, error: failure instanceof Error ? failure.message : String(failure) });
    }
  });
}

/**
 * The faces in a photo, found off the main thread by the face worker (loaded on first use from the
 * page's own origin): in the pixels of the upright photo as `createImageBitmap` decodes it (EXIF
 * orientation applied, like the `<img>` the editor shows), with that picture's size. `undefined`
 * when detection is unavailable or fails or takes longer than `timeoutMs`: the caller treats it as
 * no face. It never rejects; the first failure is logged once with `console.warn`.
 *
 * @example
 * const found = await findFaces(file); // { faces: [{ left, top, width, height }], width: 4032, height: 3024 }
 */
export async function findFaces(photo: Blob, options: FindFacesOptions = {}): Promise<FoundFaces | undefined> {
  const url = options.workerUrl ?? (typeof __FACE_WORKER_URL__ === 'string' ? __FACE_WORKER_URL__ : undefined);
  if (url === undefined) {
    warnOnce('the page was built without the face worker');
    return undefined;
  }
  const timeoutMs = options.timeoutMs ?? FACE_DETECT_TIMEOUT_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  try {
    const id = nextId++;
    const detected = (async () => ask(url, id, await createImageBitmap(photo, { imageOrientation: 'from-image' })))();
    const reply = await Promise.race([detected, timedOut]);
    if (reply === 'timeout') {
      // Only this photo gives up: the worker may still be downloading the model, which the next photo then finds loaded.
      waiting.delete(id);
      throw new Error(`no answer within ${timeoutMs} ms`);
    }
    if ('error' in reply) {
      dropWorker(reply.error);
      throw new Error(reply.error);
    }
    return { faces: reply.faces, width: reply.width, height: reply.height };
  } catch (failure) {
    warnOnce(failure instanceof Error ? failure.message : String(failure));
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}
