import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type * as s3 from 'aws-cdk-lib/aws-s3';

/**
 * An S3 REST origin reached through an Origin Access Control. Unlike
 * `S3BucketOrigin.withOriginAccessControl`, it leaves the bucket policy to the caller, so the
 * distribution can be granted one prefix instead of `bucket/*`.
 */
export class OacS3Origin extends cloudfront.OriginBase {
  constructor(bucket: s3.IBucket, originAccessControlId: string) {
    super(bucket.bucketRegionalDomainName, { originAccessControlId });
  }

  protected override renderS3OriginConfig(): cloudfront.CfnDistribution.S3OriginConfigProperty {
    // Empty identity: CloudFront signs with the OAC, not a legacy OAI.
    return { originAccessIdentity: '' };
  }
}
