import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
// eslint-disable-next-line @nx/enforce-module-boundaries -- what the smoke test reads is pinned against infra's real synth, so a renamed output fails here
import { PROD_CONTEXT, buildTestApp } from '../../../../infra/tests/helpers/avatars-app';
import {
  AUTH_CLIENT_OUTPUT,
  STAGE_OUTPUTS,
  STAGE_PARAMETERS,
  type StackOutputs,
  profileSubscriberFunctionName,
  stageParameterName,
  stageStackName,
  targetFromStageOutputs,
  thumbnailDeadLetterQueueName,
} from '../../src/target';

interface TemplateJson {
  Outputs?: Record<string, { Value: unknown }>;
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
}

/** Values a deploy would write for these output keys (any other key gets a placeholder). */
const DEPLOYED: Readonly<Record<string, string>> = {
  ApiUrl: 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/',
  CdnUrl: 'https://d111111abcdef8.cloudfront.net',
  AvatarProcessedTopicArn: 'arn:aws:sns:eu-west-1:123456789012:cruddur-avatars-prod-avatar-processed',
  DeadLetterQueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/queue-of-this-stack',
  avatarProcessedFunctionName: 'cruddur-avatars-prod-profile-avatar-processed',
  UserPoolClientId: '4abcdefghijklmnopqrstuvwx1',
};

describe('the stage outputs and SSM parameters the smoke test reads, in a real synth of the prod configuration (with the auth stack)', () => {
  let templates: Record<string, TemplateJson>;

  beforeAll(() => {
    // No given user pool: the auth stack is made, and its client id is an output too.
    const { stacks } = buildTestApp({ context: { ...PROD_CONTEXT, cognitoUserPoolId: '', cognitoClientId: '' } });
    templates = Object.fromEntries(
      Object.values(stacks)
        .filter((stack): stack is Stack => stack !== undefined)
        .map((stack) => [stack.stackName, Template.fromStack(stack).toJSON() as TemplateJson]),
    );
  });

  const template = (component: string) => {
    const found = templates[stageStackName('prod', component)];
    if (!found) throw new Error(`no stack ${stageStackName('prod', component)} in the synth (stacks: ${Object.keys(templates).join(', ')})`);
    return found;
  };

  it.each(Object.entries({ ...STAGE_OUTPUTS, cognitoClientId: AUTH_CLIENT_OUTPUT }))('%s: the %j output exists', (_field, ref) => {
    expect(Object.keys(template(ref.component).Outputs ?? {})).toContain(ref.output);
  });

  it("an outputs file with exactly the synthesized keys gives every check what it needs", () => {
    const outputs: StackOutputs = Object.fromEntries(
      Object.entries(templates).map(([stack, t]) => [stack, Object.fromEntries(Object.keys(t.Outputs ?? {}).map((key) => [key, DEPLOYED[key] ?? `value of ${key}`]))]),
    );
    expect(targetFromStageOutputs(outputs, { stage: 'prod', source: 'synth' })).toMatchObject({
      apiUrl: 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com',
      assetsUrl: 'https://d111111abcdef8.cloudfront.net',
      cognito: { endpoint: 'https://cognito-idp.eu-west-1.amazonaws.com/', clientId: DEPLOYED['UserPoolClientId'] },
      aws: {
        region: 'eu-west-1',
        avatarProcessedTopicArn: DEPLOYED['AvatarProcessedTopicArn'],
        profileSubscriberFunctionName: DEPLOYED['avatarProcessedFunctionName'],
        thumbnailDeadLetterQueueUrl: DEPLOYED['DeadLetterQueueUrl'],
      },
    });
  });

  it("the subscriber output names the function the profile stack subscribes to the topic", () => {
    const profile = template('profile');
    const output = profile.Outputs?.[STAGE_OUTPUTS.profileSubscriberFunctionName.output]?.Value as { Ref: string };
    expect(profile.Resources[output.Ref]).toMatchObject({ Type: 'AWS::Lambda::Function', Properties: { FunctionName: profileSubscriberFunctionName('prod') } });
    const subscriptions = Object.values(profile.Resources).filter((r) => r.Type === 'AWS::SNS::Subscription');
    expect(subscriptions).toEqual([expect.objectContaining({ Properties: expect.objectContaining({ Protocol: 'lambda', Endpoint: { 'Fn::GetAtt': [output.Ref, 'Arn'] } }) })]);
  });

  it("the dead-letter output is the thumbnail function's on-failure destination", () => {
    const thumbnail = template('thumbnail');
    const output = thumbnail.Outputs?.[STAGE_OUTPUTS.thumbnailDeadLetterQueueUrl.output]?.Value as { Ref: string };
    // --from-ssm finds the queue by its name.
    expect(thumbnail.Resources[output.Ref]).toMatchObject({ Type: 'AWS::SQS::Queue', Properties: { QueueName: thumbnailDeadLetterQueueName('prod') } });
    const invokeConfigs = Object.values(thumbnail.Resources).filter((r) => r.Type === 'AWS::Lambda::EventInvokeConfig');
    expect(invokeConfigs).toEqual([
      expect.objectContaining({ Properties: expect.objectContaining({ DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [output.Ref, 'Arn'] } } } }) }),
    ]);
  });

  it.each(Object.entries(STAGE_PARAMETERS))('--from-ssm: %s is read from the SSM parameter …/%s the stage writes', (_field, parameter) => {
    const written = Object.values(templates).flatMap((t) =>
      Object.values(t.Resources)
        .filter((r) => r.Type === 'AWS::SSM::Parameter')
        .map((r) => r.Properties?.['Name']),
    );
    expect(written).toContain(stageParameterName('prod', parameter));
  });
});
