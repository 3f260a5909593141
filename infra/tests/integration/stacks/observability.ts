import type { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { STAGE_ENV, AVATAR_METRICS, METRICS_NAMESPACE, metricDimensionNames, type AvatarMetric } from '@cruddur/shared/metrics';
import { buildTestApp, TEST_ALARM_TOPIC, sharedTestApp } from '../../helpers/avatars-app';

const { stacks } = sharedTestApp('test');
const dev = buildTestApp({ context: { stage: 'dev', account: '', region: '', alarmTopicArn: '', alarmEmail: 'ops@example.com' } });

const alarmsOf = (stack: Stack) =>
  Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm')).map((r) => r['Properties'] as Record<string, unknown>);
const allStacks = Object.values(stacks).filter((s): s is Stack => s !== undefined);

describe('failures are seen', () => {
  it('every alarm of every stack notifies the alarm topic', () => {
    const alarms = allStacks.flatMap(alarmsOf);
    expect(alarms.length).toBeGreaterThanOrEqual(25);
    for (const alarm of alarms) expect({ name: alarm['AlarmName'], actions: alarm['AlarmActions'] }).toEqual({ name: alarm['AlarmName'], actions: [TEST_ALARM_TOPIC] });
  });

  it.each([
    ['authorizer', ['cruddur-avatars-test-authorizer-errors', 'cruddur-avatars-test-authorizer-throttles']],
    ['presign', ['cruddur-avatars-test-presign-errors', 'cruddur-avatars-test-presign-throttles']],
    [
      'thumbnail',
      [
        'cruddur-avatars-test-thumbnail-errors',
        'cruddur-avatars-test-thumbnail-throttles',
        'cruddur-avatars-test-thumbnail-duration-near-timeout',
        'cruddur-avatars-test-thumbnail-dlq-not-empty',
        'cruddur-avatars-test-thumbnail-dlq-oldest-near-expiry',
      ],
    ],
    ['api', ['cruddur-avatars-test-api-5xx-rate', 'cruddur-avatars-test-api-p99-latency']],
    ['database', ['cruddur-avatars-test-database-capacity-near-max', 'cruddur-avatars-test-database-connections-near-max']],
  ] as const)('%s alarms on %j', (name, expected) => {
    expect(alarmsOf(stacks[name]).map((a) => a['AlarmName']).sort()).toEqual([...expected].sort());
  });

  it('profile alarms on each function and on its dead-letter queue', () => {
    const names = alarmsOf(stacks.profile).map((a) => a['AlarmName']);
    for (const fn of ['profile-get', 'profile-get-own', 'profile-update', 'profile-get-upload-status', 'profile-remove-avatar', 'profile-avatar-processed', 'profile-renditions-deleted', 'profile-migrate']) {
      expect(names).toEqual(expect.arrayContaining([`cruddur-avatars-test-${fn}-errors`, `cruddur-avatars-test-${fn}-throttles`]));
    }
    expect(names).toEqual(
      expect.arrayContaining(['cruddur-avatars-test-profile-avatar-processed-dlq-oldest-near-expiry', 'cruddur-avatars-test-profile-renditions-deleted-dlq-oldest-near-expiry']),
    );
  });

  it('alarms before the thumbnail times out: p99 duration above 80% of its 30 s timeout', () => {
    Template.fromStack(stacks.thumbnail).hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'cruddur-avatars-test-thumbnail-duration-near-timeout',
      MetricName: 'Duration',
      ExtendedStatistic: 'p99',
      Threshold: 24_000,
    });
  });

  it('alarms on a failed event before the dead-letter queue drops it (age above 10 of 14 days)', () => {
    Template.fromStack(stacks.thumbnail).hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateAgeOfOldestMessage',
      Threshold: 10 * 86_400,
    });
  });

  it('without a given topic, the events stack makes one (KMS-encrypted, CloudWatch may publish) with the e-mail subscription, and publishes its ARN', () => {
    const events = Template.fromStack(dev.stacks.events);
    events.hasResourceProperties('AWS::SNS::Topic', { TopicName: 'cruddur-avatars-dev-alarms' });
    events.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
    events.hasResourceProperties('AWS::SSM::Parameter', { Name: '/cruddur-avatars/dev/alarm-topic-arn' });
    events.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish' })]) },
    });
    const presignAlarms = alarmsOf(dev.stacks.presign);
    expect(presignAlarms.map((a) => a['AlarmActions'])).toEqual(presignAlarms.map(() => [{ Ref: expect.stringMatching(/alarmtopicarn/i) }]));
  });

  it('traces every function of every stack with X-Ray', () => {
    const functions = allStacks.flatMap((s) => Object.values(Template.fromStack(s).findResources('AWS::Lambda::Function', { Properties: { FunctionName: Match.stringLikeRegexp('^cruddur-avatars-test-') } })));
    expect(functions.length).toBe(11);
    for (const fn of functions) expect(fn['Properties'].TracingConfig).toEqual({ Mode: 'Active' });
  });
});

