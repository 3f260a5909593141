import { API_CORS, AUTHORIZER_CACHE_TTL_SECONDS } from '@cruddur/shared/contract';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { TEST_CONTEXT, sharedTestApp } from '../../helpers/avatars-app';
import { actionsOf, flattenJoin, identityStatements } from '../../helpers/template-queries';

const functionArn = (name: string) =>
  `arn:aws:lambda:eu-west-1:123456789012:function:cruddur-avatars-test-${name}`;

describe('ApiStack', () => {
  const { stacks } = sharedTestApp('test');
  const template = Template.fromStack(stacks.api);
  const [authorizerId] = Object.keys(template.findResources('AWS::ApiGatewayV2::Authorizer'));
  const [invokeRoleId] = Object.keys(template.findResources('AWS::IAM::Role'));

  it('is an HTTP API whose CORS preflight lists exactly the configured web origins', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      Name: 'cruddur-avatars-test-api',
      ProtocolType: 'HTTP',
      CorsConfiguration: {
        AllowOrigins: TEST_CONTEXT.webOrigins.split(','),
        // The contract's rule (pinned in its cors spec), which the local stack answers with too.
        AllowMethods: [...API_CORS.allowMethods],
        AllowHeaders: [...API_CORS.allowHeaders],
        MaxAge: API_CORS.maxAgeSeconds,
      },
    });
  });

  it('puts the Lambda authorizer on POST /avatars/key_upload, GET /api/profile, PUT /api/profile/update, GET /avatars/uploads/{uploadId} and DELETE /api/profile/avatar', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 6);
    for (const routeKey of ['POST /avatars/key_upload', 'GET /api/profile', 'PUT /api/profile/update', 'GET /avatars/uploads/{uploadId}', 'DELETE /api/profile/avatar']) {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: routeKey,
        AuthorizationType: 'CUSTOM',
        AuthorizerId: { Ref: authorizerId },
      });
    }
  });

  it('leaves GET /api/profiles/{handle} public: no authorizer at all', () => {
    const [route, ...others] = Object.values(
      template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: 'GET /api/profiles/{handle}' } }),
    );
    expect(others).toHaveLength(0);
    expect(route?.['Properties'].AuthorizationType).toBe('NONE');
    expect(route?.['Properties'].AuthorizerId).toBeUndefined();
  });

  it('has no OPTIONS or ANY route, so API Gateway answers preflight itself and never calls the authorizer', () => {
    const routeKeys = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
      (r) => r['Properties'].RouteKey as string,
    );
    expect(routeKeys.filter((k) => /^(OPTIONS|ANY) /.test(k) || k === '$default')).toEqual([]);
  });

  it('uses a simple-response authorizer cached by the Authorization header for a short TTL', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    const authorizer = template.findResources('AWS::ApiGatewayV2::Authorizer')[authorizerId ?? '']?.['Properties'];
    expect(authorizer).toMatchObject({
      AuthorizerType: 'REQUEST',
      AuthorizerPayloadFormatVersion: '2.0',
      EnableSimpleResponses: true,
      IdentitySource: ['$request.header.Authorization'],
      AuthorizerResultTtlInSeconds: AUTHORIZER_CACHE_TTL_SECONDS,
      AuthorizerCredentialsArn: { 'Fn::GetAtt': [invokeRoleId, 'Arn'] },
    });
    expect(flattenJoin(authorizer.AuthorizerUri)).toBe(
      `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${functionArn('authorizer')}/invocations`,
    );
  });

  it.each([
    ['POST /avatars/key_upload', 'presign'],
    ['GET /api/profiles/{handle}', 'profile-get'],
    ['GET /api/profile', 'profile-get-own'],
    ['PUT /api/profile/update', 'profile-update'],
    ['GET /avatars/uploads/{uploadId}', 'profile-get-upload-status'],
    ['DELETE /api/profile/avatar', 'profile-remove-avatar'],
  ])('proxies %s to the %s function by its stable name, through the invoke role', (routeKey, fn) => {
    const [route] = Object.values(template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: routeKey } }));
    const target = route?.['Properties'].Target as { 'Fn::Join': [string, [string, { Ref: string }]] };
    const integrationId = target['Fn::Join'][1][1].Ref;
    const integration = template.findResources('AWS::ApiGatewayV2::Integration')[integrationId];
    expect(integration?.['Properties']).toMatchObject({
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
      CredentialsArn: { 'Fn::GetAtt': [invokeRoleId, 'Arn'] },
    });
    expect(flattenJoin(integration?.['Properties'].IntegrationUri)).toBe(functionArn(fn));
  });

  it('lets API Gateway invoke exactly the authorizer and the route functions, and nothing else', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' } }],
      },
    });
    const statements = identityStatements(template);
    expect(statements).toHaveLength(1);
    expect(actionsOf(statements[0]!)).toEqual(['lambda:InvokeFunction']);
    expect((statements[0]!.Resource as unknown[]).map(flattenJoin)).toEqual([
      functionArn('authorizer'),
      functionArn('presign'),
      functionArn('profile-get'),
      functionArn('profile-get-own'),
      functionArn('profile-get-upload-status'),
      functionArn('profile-remove-avatar'),
      functionArn('profile-update'),
    ]);
  });

  it('adds no resource policy to any function, so the function stacks never need the API stack', () => {
    template.resourceCountIs('AWS::Lambda::Permission', 0);
    template.resourceCountIs('AWS::Lambda::Function', 0);
  });

  it('throttles and access-logs the $default stage', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingBurstLimit: 20, ThrottlingRateLimit: 10 },
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^HttpApiAccessLogs'), 'Arn'] },
        Format: Match.stringLikeRegexp('\\$context\\.requestId'),
      },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  it('outputs the API URL and publishes it to SSM', () => {
    template.hasOutput('ApiUrl', {});
    template.hasOutput('KeyUploadUrl', {});
    template.hasResourceProperties('AWS::SSM::Parameter', { Name: '/cruddur-avatars/test/api-url' });
  });
});
