import type { FaceBox } from '@cruddur/shared/contract';

/** Page → face worker: look for faces in this upright picture (transferred, closed by the worker). */
export interface FaceRequest {
  id: number;
  bitmap: ImageBitmap;
}

/** Face worker → page: the faces in the bitmap's pixels and the bitmap's size, or why there are none. */
export type FaceReply = { id: number; faces: FaceBox[]; width: number; height: number } | { id: number; error: string };

/** Where the built site keeps the detector's model and tfjs' WASM binaries (same origin as the page). */
export const FACE_MODEL_PATH = '/face-model/';