describe('custom metrics per stage', () => {
  it('every function is told its stage (CRUDDUR_STAGE), which its metrics carry as the stage dimension', () => {
    const functions = Object.values(stacks)
      .filter((stack): stack is NonNullable<typeof stack> => stack !== undefined)
      .flatMap((stack) => Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function')))
      .filter((fn) => String(fn['Properties'].FunctionName ?? '').startsWith('cruddur-avatars-test-'));
    expect(functions.length).toBeGreaterThanOrEqual(10);
    for (const fn of functions) expect([fn['Properties'].FunctionName, fn['Properties'].Environment.Variables[STAGE_ENV]]).toEqual([fn['Properties'].FunctionName, 'test']);
  });
});

describe('the stage dashboard', () => {
  const body = JSON.stringify(Template.fromStack(stacks.monitoring).findResources('AWS::CloudWatch::Dashboard'));

  it('is one dashboard named after the stage', () => {
    Template.fromStack(stacks.monitoring).resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    Template.fromStack(stacks.monitoring).hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'cruddur-avatars-test' });
  });

  it('shows the upload funnel from the metric names the handlers emit (@cruddur/shared/metrics)', () => {
    expect(body).toContain('Upload funnel');
    expect(body).toContain(METRICS_NAMESPACE);
    for (const metric of Object.values(AVATAR_METRICS)) expect(body).toContain(metric.name);
  });

  it('addresses each custom metric with exactly the dimensions the handlers write it with, in its own stage', () => {
    const [dashboard] = Object.values(Template.fromStack(stacks.monitoring).findResources('AWS::CloudWatch::Dashboard'));
    const join = dashboard?.['Properties'].DashboardBody['Fn::Join'] as [string, unknown[]];
    // Tokens (the API and distribution ids) become placeholders; the rest is the dashboard's JSON.
    const widgets = (JSON.parse(join[1].map((part) => (typeof part === 'string' ? part : 'token')).join('')) as { widgets: { properties: { metrics?: unknown[][] } }[] }).widgets;
    const byName = new Map<string, AvatarMetric>(Object.entries(AVATAR_METRICS).map(([key, m]) => [m.name, key as AvatarMetric]));
    const addressed: string[] = [];
    for (const entry of widgets.flatMap((w) => w.properties.metrics ?? [])) {
      const [first, name, ...rest] = entry;
      if (typeof first === 'object' && first !== null && 'expression' in first) {
        const search = /SEARCH\('\{([^}]*)\} stage="([^"]*)" MetricName="(\w+)"/.exec(String((first as { expression: string }).expression));
        expect(search).not.toBeNull();
        if (!search) continue;
        const [, dimensionList, stage, metric] = search;
        // Another stage's series in the same account stay out of this stage's graphs.
        expect(stage).toBe('test');
        const [namespace, ...dimensions] = dimensionList!.split(',');
        expect(namespace).toBe(METRICS_NAMESPACE);
        expect({ metric, dimensions }).toEqual({ metric, dimensions: metricDimensionNames(byName.get(metric!)!) });
        addressed.push(metric!);
      } else if (first === METRICS_NAMESPACE) {
        const dimensions = rest.filter((_, i) => i % 2 === 0 && typeof rest[i] === 'string');
        expect({ metric: name, dimensions }).toEqual({ metric: name, dimensions: metricDimensionNames(byName.get(name as string)!) });
        expect(rest[rest.indexOf('stage') + 1]).toBe('test');
        addressed.push(name as string);
      }
    }
    expect(new Set(addressed)).toEqual(new Set<string>(Object.values(AVATAR_METRICS).map((m) => m.name)));
  });

  it('shows latencies, errors, DLQ depths and the CDN cache hit ratio', () => {
    for (const text of ['Latency', 'Errors', 'ApproximateNumberOfMessagesVisible', 'CacheHitRate', 'cruddur-avatars-test-thumbnail-dlq']) {
      expect(body).toContain(text);
    }
    Template.fromStack(stacks.storage).hasResourceProperties('AWS::CloudFront::MonitoringSubscription', Match.anyValue());
  });
});
