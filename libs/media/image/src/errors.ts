/**
 * Base class of every error this library throws about the image it was given; callers can map
 * the whole family to one "bad upload" outcome and the subclasses to specific messages.
 */
export class ImageError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ImageError';
  }
}

/** The bytes are not a raster image we accept (JPEG, PNG, WebP, GIF, AVIF, TIFF or HEIC/HEIF). */
export class UnsupportedImageError extends ImageError {
  public constructor(
    message = 'Expected a JPEG, PNG, WebP, GIF, AVIF, TIFF or HEIC/HEIF image',
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'UnsupportedImageError';
  }
}

/** The bytes start like a supported image but cannot be decoded: truncated or damaged. */
export class CorruptImageError extends ImageError {
  public constructor(message = 'Expected a complete, undamaged image', options?: ErrorOptions) {
    super(message, options);
    this.name = 'CorruptImageError';
  }
}

/** The image declares more pixels than we are willing to decode (a decompression bomb). */
export class ImageTooLargeError extends ImageError {
  public constructor(message = 'Expected an image with fewer pixels', options?: ErrorOptions) {
    super(message, options);
    this.name = 'ImageTooLargeError';
  }
}

/**
 * The HEIF decoder ran out of memory: the machine's failure, not the image's. Deliberately not an
 * `ImageError`, so the upload is not rejected and the event is retried.
 */
export class HeifResourceError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'HeifResourceError';
  }
}
