import { deflateSync } from 'node:zlib';
// Loaded on first use so that tests which only need Lambda events never load the native module.
async function loadSharp() {
  const { default: sharp } = await import('sharp');
  return sharp;
}

/** Pure red, the colour of the band `photoJpeg({ markLeftEdge: true })` paints. */
export const MARKER_RGB = Object.freeze({ r: 255, g: 0, b: 0 });

/** The first and second frame colours of `animatedGif()` and `animatedWebp()`. */
export const ANIMATION_FRAME_RGB = Object.freeze([
  Object.freeze({ r: 255, g: 0, b: 0 }),
  Object.freeze({ r: 0, g: 0, b: 255 }),
] as const);

/** The colour of the opaque centre of `pngWithAlpha()`; everything around it is fully transparent. */
export const OPAQUE_CENTRE_RGB = Object.freeze({ r: 0, g: 128, b: 0 });

const XMP_PACKET =
  '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>' +
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
  '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Cruddur test camera</dc:creator>' +
  '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>';

/** A JPEG APP13 segment holding a Photoshop IRB with an IPTC caption, which sharp cannot write. */
function iptcSegment(): Buffer {
  const caption = Buffer.from('Cruddur test caption', 'latin1');
  const dataSet = Buffer.concat([Buffer.from([0x1c, 0x02, 0x78, 0x00, caption.length]), caption]);
  const resourceLength = Buffer.alloc(4);
  resourceLength.writeUInt32BE(dataSet.length);
  const payload = Buffer.concat([
    Buffer.from('Photoshop 3.0\0' + '8BIM', 'latin1'),
    Buffer.from([0x04, 0x04, 0x00, 0x00]),
    resourceLength,
    dataSet,
    Buffer.alloc(dataSet.length % 2),
  ]);
  const marker = Buffer.from([0xff, 0xed, 0, 0]);
  marker.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([marker, payload]);
}

export interface PhotoJpegOptions {
  width: number;
  height: number;
  /** Embed EXIF (camera make/model and a GPS position), an XMP packet and an IPTC caption. */
  exif?: boolean;
  /** EXIF Orientation tag, 1–8; also embeds an sRGB ICC profile, as cameras do. */
  orientation?: number;
  /** Paint the left third of the stored pixels `MARKER_RGB`, to prove rotation. */
  markLeftEdge?: boolean;
  quality?: number;
}

/**
 * Photo-like RGB pixels: gradients, a coarse texture and noise, so encoders work as hard as on a
 * photo. A linear congruential generator keeps the bytes deterministic.
 */
function photoPixels(width: number, height: number, markLeftEdge: boolean): Buffer {
  const pixels = Buffer.allocUnsafe(width * height * 3);
  const markerWidth = markLeftEdge ? Math.floor(width / 3) : 0;
  let seed = 0x2545f491;
  let offset = 0;
  for (let y = 0; y < height; y += 1) {
    const vertical = (y * 150) / height;
    for (let x = 0; x < width; x += 1) {
      if (x < markerWidth) {
        pixels[offset] = MARKER_RGB.r;
        pixels[offset + 1] = MARKER_RGB.g;
        pixels[offset + 2] = MARKER_RGB.b;
        offset += 3;
        continue;
      }
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      const noise = seed >>> 27;
      const texture = ((x >> 4) ^ (y >> 4)) & 31;
      pixels[offset] = 40 + ((x * 120) / width + texture + noise);
      pixels[offset + 1] = 30 + vertical + (noise >> 1);
      pixels[offset + 2] = 60 + ((x + y) & 63) + texture + noise;
      offset += 3;
    }
  }
  return pixels;
}

/**
 * A baseline JPEG that compresses like a photo, optionally with camera metadata.
 *
 * @example
 * const upload = await photoJpeg({ width: 4000, height: 3000, exif: true });
 */
export async function photoJpeg(options: PhotoJpegOptions): Promise<Buffer> {
  const { width, height, exif = false, orientation, markLeftEdge = false, quality = 90 } = options;
  const sharp = await loadSharp();
  let image = sharp(photoPixels(width, height, markLeftEdge), { raw: { width, height, channels: 3 } });
  if (orientation !== undefined) image = image.withMetadata({ orientation });
  if (exif) {
    image = image
      .withExif({
        IFD0: { Make: 'Cruddur', Model: 'Test Camera', Copyright: 'Cruddur tests' },
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '51/1 30/1 2628/100',
          GPSLongitudeRef: 'W',
          GPSLongitude: '0/1 7/1 3948/100',
        },
      })
      .withXmp(XMP_PACKET);
  }
  const jpeg = await image.jpeg({ quality }).toBuffer();
  return exif ? Buffer.concat([jpeg.subarray(0, 2), iptcSegment(), jpeg.subarray(2)]) : jpeg;
}

/**
 * A photo-like JPEG stored as CMYK (4 channels), as print workflows export.
 *
 * @example
 * const upload = await cmykJpeg();
 */
