export { BLAZEFACE_INPUT_SIZE, blazeFaceAnchors, decodeBlazeFace, letterboxOf, type DecodeOptions, type DetectedFace, type Letterbox } from './blazeface';
export { createFaceDetector, type FaceDetector, type FaceDetectorOptions, type FaceModelFiles, type FacePixels } from './face-detector';
