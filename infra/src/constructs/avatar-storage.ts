import { UPLOADS_BUCKET_CORS } from '@cruddur/shared/contract';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface AvatarStorageProps {
  /** Prefix the browser uploads originals under; the only prefix the lifecycle rule expires. */
  readonly uploadsPrefix: string;
  /** Days an unprocessed original may stay in the uploads bucket. */
  readonly uploadRetentionDays: number;
  /** Web origins allowed to PUT directly to the uploads bucket (CORS). */
  readonly webOrigins: readonly string[];
  /** RETAIN outside a dev stage. */
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The three buckets of the pipeline: uploads (short-lived originals), assets (renditions served by
 * the CDN) and the access-log bucket both log to. All block public access, refuse plain HTTP,
 * encrypt at rest and have ACLs disabled (bucket owner enforced).
 */
export class AvatarStorage extends Construct {
  public readonly uploadsBucket: s3.Bucket;
  public readonly assetsBucket: s3.Bucket;
  public readonly accessLogsBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: AvatarStorageProps) {
    super(scope, id);
    const destroy = props.removalPolicy === RemovalPolicy.DESTROY;
    const hardened: s3.BucketProps = {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: props.removalPolicy,
      autoDeleteObjects: destroy,
    };

    this.accessLogsBucket = new s3.Bucket(this, 'AccessLogsBucket', {
      ...hardened,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(90) }],
    });

    this.uploadsBucket = new s3.Bucket(this, 'UploadsBucket', {
      ...hardened,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'uploads/',
      lifecycleRules: [
        {
          id: 'expire-unprocessed-uploads',
          prefix: props.uploadsPrefix,
          expiration: Duration.days(props.uploadRetentionDays),
        },
        { id: 'abort-incomplete-multipart-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      // The contract's rule, which the local stack's S3 front answers with too.
      cors: [
        {
          allowedOrigins: [...props.webOrigins],
          allowedMethods: UPLOADS_BUCKET_CORS.allowedMethods.map((method) => s3.HttpMethods[method]),
          allowedHeaders: [...UPLOADS_BUCKET_CORS.allowedHeaders],
          exposedHeaders: [...UPLOADS_BUCKET_CORS.exposedHeaders],
          maxAge: UPLOADS_BUCKET_CORS.maxAgeSeconds,
        },
      ],
    });

    this.assetsBucket = new s3.Bucket(this, 'AssetsBucket', {
      ...hardened,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'assets/',
      lifecycleRules: [
        { id: 'abort-incomplete-multipart-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });
    // Deleted renditions reach EventBridge, where the profile stack's rule invalidates them on the CDN.
    // Set on the resource itself: CDK's `eventBridgeEnabled` would add a notifications custom resource (a Lambda).
    (this.assetsBucket.node.defaultChild as s3.CfnBucket).notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };
  }
}
