import type { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { avatarRenditionsPrefix, keyToUrlPath } from '@cruddur/storage/s3-keys';

/** The CDN in front of the assets bucket, as far as deleted renditions need it. */
export interface AvatarCdn {
  /**
   * Drops every cached rendition of one avatar version (`/avatars/<sub>/<version>/*`). A repeat for
   * the same version is the same request (its caller reference), so the several deletions of one
   * version and their retries make one invalidation.
   */
  invalidateVersion(sub: string, version: string): Promise<void>;
}

/** A CloudFront client, or what makes one on first use. */
export type CloudFrontClientSource = CloudFrontClient | (() => Promise<CloudFrontClient>);

/**
 * The viewer path that covers every rendition of one avatar version: one wildcard path, so a
 * version costs one invalidation path whatever the number of sizes and formats.
 *
 * @example
 * versionInvalidationPath('u-1', '1767225600000-9f86d081884c7d65'); // '/avatars/u-1/1767225600000-9f86d081884c7d65/*'
 */
function versionInvalidationPath(sub: string, version: string): string {
  return `/${keyToUrlPath(`${avatarRenditionsPrefix(sub)}${version}/`)}*`;
}

/**
 * A CloudFront distribution's cache of avatar renditions: `CreateInvalidation` on one distribution
 * (needs `cloudfront:CreateInvalidation` on that distribution, nothing else). Rendition keys are
 * immutable, so only deleted ones (a removal, a superseded version) are ever invalidated.
 *
 * @example
 * const cdn = cloudFrontAvatarCdn(new CloudFrontClient({}), process.env.CLOUDFRONT_DISTRIBUTION_ID!);
 * await cdn.invalidateVersion(sub, version);
 */
export function cloudFrontAvatarCdn(source: CloudFrontClientSource, distributionId: string): AvatarCdn {
  let client: Promise<CloudFrontClient> | undefined;
  return {
    async invalidateVersion(sub, version) {
      client ??= typeof source === 'function' ? source() : Promise.resolve(source);
      const cloudFront = await client;
      const { CreateInvalidationCommand } = await import('@aws-sdk/client-cloudfront');
      await cloudFront.send(
        new CreateInvalidationCommand({
          DistributionId: distributionId,
          InvalidationBatch: { CallerReference: `deleted ${sub}/${version}`, Paths: { Quantity: 1, Items: [versionInvalidationPath(sub, version)] } },
        }),
      );
    },
  };
}
