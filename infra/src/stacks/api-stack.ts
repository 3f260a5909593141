import { ArnFormat, CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';
import { AUTHORIZER_CACHE_TTL } from '../config';
import { alarmAbove, alarmAction } from '../constructs/alarm-action';
import { AvatarsHttpApi, KEY_UPLOAD_PATH } from '../constructs/avatars-http-api';
import { publishSharedParameter } from '../constructs/shared-parameters';
import { functionName, profileFunctionName, stackName } from '../names';
import { removalPolicyOf, type AvatarsStackProps } from './avatars-stack-props';

/** Share of 5xx answers (percent, over 5 minutes) that alarms. */
const API_5XX_PERCENT_ALARM = 5;
/** p99 latency (ms) that alarms: a cold profile function waiting on a paused database takes ~15 s, anything else well under 3 s. */
const API_P99_LATENCY_ALARM_MS = 3000;

/**
 * The HTTP API. It reaches the authorizer, presign and profile functions by their stable names through an
 * invoke role, so neither the API nor a function stack ever needs the other redeployed.
 */
export class ApiStack extends Stack {
  public readonly httpApi: AvatarsHttpApi;
  public readonly alarms: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: AvatarsStackProps) {
    const { config } = props;
    super(scope, id, {
      ...props,
      description: `cruddur avatars (${config.stage}): HTTP API, Lambda authorizer, presign and profile routes`,
    });

    const functionArn = (name: string): string =>
      this.formatArn({ service: 'lambda', resource: 'function', resourceName: name, arnFormat: ArnFormat.COLON_RESOURCE_NAME });

    this.httpApi = new AvatarsHttpApi(this, 'HttpApi', {
      apiName: stackName(config.stage, 'api'),
      webOrigins: config.webOrigins,
      authorizerFunctionArn: functionArn(functionName(config.stage, 'authorizer')),
      presignFunctionArn: functionArn(functionName(config.stage, 'presign')),
      profileFunctionArns: {
        getProfile: functionArn(profileFunctionName(config.stage, 'getProfile')),
        getOwnProfile: functionArn(profileFunctionName(config.stage, 'getOwnProfile')),
        updateProfile: functionArn(profileFunctionName(config.stage, 'updateProfile')),
        getUploadStatus: functionArn(profileFunctionName(config.stage, 'getUploadStatus')),
        removeAvatar: functionArn(profileFunctionName(config.stage, 'removeAvatar')),
      },
      authorizerCacheTtl: AUTHORIZER_CACHE_TTL,
      throttle: config.apiThrottle,
      logRetention: config.logRetention,
      removalPolicy: removalPolicyOf(config),
    });

    publishSharedParameter(this, config.stage, 'apiUrl', this.httpApi.url);
    publishSharedParameter(this, config.stage, 'apiId', this.httpApi.api.apiId);

    const action = alarmAction(this, config);
    const period = Duration.minutes(5);
    const serverErrorRate = new cloudwatch.MathExpression({
      expression: '100 * errors / MAX([requests, 1])',
      usingMetrics: {
        errors: this.httpApi.api.metricServerError({ period, statistic: cloudwatch.Stats.SUM }),
        requests: this.httpApi.api.metricCount({ period, statistic: cloudwatch.Stats.SUM }),
      },
      label: '5xx %',
      period,
    });
    this.alarms = [
      alarmAbove(this, 'ServerErrorRateAlarm', serverErrorRate, {
        alarmName: `${id}-5xx-rate`,
        description: `More than ${API_5XX_PERCENT_ALARM}% of API requests answered 5xx over 5 minutes`,
        threshold: API_5XX_PERCENT_ALARM,
        action,
      }),
      alarmAbove(this, 'LatencyAlarm', this.httpApi.api.metricLatency({ period, statistic: cloudwatch.Stats.p(99) }), {
        alarmName: `${id}-p99-latency`,
        description: `API p99 latency above ${API_P99_LATENCY_ALARM_MS} ms for 15 minutes`,
        threshold: API_P99_LATENCY_ALARM_MS,
        evaluationPeriods: 3,
        action,
      }),
    ];
    new CfnOutput(this, 'ApiUrl', { value: this.httpApi.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'KeyUploadUrl', {
      value: `${this.httpApi.url}${KEY_UPLOAD_PATH.slice(1)}`,
      description: 'POST here with a Bearer access token to get an upload URL',
    });
  }
}
