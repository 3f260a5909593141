export { FACE_SEARCH_EDGE } from './blazeface';
export { createFaceDetector, type FaceDetector, type FacePixels } from './face-detector';