export async function cmykJpeg({ width = 320, height = 240 } = {}): Promise<Buffer> {
  const sharp = await loadSharp();
  return sharp(photoPixels(width, height, false), { raw: { width, height, channels: 3 } })
    .toColourspace('cmyk')
    .jpeg({ quality: 90 })
    .toBuffer();
}

/**
 * A 16-bit-per-channel RGB PNG.
 *
 * @example
 * const upload = await png16();
 */
export async function png16({ width = 320, height = 240 } = {}): Promise<Buffer> {
  const sharp = await loadSharp();
  return sharp(photoPixels(width, height, false), { raw: { width, height, channels: 3 } })
    .toColourspace('rgb16')
    .png()
    .toBuffer();
}

/**
 * An RGBA PNG: fully transparent black, with an opaque `OPAQUE_CENTRE_RGB` square in the middle
 * half of each axis.
 *
 * @example
 * const upload = await pngWithAlpha({ width: 400, height: 400 });
 */
export async function pngWithAlpha({ width = 400, height = 400 } = {}): Promise<Buffer> {
  const sharp = await loadSharp();
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = Math.floor(height / 4); y < Math.ceil((height * 3) / 4); y += 1) {
    for (let x = Math.floor(width / 4); x < Math.ceil((width * 3) / 4); x += 1) {
      pixels.set([OPAQUE_CENTRE_RGB.r, OPAQUE_CENTRE_RGB.g, OPAQUE_CENTRE_RGB.b, 255], (y * width + x) * 4);
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 4 } })
    .png()
    .toBuffer();
}

async function animationFrames(width: number, height: number): Promise<Buffer[]> {
  const sharp = await loadSharp();
  return Promise.all(
    ANIMATION_FRAME_RGB.map((background) =>
      sharp({ create: { width, height, channels: 3, background } })
        .png()
        .toBuffer(),
    ),
  );
}

/**
 * A two-frame animated GIF; frame colours are `ANIMATION_FRAME_RGB`.
 *
 * @example
 * const upload = await animatedGif();
 */
export async function animatedGif({ width = 200, height = 200 } = {}): Promise<Buffer> {
  const sharp = await loadSharp();
  const frames = await animationFrames(width, height);
  return sharp(frames, { join: { animated: true } })
    .gif({ delay: 500 })
    .toBuffer();
}

/**
 * A two-frame animated WebP; frame colours are `ANIMATION_FRAME_RGB`.
 *
 * @example
 * const upload = await animatedWebp();
 */
export async function animatedWebp({ width = 200, height = 200 } = {}): Promise<Buffer> {
  const sharp = await loadSharp();
  const frames = await animationFrames(width, height);
  return sharp(frames, { join: { animated: true } })
    .webp({ delay: 500, lossless: true })
    .toBuffer();
}

/**
 * A photo-like lossy WebP.
 *
 * @example
 * const upload = await webpImage({ width: 1600, height: 1200 });
 */
export async function webpImage({ width = 640, height = 480 } = {}): Promise<Buffer> {
  const sharp = await loadSharp();
  return sharp(photoPixels(width, height, false), { raw: { width, height, channels: 3 } })
    .webp({ quality: 85 })
    .toBuffer();
}

/**
 * A photo-like AVIF (AV1 in HEIF, `ftyp` brand `avif`).
 *
 * @example
 * const upload = await avifImage();
 */
export async function avifImage({ width = 320, height = 240 } = {}): Promise<Buffer> {
  const sharp = await loadSharp();
  return sharp(photoPixels(width, height, false), { raw: { width, height, channels: 3 } })
    .avif({ quality: 60, effort: 0 })
    .toBuffer();
}

/**
 * A photo JPEG cut off after `keep` of its bytes (default: half), as an interrupted upload leaves it.
 *
 * @example
 * const upload = await truncatedJpeg();
 */
export async function truncatedJpeg({ width = 640, height = 480, keep = 0.5 } = {}): Promise<Buffer> {
  const whole = await photoJpeg({ width, height });
  return whole.subarray(0, Math.floor(whole.length * keep));
}

function pngChunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * A decompression bomb: a valid, all-black 1-bit greyscale PNG of `width`×`height` pixels
 * (default 20 000 × 20 000 = 400 MP) that weighs well under a megabyte. Encoded by hand, because
 * asking sharp to encode 400 MP takes seconds; call it once per test file.
 *
 * @example
 * const upload = pixelBombPng();
 */
