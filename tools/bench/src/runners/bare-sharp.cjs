// @ts-check
'use strict';
// The bench's reference sharp pipeline, in one place: the bare-sharp contender
// (thumbnail/contenders.ts) and the cold-start floor (lambda-runner.cjs) both render with it.
// Plain CommonJS so the runner can load it without a TypeScript loader; sharp is passed in, so the
// runner times `require('sharp')` on its own.

/** @typedef {typeof import('sharp')} SharpModule */
/** @typedef {import('sharp').Sharp} Sharp */

/**
 * Encodes with the thumbnail Lambda's settings (WebP q80 effort 4; progressive mozjpeg q80 on
 * white), so every contender does the same encoding work.
 *
 * @param {Sharp} image
 * @param {'webp' | 'jpeg'} format
 * @returns {Promise<Buffer>}
 */
function encode(image, format) {
  const encoder =
    format === 'webp'
      ? image.webp({ quality: 80, effort: 4 })
      : image.flatten({ background: { r: 255, g: 255, b: 255 } }).jpeg({ quality: 80, progressive: true, mozjpeg: true });
  return encoder.toBuffer();
}

/**
 * The fastest way found to make the four renditions with sharp directly: one decode (with
 * JPEG/WebP shrink-on-load) to the oriented 512 square framed by attention, as raw pixels, the 128
 * square resized from it once, then all four encodes at the same time. In the order of
 * `RENDITIONS`: 512 WebP, 512 JPEG, 128 WebP, 128 JPEG.
 *
 * @param {SharpModule} sharp
 * @param {Buffer} input
 * @returns {Promise<Buffer[]>}
 */
async function bareSharpRenditions(sharp, input) {
  const { data, info } = await sharp(input, { failOn: 'error', pages: 1 })
    .autoOrient()
    // Framed by content, as the handler frames an upload without a crop: the same work.
    .resize(512, 512, { fit: 'cover', position: sharp.strategy.attention })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const raw = { raw: { width: info.width, height: info.height, channels: info.channels } };
  const small = sharp(data, raw).resize(128, 128, { fit: 'cover' }).raw().toBuffer({ resolveWithObject: true });
  const large = [encode(sharp(data, raw), 'webp'), encode(sharp(data, raw), 'jpeg')];
  const { data: smallData, info: smallInfo } = await small;
  const smallRaw = { raw: { width: smallInfo.width, height: smallInfo.height, channels: smallInfo.channels } };
  return Promise.all([...large, encode(sharp(smallData, smallRaw), 'webp'), encode(sharp(smallData, smallRaw), 'jpeg')]);
}

module.exports = { bareSharpRenditions, encode };
