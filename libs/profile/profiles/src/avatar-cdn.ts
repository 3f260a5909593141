import type { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { avatarRenditionsPrefix, keyToUrlPath } from '@cruddur/storage/s3-keys';

/** The CDN in front of the assets bucket, as far as a removal needs it. */
export interface AvatarCdn {
  /**
   * Drops every cached rendition of `sub` (`/avatars/<sub>/*`). `reference` makes a repeat of the
   * same removal the same request, so a retry never queues a second invalidation.
   */
  invalidateRenditions(sub: string, reference: string): Promise<void>;
}

/** A CloudFront client, or what makes one on first use (the route functions of the bundle never load the SDK otherwise). */
export type CloudFrontClientSource = CloudFrontClient | (() => Promise<CloudFrontClient>);

/**
 * The viewer path that covers every rendition of a user: one wildcard path, so a removal costs one
 * invalidation path whatever the number of sizes and versions.
 *
 * @example
 * renditionsInvalidationPath('u-1'); // '/avatars/u-1/*'
 */
export function renditionsInvalidationPath(sub: string): string {
  return `/${keyToUrlPath(avatarRenditionsPrefix(sub))}*`;
}

/**
 * A CloudFront distribution's cache of avatar renditions: `CreateInvalidation` on one distribution
 * (needs `cloudfront:CreateInvalidation` on that distribution, nothing else). The keys are
 * immutable, so this is the only invalidation the product makes: when a user removes their avatar.
 *
 * @example
 * const cdn = cloudFrontAvatarCdn(new CloudFrontClient({}), process.env.CLOUDFRONT_DISTRIBUTION_ID!);
 * await cdn.invalidateRenditions(sub, removal.removedBefore);
 */
export function cloudFrontAvatarCdn(source: CloudFrontClientSource, distributionId: string): AvatarCdn {
  let client: Promise<CloudFrontClient> | undefined;
  return {
    async invalidateRenditions(sub, reference) {
      client ??= typeof source === 'function' ? source() : Promise.resolve(source);
      const cloudFront = await client;
      // Loaded on first use, like the S3 client: only a removal needs it.
      const { CreateInvalidationCommand } = await import('@aws-sdk/client-cloudfront');
      const path = renditionsInvalidationPath(sub);
      await cloudFront.send(
        new CreateInvalidationCommand({
          DistributionId: distributionId,
          InvalidationBatch: { CallerReference: `avatar-removal ${sub} ${reference}`, Paths: { Quantity: 1, Items: [path] } },
        }),
      );
    },
  };
}
