import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import type { Readable } from 'node:stream';
import sharp, { type Sharp } from 'sharp';

/** The renditions every contender produces: the thumbnail Lambda's outputs. */
export const RENDITIONS = Object.freeze([
  { size: 512, format: 'webp', contentType: 'image/webp' },
  { size: 512, format: 'jpeg', contentType: 'image/jpeg' },
  { size: 128, format: 'webp', contentType: 'image/webp' },
  { size: 128, format: 'jpeg', contentType: 'image/jpeg' },
] as const);

// The thumbnail Lambda's encoder settings, so every contender does the same encoding work.
const webp = (image: Sharp) => image.webp({ quality: 80, effort: 4 });
const jpeg = (image: Sharp) =>
  image.flatten({ background: { r: 255, g: 255, b: 255 } }).jpeg({ quality: 80, progressive: true, mozjpeg: true });
const encode = (image: Sharp, format: 'webp' | 'jpeg') => (format === 'webp' ? webp(image) : jpeg(image)).toBuffer();

/**
 * The fastest way found to make the four renditions with sharp directly: one decode (with
 * JPEG/WebP shrink-on-load) to the oriented 512 square framed by attention, as raw pixels, the 128 square resized
 * from it once, then all four encodes at the same time.
 */
export async function bareSharpRenditions(input: Buffer): Promise<Buffer[]> {
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

/**
 * The original Lambda's image step, once per rendition: `sharp(original).resize(size, size)`,
 * encode. sharp still shrinks JPEG and WebP while decoding here (it does whenever a resize follows).
 */
export async function naiveRenditions(input: Buffer): Promise<Buffer[]> {
  const outputs: Buffer[] = [];
  for (const { size, format } of RENDITIONS) outputs.push(await encode(sharp(input).resize(size, size), format));
  return outputs;
}

/**
 * The original Lambda's whole flow, once per rendition: read the upload (chunks collected from
 * the body stream), then for each rendition resize, encode and put, one after another.
 */
export async function naiveLambda(s3: S3Client, event: S3Event, assetsBucket: string): Promise<number> {
  let stored = 0;
  for (const record of event.Records) {
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    const response = await s3.send(new GetObjectCommand({ Bucket: record.s3.bucket.name, Key: key }));
    const chunks: Buffer[] = [];
    for await (const chunk of response.Body as Readable) chunks.push(chunk as Buffer);
    const original = Buffer.concat(chunks);
    for (const { size, format, contentType } of RENDITIONS) {
      const body = await encode(sharp(original).resize(size, size), format);
      await s3.send(
        new PutObjectCommand({ Bucket: assetsBucket, Key: `naive/${key}/${size}.${format}`, Body: body, ContentType: contentType }),
      );
      stored += 1;
    }
  }
  return stored;
}
