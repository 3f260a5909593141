import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { API_ROUTES, routeKey } from '@cruddur/shared/contract';
import type { AvatarsConfig } from './config';

/** One Control Tower rule (by its file name, e.g. `ct-s3-pr-9`) that does not apply here, and why. */
export interface GuardAcknowledgment {
  readonly rule: string;
  readonly reason: string;
}

/**
 * Every Control Tower guard rule this app does not follow, in one place. cfn-guard has no
 * per-resource suppression for these rules, so each is switched off for the whole app: the reason
 * names the resources it was about, and the tests pin those resources' own properties instead.
 *
 * @example
 * Validations.of(app).addPlugins(cfnGuardValidator(config));
 */
export function cfnGuardAcknowledgments(config: Pick<AvatarsConfig, 'assetsDomain' | 'devStage'>): GuardAcknowledgment[] {
  return [
    {
      rule: 'ct-lambda-pr-2',
      reason:
        'The plugin crashes parsing the result for a Lambda permission whose SourceArn is a deploy-time SSM value (profile SNS subscriber); function-stacks/profile tests pin each permission\'s principal and source.',
    },
    {
      rule: 'ct-lambda-pr-3',
      reason:
        'Only the profile functions need a network (the database); the others call public AWS APIs only, and a VPC would need NAT or one endpoint per service. (The plugin also crashes on the profile functions\' SSM-resolved VpcConfig.)',
    },
    { rule: 'ct-cloudwatch-pr-2', reason: 'Logs hold request metadata; logRetentionDays (30 by default) is a deliberate, configurable privacy and cost choice, not 365 days.' },
    { rule: 'ct-cloudwatch-pr-3', reason: 'CloudWatch Logs encrypts every log group at rest; a customer key per log group adds cost and a key policy for no reader this app has.' },
    { rule: 'ct-rds-pr-2', reason: 'Aurora Serverless v2 capacity and connections are alarmed from CloudWatch metrics; enhanced monitoring needs a role with an AWS managed policy.' },
    { rule: 'ct-sqs-pr-1', reason: 'The only queues are the dead-letter queues themselves (thumbnail, avatar processed); a DLQ of a DLQ would hide failures.' },
    { rule: 'ct-cloudfront-pr-1', reason: 'The distribution serves avatars/<key> objects only; there is no root document to serve.' },
    { rule: 'ct-cloudfront-pr-4', reason: 'One S3 origin in one region; origin failover would need a replicated assets bucket, not warranted for avatar thumbnails.' },
    { rule: 'ct-cloudfront-pr-5', reason: 'The rule reads only legacy DistributionConfig.Logging, which needs an ACL-enabled bucket this app forbids (BucketOwnerEnforced); v2 vended-log delivery would not satisfy it either. S3 server access logs cover the origin.' },
    { rule: 'ct-s3-pr-2', reason: 'The access-log bucket is the logging target of the other two buckets (which do log); logging it into itself would loop.' },
    { rule: 'ct-s3-pr-4', reason: 'The uploads bucket\'s ObjectCreated notification is owned by the thumbnail stack (Custom::S3BucketNotifications), so it is not in the storage template; the others need none.' },
    { rule: 'ct-s3-pr-9', reason: 'Object lock would forbid deleting originals (GPS and camera metadata) and superseded renditions, which the product requires.' },
    { rule: 'ct-s3-pr-10', reason: 'SSE-S3 keeps CloudFront OAC reads free of KMS requests and key grants; the objects are public avatars and short-lived uploads.' },
    { rule: 'ct-s3-pr-11', reason: 'Versioning would keep deleted originals (with their metadata) and every superseded rendition, the opposite of the retention design.' },
    { rule: 'ct-apigateway-pr-5', reason: `${routeKey(API_ROUTES.getProfile)} is public by product design (handle, display name, bio, avatar URL); every other route has the authorizer.` },
    ...(config.devStage
      ? [{ rule: 'ct-rds-pr-3', reason: 'A dev stage (devStage=true) is disposable and destroyed with its stack; every other stage has deletion protection.' }]
      : []),
    ...(config.assetsDomain
      ? []
      : [
          { rule: 'ct-cloudfront-pr-6', reason: 'Without assetsDomain the distribution uses the default *.cloudfront.net certificate; setting it brings an ACM certificate.' },
          { rule: 'ct-cloudfront-pr-7', reason: 'SNI is a property of a custom certificate, which only assetsDomain brings.' },
          { rule: 'ct-cloudfront-pr-9', reason: 'The default certificate\'s TLS policy cannot be set; with assetsDomain it is TLSv1.2_2021.' },
        ]),
  ];
}

/** The cdk-validator-cfnguard plugin with its Control Tower rules, minus the acknowledged ones. */
export function cfnGuardValidator(config: Pick<AvatarsConfig, 'assetsDomain' | 'devStage'>): CfnGuardValidator {
  return new CfnGuardValidator({
    controlTowerRulesEnabled: true,
    disabledRules: cfnGuardAcknowledgments(config).map((a) => a.rule),
    // Findings on several templates exceed the 1 MB default and kill cfn-guard with ENOBUFS.
    maxBuffer: 64 * 1024 * 1024,
  });
}
