import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import type { Readable } from 'node:stream';
import sharp from 'sharp';
import { bareSharpRenditions as renderBareSharp, encode } from '../runners/bare-sharp.cjs';

/** The renditions every contender produces: the thumbnail Lambda's outputs. */
export const RENDITIONS = Object.freeze([
  { size: 512, format: 'webp', contentType: 'image/webp' },
  { size: 512, format: 'jpeg', contentType: 'image/jpeg' },
  { size: 128, format: 'webp', contentType: 'image/webp' },
  { size: 128, format: 'jpeg', contentType: 'image/jpeg' },
] as const);

/**
 * The bare-sharp contender: the reference pipeline in `runners/bare-sharp.cjs`, which the
 * cold-start floor (`lambda-runner.cjs`) renders with too.
 */
export function bareSharpRenditions(input: Buffer): Promise<Buffer[]> {
  return renderBareSharp(sharp, input);
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
