export { AVATAR_FORMATS, type AvatarRendition } from './avatar-rendition';
export {
  FACE_SEARCH_EDGE,
  decodeAvatarSquare,
  frameAvatar,
  type AvatarFramingChoice,
  type FaceFinder,
} from './decode-avatar-square';
export { blazeFaceFinder } from './face-finder';
export { CorruptImageError, ImageError, ImageTooLargeError, UnsupportedImageError } from './errors';
export { IMAGE_CONTENT_TYPES, imageTypeFromContentType } from './image-type';
export { renderAvatarRenditions, startAvatarRendering } from './render-avatar';
export { DEFAULT_AVATAR_SIZES, DEFAULT_MAX_INPUT_PIXELS } from './render-options';
