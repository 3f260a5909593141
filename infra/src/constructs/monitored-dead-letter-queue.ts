import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface MonitoredDeadLetterQueueProps {
  readonly queueName: string;
  /** Notified when a message lands in the queue; absent: the alarm is only visible in CloudWatch. */
  readonly alarmTopicArn?: string;
  readonly removalPolicy: RemovalPolicy;
}

/** An encrypted, TLS-only dead-letter queue that alarms as soon as it holds a message. */
export class MonitoredDeadLetterQueue extends Construct {
  public readonly queue: sqs.Queue;
  public readonly depthAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: MonitoredDeadLetterQueueProps) {
    super(scope, id);
    this.queue = new sqs.Queue(this, 'Queue', {
      queueName: props.queueName,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: props.removalPolicy,
    });

    this.depthAlarm = this.queue
      .metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: cloudwatch.Stats.MAXIMUM })
      .createAlarm(this, 'DepthAlarm', {
        alarmName: `${props.queueName}-not-empty`,
        alarmDescription: `Failed events are waiting in ${props.queueName}: inspect and redrive them`,
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    if (props.alarmTopicArn) {
      this.depthAlarm.addAlarmAction(new actions.SnsAction(sns.Topic.fromTopicArn(this, 'AlarmTopic', props.alarmTopicArn)));
    }
  }
}
