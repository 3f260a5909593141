import { API_ROUTES, FUNCTION_ENV, routeKey } from '@cruddur/shared/contract';
import { CfnOutput, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { FUNCTION_SIZING, UPLOADS_PREFIX } from '../config';
import { alarmAction } from '../constructs/alarm-action';
import { AvatarFunction } from '../constructs/avatar-function';
import { readSharedParameter } from '../constructs/shared-parameters';
import { functionName } from '../names';
import { suppress, wildcardResourceFinding } from '../nag';
import { removalPolicyOf, type FunctionStackProps } from './avatars-stack-props';

const ENV = FUNCTION_ENV.presign;

/** The presign function: signs a browser upload into the uploads prefix, and may do nothing else. */
export class PresignStack extends Stack {
  public readonly presign: AvatarFunction;

  constructor(scope: Construct, id: string, props: FunctionStackProps) {
    const { config } = props;
    super(scope, id, {
      ...props,
      description: `cruddur avatars (${config.stage}): presigned avatar uploads`,
    });

    const uploadsBucket = s3.Bucket.fromBucketName(
      this,
      'UploadsBucket',
      readSharedParameter(this, config.stage, 'uploadsBucketName'),
    );

    this.presign = new AvatarFunction(this, 'Presign', {
      functionName: functionName(config.stage, 'presign'),
      description: `Answers ${routeKey(API_ROUTES.presignAvatarUpload)} with a presigned S3 upload`,
      assetDir: props.assetDir,
      serviceName: 'presign',
      stage: config.stage,
      logLevel: config.logLevel,
      sizing: FUNCTION_SIZING.presign,
      logRetention: config.logRetention,
      removalPolicy: removalPolicyOf(config),
      alarmAction: alarmAction(this, config),
      environment: {
        [ENV.uploadsBucket]: uploadsBucket.bucketName,
        [ENV.uploadMaxBytes]: String(config.uploadMaxBytes),
        [ENV.uploadUrlExpiresSeconds]: String(config.uploadUrlExpiresSeconds),
        [ENV.allowedOrigins]: config.webOrigins.join(','),
      },
    });

    // A presigned URL carries the signer's rights: exactly PutObject, exactly the uploads prefix.
    const uploadObjects = uploadsBucket.arnForObjects(`${UPLOADS_PREFIX}*`);
    this.presign.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ sid: 'SignUploadsUnderPrefix', actions: ['s3:PutObject'], resources: [uploadObjects] }),
    );

    suppress(this.presign.role, [
      {
        id: wildcardResourceFinding(this, uploadObjects),
        reason: 'Upload keys are derived per user at request time; the grant is limited to the uploads prefix.',
      },
    ]);

    new CfnOutput(this, 'FunctionName', { value: this.presign.function.functionName });
  }
}
