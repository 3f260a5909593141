import { ListSubscriptionsByTopicCommand, type SNSClient } from '@aws-sdk/client-sns';
import { GetParametersCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { GetQueueAttributesCommand, GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { StageDirectory } from './target';

/** One subscription of a topic, as SNS lists it. */
interface TopicSubscription {
  readonly protocol: string;
  readonly endpoint: string;
  /** `PendingConfirmation` until the endpoint confirmed (never for Lambda). */
  readonly subscriptionArn: string;
}

/** The messages of a queue, as SQS approximates them. */
interface QueueDepth {
  readonly visible: number;
  readonly inFlight: number;
}

/** What the AWS-only checks read from a stage; the SDK implementation is `awsStageProbe`. */
export interface StageProbe {
  topicSubscriptions(topicArn: string): Promise<TopicSubscription[]>;
  queueDepth(queueUrl: string): Promise<QueueDepth>;
}

/**
 * The stage's SNS topic and SQS queue through the SDK; the clients carry region, credentials and
 * (for tests or other partitions) the endpoint.
 *
 * @example
 * awsStageProbe(new SNSClient({ region: 'eu-west-1' }), new SQSClient({ region: 'eu-west-1' }));
 */
export function awsStageProbe(sns: SNSClient, sqs: SQSClient): StageProbe {
  return {
    async topicSubscriptions(topicArn) {
      const found: TopicSubscription[] = [];
      let nextToken: string | undefined;
      do {
        const page = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn, NextToken: nextToken }));
        for (const s of page.Subscriptions ?? []) {
          found.push({ protocol: s.Protocol ?? '', endpoint: s.Endpoint ?? '', subscriptionArn: s.SubscriptionArn ?? '' });
        }
        nextToken = page.NextToken;
      } while (nextToken);
      return found;
    },
    async queueDepth(queueUrl) {
      const { Attributes = {} } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
      );
      return { visible: Number(Attributes.ApproximateNumberOfMessages ?? 0), inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0) };
    },
  };
}

/**
 * SSM parameters and SQS queue URLs through the SDK, for `--from-ssm`.
 *
 * @example
 * awsStageDirectory(new SSMClient({ region: 'eu-west-1' }), new SQSClient({ region: 'eu-west-1' }));
 */
export function awsStageDirectory(ssm: SSMClient, sqs: SQSClient): StageDirectory {
  return {
    async parameters(names) {
      const found: Record<string, string> = {};
      // GetParameters takes at most 10 names a call.
      for (let i = 0; i < names.length; i += 10) {
        const { Parameters = [] } = await ssm.send(new GetParametersCommand({ Names: names.slice(i, i + 10) }));
        for (const p of Parameters) if (p.Name && p.Value !== undefined) found[p.Name] = p.Value;
      }
      return found;
    },
    async queueUrl(queueName) {
      const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
      if (!QueueUrl) throw new Error('SQS answered without a queue URL');
      return QueueUrl;
    },
  };
}
