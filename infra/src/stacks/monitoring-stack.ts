import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { AVATAR_METRICS, METRICS_NAMESPACE, metricDimensions, REASON_DIMENSION, SERVICE_DIMENSION, STAGE_DIMENSION, type PlainMetric, type ReasonMetric } from '@cruddur/shared/metrics';
import type { Construct } from 'constructs';
import { readSharedParameter } from '../constructs/shared-parameters';
import { functionName, PROFILE_HANDLERS, profileFunctionName, PROJECT_NAME, type ProfileHandler } from '../names';
import type { AvatarsStackProps } from './avatars-stack-props';

const PERIOD = Duration.minutes(5);

/** Name of a stage's dashboard. */
function dashboardName(stage: string): string {
  return `${PROJECT_NAME}-${stage}`;
}

/**
 * One CloudWatch dashboard per stage: the upload funnel (issued → uploaded → processed / rejected
 * → recorded), latencies, errors, dead-letter queues and the CDN cache hit ratio. It addresses
 * every function and queue by its stable name, and the API and distribution by ids read from SSM,
 * so it owns nothing another stack uses and can be redeployed or destroyed on its own.
 */
export class MonitoringStack extends Stack {
  public readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: AvatarsStackProps) {
    const { config } = props;
    super(scope, id, { ...props, description: `cruddur avatars (${config.stage}): dashboard` });

    const custom = (metric: PlainMetric, label: string, statistic: string = cloudwatch.Stats.SUM) =>
      new cloudwatch.Metric({
        namespace: METRICS_NAMESPACE,
        metricName: AVATAR_METRICS[metric].name,
        dimensionsMap: metricDimensions(metric, config.stage),
        statistic,
        period: PERIOD,
        label,
      });
    // Every reason's series of this stage, whatever reasons the handlers emit (a per-reason metric has no series without a reason).
    const reasonSearch = (metric: ReasonMetric) =>
      `SEARCH('{${METRICS_NAMESPACE},${SERVICE_DIMENSION},${STAGE_DIMENSION},${REASON_DIMENSION}} ${STAGE_DIMENSION}="${config.stage}" MetricName="${AVATAR_METRICS[metric].name}"', 'Sum', ${PERIOD.toSeconds()})`;
    const perReason = (metric: ReasonMetric, label: string) => new cloudwatch.MathExpression({ expression: reasonSearch(metric), label, period: PERIOD });
    const allReasons = (metric: ReasonMetric, label: string) => new cloudwatch.MathExpression({ expression: `SUM(${reasonSearch(metric)})`, label, period: PERIOD });
    const lambdaMetric = (name: string, metricName: string, statistic: string, label: string) =>
      new cloudwatch.Metric({ namespace: 'AWS/Lambda', metricName, dimensionsMap: { FunctionName: name }, statistic, period: PERIOD, label });
    const queueMetric = (queueName: string, metricName: string, label: string) =>
      new cloudwatch.Metric({ namespace: 'AWS/SQS', metricName, dimensionsMap: { QueueName: queueName }, statistic: cloudwatch.Stats.MAXIMUM, period: PERIOD, label });

    const thumbnail = functionName(config.stage, 'thumbnail');
    const functions = [
      functionName(config.stage, 'authorizer'),
      functionName(config.stage, 'presign'),
      thumbnail,
      ...(Object.keys(PROFILE_HANDLERS) as ProfileHandler[]).map((h) => profileFunctionName(config.stage, h)),
    ];
    const apiId = readSharedParameter(this, config.stage, 'apiId');
    const distributionId = readSharedParameter(this, config.stage, 'distributionId');
    const api = (metricName: string, statistic: string, label: string) =>
      new cloudwatch.Metric({ namespace: 'AWS/ApiGateway', metricName, dimensionsMap: { ApiId: apiId }, statistic, period: PERIOD, label });

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: dashboardName(config.stage),
      defaultInterval: Duration.hours(24),
      widgets: [
        [
          new cloudwatch.GraphWidget({
            title: 'Upload funnel',
            width: 24,
            left: [
              custom('uploadUrlsIssued', 'upload URLs issued'),
              // Each upload S3 accepted invokes the thumbnail function once (retries aside).
              lambdaMetric(thumbnail, 'Invocations', cloudwatch.Stats.SUM, 'uploaded (thumbnail invocations)'),
              custom('uploadsProcessed', 'processed'),
              allReasons('uploadsRejected', 'rejected'),
              custom('avatarsRecorded', 'recorded on the profile'),
            ],
          }),
        ],
        [
          new cloudwatch.GraphWidget({ title: 'Rejected uploads by reason', width: 12, left: [perReason('uploadsRejected', 'rejected')] }),
          new cloudwatch.GraphWidget({ title: 'Authorizer denials by reason', width: 12, left: [perReason('authorizerDenials', 'denied')] }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Latency (p99, ms)',
            width: 12,
            left: [
              api('Latency', cloudwatch.Stats.p(99), 'API'),
              custom('processingDuration', 'thumbnail processing', cloudwatch.Stats.p(99)),
              lambdaMetric(thumbnail, 'Duration', cloudwatch.Stats.p(99), 'thumbnail invocation'),
            ],
          }),
          new cloudwatch.GraphWidget({
            title: 'API requests and errors',
            width: 12,
            left: [api('Count', cloudwatch.Stats.SUM, 'requests')],
            right: [api('4xx', cloudwatch.Stats.SUM, '4xx'), api('5xx', cloudwatch.Stats.SUM, '5xx')],
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Function errors',
            width: 12,
            left: functions.map((name) => lambdaMetric(name, 'Errors', cloudwatch.Stats.SUM, name.replace(`${PROJECT_NAME}-${config.stage}-`, ''))),
          }),
          new cloudwatch.GraphWidget({
            title: 'Dead-letter queues',
            width: 12,
            left: [
              queueMetric(`${thumbnail}-dlq`, 'ApproximateNumberOfMessagesVisible', 'thumbnail DLQ depth'),
              queueMetric(`${profileFunctionName(config.stage, 'avatarProcessed')}-dlq`, 'ApproximateNumberOfMessagesVisible', 'avatar-processed DLQ depth'),
            ],
            right: [
              queueMetric(`${thumbnail}-dlq`, 'ApproximateAgeOfOldestMessage', 'thumbnail DLQ oldest (s)'),
              queueMetric(`${profileFunctionName(config.stage, 'avatarProcessed')}-dlq`, 'ApproximateAgeOfOldestMessage', 'avatar-processed DLQ oldest (s)'),
            ],
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'CDN cache hit ratio (%)',
            width: 12,
            left: [
              // CloudFront publishes its metrics in us-east-1, under Region=Global.
              new cloudwatch.Metric({
                namespace: 'AWS/CloudFront',
                metricName: 'CacheHitRate',
                dimensionsMap: { DistributionId: distributionId, Region: 'Global' },
                statistic: cloudwatch.Stats.AVERAGE,
                period: PERIOD,
                region: 'us-east-1',
                label: 'cache hit rate',
              }),
            ],
          }),
        ],
      ],
    });
  }
}
