import type * as FaceFinder from '../../src/face-finder';
import type { FaceReply, FaceRequest } from '../../src/face-protocol';

type Listener = (event: { data?: FaceReply; message?: string; preventDefault(): void }) => void;

/** A stand-in for the face worker: `answer` decides what each request gets (nothing: it never answers). */
class FakeWorker {
  static created: FakeWorker[] = [];
  static answer: (request: FaceRequest, worker: FakeWorker) => void = () => undefined;
  readonly listeners = new Map<string, Listener[]>();
  terminated = false;
  constructor(readonly url: string) {
    FakeWorker.created.push(this);
  }
  addEventListener(type: string, listener: Listener) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  postMessage(request: FaceRequest) {
    FakeWorker.answer(request, this);
  }
  emit(type: 'message' | 'error', event: { data?: FaceReply; message?: string }) {
    for (const listener of this.listeners.get(type) ?? []) listener({ ...event, preventDefault: () => undefined });
  }
  terminate() {
    this.terminated = true;
  }
}

const bitmap = { width: 4000, height: 3000, close: jest.fn() };
const photo = new Blob(['not decoded here']);

/** A fresh face-finder module (its worker and its "warned once" are module state). */
function load(): typeof FaceFinder {
  let loaded!: typeof FaceFinder;
  jest.isolateModules(() => {
    loaded = require('../../src/face-finder');
  });
  return loaded;
}

describe('findFaces', () => {
  let warn: jest.SpyInstance;

  beforeEach(() => {
    FakeWorker.created = [];
    FakeWorker.answer = () => undefined;
    Object.assign(globalThis, { Worker: FakeWorker, createImageBitmap: jest.fn(async () => bitmap) });
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });

  afterEach(() => {
    warn.mockRestore();
    jest.useRealTimers();
  });

  it("asks the worker with the upright bitmap and gives its faces in the bitmap's pixels", async () => {
    FakeWorker.answer = (request, worker) =>
      queueMicrotask(() => worker.emit('message', { data: { id: request.id, faces: [{ left: 1, top: 2, width: 3, height: 4 }], width: 4000, height: 3000 } }));
    const { findFaces } = load();
    await expect(findFaces(photo, { workerUrl: '/face-worker-x.js' })).resolves.toEqual({ faces: [{ left: 1, top: 2, width: 3, height: 4 }], width: 4000, height: 3000 });
    expect(createImageBitmap).toHaveBeenCalledWith(photo, { imageOrientation: 'from-image' });
    // The worker stays for the next photo.
    await findFaces(photo, { workerUrl: '/face-worker-x.js' });
    expect(FakeWorker.created).toHaveLength(1);
    expect(FakeWorker.created[0]!.url).toBe('/face-worker-x.js');
    expect(warn).not.toHaveBeenCalled();
  });

  it('is undefined, warned once, when the worker reports a failure (a model answering 404), and starts a new worker next time', async () => {
    FakeWorker.answer = (request, worker) => queueMicrotask(() => worker.emit('message', { data: { id: request.id, error: '/face-model/blazeface.bin answered 404' } }));
    const { findFaces } = load();
    await expect(findFaces(photo, { workerUrl: '/w.js' })).resolves.toBeUndefined();
    await expect(findFaces(photo, { workerUrl: '/w.js' })).resolves.toBeUndefined();
    expect(FakeWorker.created).toHaveLength(2);
    expect(FakeWorker.created[0]!.terminated).toBe(true);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toContain('404');
  });

  it('is undefined when the worker script fails to load or run (an error event)', async () => {
    FakeWorker.answer = (_, worker) => queueMicrotask(() => worker.emit('error', { message: '' }));
    const { findFaces } = load();
    await expect(findFaces(photo, { workerUrl: '/w.js' })).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('gives up on a photo after the timeout instead of hanging, and keeps the worker for the next photo (a slow model download goes on)', async () => {
    jest.useFakeTimers();
    const { findFaces } = load();
    const result = findFaces(photo, { workerUrl: '/w.js', timeoutMs: 10_000 });
    await jest.advanceTimersByTimeAsync(10_000);
    await expect(result).resolves.toBeUndefined();
    expect(FakeWorker.created).toHaveLength(1);
    expect(FakeWorker.created[0]!.terminated).toBe(false);
    expect(warn.mock.calls[0]![0]).toContain('10000 ms');
    // The model has arrived: the next photo is answered by the same worker (at once: fake timers hold microtask queues back).
    FakeWorker.answer = (request, worker) => worker.emit('message', { data: { id: request.id, faces: [], width: 4000, height: 3000 } });
    await expect(findFaces(photo, { workerUrl: '/w.js', timeoutMs: 10_000 })).resolves.toEqual({ faces: [], width: 4000, height: 3000 });
    expect(FakeWorker.created).toHaveLength(1);
  });

  it("a late answer to a photo that gave up is dropped, and answers no other photo", async () => {
    jest.useFakeTimers();
    const requests: { request: FaceRequest; worker: FakeWorker }[] = [];
    FakeWorker.answer = (request, worker) => requests.push({ request, worker });
    const { findFaces } = load();
    const first = findFaces(photo, { workerUrl: '/w.js', timeoutMs: 10_000 });
    await jest.advanceTimersByTimeAsync(10_000);
    await expect(first).resolves.toBeUndefined();
    const second = findFaces(photo, { workerUrl: '/w.js', timeoutMs: 10_000 });
    await jest.advanceTimersByTimeAsync(0);
    const [late, current] = requests;
    late!.worker.emit('message', { data: { id: late!.request.id, faces: [{ left: 1, top: 1, width: 1, height: 1 }], width: 4000, height: 3000 } });
    current!.worker.emit('message', { data: { id: current!.request.id, faces: [], width: 4000, height: 3000 } });
    await expect(second).resolves.toEqual({ faces: [], width: 4000, height: 3000 });
  });

  it('is undefined when the browser cannot make a bitmap of the file, or the worker cannot start', async () => {
    Object.assign(globalThis, { createImageBitmap: jest.fn(async () => Promise.reject(new Error('InvalidStateError'))) });
    const { findFaces } = load();
    await expect(findFaces(photo, { workerUrl: '/w.js' })).resolves.toBeUndefined();
    Object.assign(globalThis, {
      createImageBitmap: jest.fn(async () => bitmap),
      Worker: class {
        constructor() {
          throw new Error('SecurityError: refused by the content security policy');
        }
      },
    });
    await expect(findFaces(photo, { workerUrl: '/w.js' })).resolves.toBeUndefined();
    expect(bitmap.close).toHaveBeenCalled();
  });

  it('is undefined without a worker in the build (an unbundled page)', async () => {
    const { findFaces } = load();
    await expect(findFaces(photo)).resolves.toBeUndefined();
    expect(FakeWorker.created).toHaveLength(0);
  });
});
