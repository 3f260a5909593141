import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DEAD_LETTER_RETENTION_DAYS } from '../config';
import { suppress } from '../nag';
import { alarmAbove } from './alarm-action';

/** How long a dead-letter queue keeps a failed event: the window in which `tools/redrive` can replay it. */
const DEAD_LETTER_RETENTION = Duration.days(DEAD_LETTER_RETENTION_DAYS);
/** A failed event older than this is alarmed again: a third of the replay window is left. */
const DEAD_LETTER_AGE_ALARM = Duration.days(10);

export interface MonitoredDeadLetterQueueProps {
  readonly queueName: string;
  /** Notified when a message lands in the queue and when one gets old. */
  readonly alarmAction: cloudwatch.IAlarmAction;
  readonly removalPolicy: RemovalPolicy;
}

/** An encrypted, TLS-only dead-letter queue that alarms as soon as it holds a message, and when one nears expiry. */
export class MonitoredDeadLetterQueue extends Construct {
  public readonly queue: sqs.Queue;
  public readonly depthAlarm: cloudwatch.Alarm;
  public readonly ageAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: MonitoredDeadLetterQueueProps) {
    super(scope, id);
    this.queue = new sqs.Queue(this, 'Queue', {
      queueName: props.queueName,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: DEAD_LETTER_RETENTION,
      removalPolicy: props.removalPolicy,
    });
    suppress(this.queue, [
      { id: 'Serverless-SQSRedrivePolicy', reason: 'This queue is itself a dead-letter queue; a redrive policy on it would move failures out of sight.' },
    ]);

    this.depthAlarm = alarmAbove(
      this,
      'DepthAlarm',
      this.queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: cloudwatch.Stats.MAXIMUM }),
      {
        alarmName: `${props.queueName}-not-empty`,
        description: `Failed events are waiting in ${props.queueName}: inspect and redrive them (tools/redrive)`,
        threshold: 0,
        action: props.alarmAction,
      },
    );
    this.ageAlarm = alarmAbove(
      this,
      'AgeAlarm',
      this.queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5), statistic: cloudwatch.Stats.MAXIMUM }),
      {
        alarmName: `${props.queueName}-oldest-near-expiry`,
        description: `The oldest failed event in ${props.queueName} expires within ${DEAD_LETTER_RETENTION.toDays() - DEAD_LETTER_AGE_ALARM.toDays()} days: redrive it now`,
        threshold: DEAD_LETTER_AGE_ALARM.toSeconds(),
        action: props.alarmAction,
      },
    );
  }
}