export function pixelBombPng({ width = 20_000, height = 20_000 } = {}): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([1, 0, 0, 0, 0], 8);
  const rowBytes = 1 + Math.ceil(width / 8);
  const scanlines = Buffer.alloc(rowBytes * height);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(scanlines, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A `width`×`height` RGB PNG with a vertical or horizontal gradient along its long side, from
 * black to white, e.g. `stripPng(1, 20000)`; its centre pixel is mid-grey.
 *
 * @example
 * const upload = await stripPng(1, 20_000);
 */
export async function stripPng(width: number, height: number): Promise<Buffer> {
  const sharp = await loadSharp();
  const length = Math.max(width, height);
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const along = width >= height ? x : y;
      pixels.fill(Math.round((along * 255) / Math.max(1, length - 1)), (y * width + x) * 3, (y * width + x + 1) * 3);
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

/**
 * Plain text, as when a user renames `notes.txt` to `avatar.jpg` and uploads it as `image/jpeg`.
 *
 * @example
 * const upload = textFileNamedJpg();
 */
export function textFileNamedJpg(): Buffer {
  return Buffer.from('This is not a picture, only text saved as avatar.jpg.\n', 'utf8');
}

/**
 * A one-page PDF, as when a user renames `scan.pdf` to `avatar.jpg`: a real document (header,
 * objects, cross-reference table), not an image.
 *
 * @example
 * const upload = pdfNamedJpg();
 */
export function pdfNamedJpg(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets = objects.map((object, i) => {
    const offset = body.length;
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/**
 * An HTML page, as a browser saves one when the image link was a web page.
 *
 * @example
 * const upload = htmlDocument();
 */
export function htmlDocument(): Buffer {
  return Buffer.from(
    '<!DOCTYPE html>\n<html><head><title>avatar</title></head><body><img src="x" onerror="alert(1)"></body></html>\n',
    'utf8',
  );
}

/**
 * A small SVG with an XML declaration and a script, which must never be treated as a raster avatar.
 *
 * @example
 * const upload = svgImage();
 */
export function svgImage(): Buffer {
  return Buffer.from(
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
      '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64">' +
      '<script>alert(1)</script><rect width="64" height="64" fill="red"/></svg>\n',
    'utf8',
  );
}

/** The colours of `halvesJpeg()`: its upright picture is red on the left, blue on the right. */
export const HALVES_RGB = Object.freeze({ left: Object.freeze({ r: 255, g: 0, b: 0 }), right: Object.freeze({ r: 0, g: 0, b: 255 }) });

/** Stored-pixel rotation (clockwise) whose EXIF orientation turns it back upright. */
const UPRIGHT_BY_ORIENTATION: Readonly<Record<1 | 6 | 8, number>> = { 1: 0, 6: 270, 8: 90 };

/**
 * A JPEG whose UPRIGHT picture (`width`×`height`) is red on its left half and blue on its right.
 * With `orientation` 6 or 8 the pixels are stored turned, as a phone held sideways stores them,
 * and the EXIF tag turns them back: crop fractions must be of the upright picture.
 *
 * @example
 * const sideways = await halvesJpeg({ width: 600, height: 400, orientation: 6 });
 */
export async function halvesJpeg({ width = 600, height = 400, orientation = 1 }: { width?: number; height?: number; orientation?: 1 | 6 | 8 } = {}): Promise<Buffer> {
  const sharp = await loadSharp();
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const { r, g, b } = x < width / 2 ? HALVES_RGB.left : HALVES_RGB.right;
      pixels.set([r, g, b], (y * width + x) * 3);
    }
  }
  const stored = await sharp(pixels, { raw: { width, height, channels: 3 } }).rotate(UPRIGHT_BY_ORIENTATION[orientation]).raw().toBuffer({ resolveWithObject: true });
  return sharp(stored.data, { raw: { width: stored.info.width, height: stored.info.height, channels: 3 } })
    .withMetadata({ orientation })
    .jpeg({ quality: 95 })
    .toBuffer();
}

/** Where `subjectNearLeftEdgeJpeg()` paints its subject, as fractions of the picture's width. */
export const LEFT_EDGE_SUBJECT = Object.freeze({ left: 0.03, right: 0.23 });

/**
 * A wide (3:1 by default) flat grey picture with one bright, saturated and detailed subject near its
 * left edge, wholly outside the centred square: a centre crop loses it, framing by content keeps it.
 *
 * @example
 * const landscape = await subjectNearLeftEdgeJpeg({ width: 1200, height: 400 });
 */
export async function subjectNearLeftEdgeJpeg({ width = 1200, height = 400 } = {}): Promise<Buffer> {
  const sharp = await loadSharp();
  const pixels = Buffer.alloc(width * height * 3, 128);
  const [from, to] = [Math.floor(LEFT_EDGE_SUBJECT.left * width), Math.ceil(LEFT_EDGE_SUBJECT.right * width)];
  const [top, bottom] = [Math.floor(height * 0.25), Math.ceil(height * 0.75)];
  for (let y = top; y < bottom; y += 1) {
    for (let x = from; x < to; x += 1) {
      // A checkerboard of warm colours: high saturation and high-frequency edges, as attention seeks.
      const on = ((x >> 3) ^ (y >> 3)) & 1;
      pixels.set(on ? [255, 200, 40] : [230, 60, 30], (y * width + x) * 3);
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
}
