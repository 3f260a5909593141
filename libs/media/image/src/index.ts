export { AVATAR_BACKGROUND, type AvatarFormat, type AvatarRendition } from './avatar-rendition';
export {
  FACE_SEARCH_EDGE,
  decodeAvatarSquare,
  frameAvatar,
  type AvatarFraming,
  type AvatarFramingChoice,
  type FaceFinder,
  type RawImage,
} from './decode-avatar-square';
export { DETECTION_TIMEOUT_MS, blazeFaceFinder, faceFinderWithin, faceModelPaths, type FaceModelPaths } from './face-finder';
export { detectImageType } from './detect-image-type';
export { CorruptImageError, HeifResourceError, ImageError, ImageTooLargeError, UnsupportedImageError } from './errors';
export { IMAGE_CONTENT_TYPES, imageTypeFromContentType, type ImageType } from './image-type';
export { PLACEHOLDER_INPUT_EDGE, avatarPlaceholder } from './avatar-placeholder';
export { renderAvatarRenditions, startAvatarRendering, startAvatarRenditions, type AvatarRendering } from './render-avatar';
export {
  DEFAULT_AVATAR_SIZES,
  DEFAULT_MAX_INPUT_PIXELS,
  MAX_AVATAR_SIZE,
  type RenderAvatarOptions,
} from './render-options';
