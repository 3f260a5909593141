import type { S3Client } from '@aws-sdk/client-s3';
import { avatarRenditionsPrefix, renditionKeyVersion } from '@cruddur/storage/s3-keys';

/** Removes a user's renditions that the profile no longer shows (the assets bucket must not grow forever). */
export interface SupersededRenditions {
  /**
   * Deletes every rendition of `sub` whose version sorts before `current`, the version the profile
   * shows; `current` itself and anything newer (an upload whose message has not arrived yet) stay.
   *
   * @returns the keys it deleted
   */
  prune(sub: string, current: string): Promise<string[]>;
}

/** An S3 client, or what makes one on first use (the route functions of the bundle never load the SDK). */
export type S3ClientSource = S3Client | (() => Promise<S3Client>);

/**
 * Superseded renditions in an S3 bucket: lists the user's prefix and deletes the older versions'
 * objects one by one (needs `s3:ListBucket` on the prefix and `s3:DeleteObject`, nothing else).
 * Repeating it is harmless, so a failed delete is left to the delivery's retry.
 *
 * @example
 * const renditions = s3SupersededRenditions(new S3Client({}), process.env.ASSETS_BUCKET!);
 * await renditions.prune(sub, '1767225600000-9f86d081884c7d65');
 */
export function s3SupersededRenditions(source: S3ClientSource, bucket: string): SupersededRenditions {
  let client: Promise<S3Client> | undefined;
  return {
    async prune(sub, current) {
      client ??= typeof source === 'function' ? source() : Promise.resolve(source);
      const s3 = await client;
      // Loaded on first use: the SDK's module graph would slow every profile function's cold start.
      const { DeleteObjectCommand, ListObjectsV2Command } = await import('@aws-sdk/client-s3');
      const prefix = avatarRenditionsPrefix(sub);
      const superseded: string[] = [];
      let token: string | undefined;
      do {
        const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
        for (const { Key } of page.Contents ?? []) {
          const owner = Key === undefined ? undefined : renditionKeyVersion(Key);
          // Versions are `<13-digit ms>-<hex>`: string order is upload order.
          if (Key !== undefined && owner?.sub === sub && owner.uploadId < current) superseded.push(Key);
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      for (const key of superseded) await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
      return superseded;
    },
  };
}
