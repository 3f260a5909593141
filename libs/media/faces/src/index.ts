export {
  BLAZEFACE_INPUT_SIZE,
  FACE_SEARCH_EDGE,
  TILING_ASPECT,
  blazeFaceAnchors,
  decodeBlazeFace,
  faceTiles,
  keepConfident,
  letterboxOf,
  suppressOverlaps,
  type Confidence,
  type DecodeOptions,
  type DetectedFace,
  type Letterbox,
  type Tile,
} from './blazeface';
export { createFaceDetector, type FaceDetector, type FaceDetectorOptions, type FaceModelFiles, type FacePixels } from './face-detector';
