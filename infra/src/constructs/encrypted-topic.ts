import type { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

export interface EncryptedTopicProps {
  readonly topicName: string;
  readonly description: string;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * An SNS topic encrypted with its own rotating KMS key (the AWS-managed `alias/aws/sns` key
 * cannot be granted to a publisher explicitly) that refuses publishes over plain HTTP.
 */
export class EncryptedTopic extends Construct {
  public readonly topic: sns.Topic;
  public readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: EncryptedTopicProps) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: `Encrypts SNS topic ${props.topicName}`,
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy,
    });
    // Grants on this key only ever for AWS services acting for a principal (Control Tower CT.KMS.PR.3).
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'GrantsOnlyForAwsResources',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['kms:CreateGrant'],
        resources: ['*'],
        conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', {
      topicName: props.topicName,
      displayName: props.description,
      masterKey: this.key,
      enforceSSL: true,
    });
    this.topic.applyRemovalPolicy(props.removalPolicy);
  }
}
