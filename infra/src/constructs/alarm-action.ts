import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { AvatarsConfig } from '../config';
import { readSharedParameter } from './shared-parameters';

/**
 * The stage's alarm topic as an alarm action: the ARN given by context, else the topic the events
 * stack made, read from SSM at deploy time. Every alarm of the app notifies it.
 *
 * @example
 * alarm.addAlarmAction(alarmAction(this, config));
 */
export function alarmAction(scope: Construct, config: Pick<AvatarsConfig, 'stage' | 'alarmTopicArn'>): cloudwatch.IAlarmAction {
  const arn = config.alarmTopicArn ?? readSharedParameter(scope, config.stage, 'alarmTopicArn');
  return new actions.SnsAction(sns.Topic.fromTopicArn(scope, 'AlarmTopic', arn));
}

/** Alarms on a metric going above a threshold, notifying `action`; missing data is not a breach. */
export function alarmAbove(
  scope: Construct,
  id: string,
  metric: cloudwatch.IMetric,
  props: { alarmName: string; description: string; threshold: number; evaluationPeriods?: number; action: cloudwatch.IAlarmAction },
): cloudwatch.Alarm {
  const alarm = new cloudwatch.Alarm(scope, id, {
    metric,
    alarmName: props.alarmName,
    alarmDescription: props.description,
    threshold: props.threshold,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: props.evaluationPeriods ?? 1,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
  alarm.addAlarmAction(props.action);
  return alarm;
}
