import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { HttpLambdaRoleIntegration } from './lambda-role-integration';

export const KEY_UPLOAD_PATH = '/avatars/key_upload';

/** JSON access log with HTTP API (not REST) context variables, including why an authorizer said no. */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    ip: '$context.identity.sourceIp',
    routeKey: '$context.routeKey',
    status: '$context.status',
    responseLength: '$context.responseLength',
    latencyMs: '$context.responseLatency',
    authorizerError: '$context.authorizer.error',
    integrationError: '$context.integrationErrorMessage',
  }),
);

export interface AvatarsHttpApiProps {
  readonly apiName: string;
  /** Exact browser origins for CORS; API Gateway answers preflight itself, before any authorizer. */
  readonly webOrigins: readonly string[];
  /** ARNs built from stable function names, not references into the function stacks. */
  readonly authorizerFunctionArn: string;
  readonly presignFunctionArn: string;
  readonly authorizerCacheTtl: Duration;
  readonly throttle: apigwv2.ThrottleSettings;
  readonly logRetention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

/** The HTTP API: `POST /avatars/key_upload` → presign, behind the Cognito Lambda authorizer. */
export class AvatarsHttpApi extends Construct {
  public readonly api: apigwv2.HttpApi;
  public readonly stage: apigwv2.HttpStage;
  /** The role API Gateway assumes to invoke the authorizer and the presign function. */
  public readonly invokeRole: iam.Role;
  public readonly accessLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: AvatarsHttpApiProps) {
    super(scope, id);

    this.invokeRole = new iam.Role(this, 'InvokeRole', {
      assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
      description: `API Gateway invokes the ${props.apiName} functions`,
    });
    this.invokeRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'InvokeAvatarFunctions',
        actions: ['lambda:InvokeFunction'],
        resources: [props.authorizerFunctionArn, props.presignFunctionArn],
      }),
    );

    this.api = new apigwv2.HttpApi(this, 'Api', {
      apiName: props.apiName,
      description: 'Cruddur avatars: presigned avatar uploads',
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [...props.webOrigins],
        allowMethods: [apigwv2.CorsHttpMethod.POST],
        allowHeaders: ['authorization', 'content-type'],
        maxAge: Duration.hours(1),
      },
    });

    this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    this.stage = new apigwv2.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(this.accessLogGroup),
        format: ACCESS_LOG_FORMAT,
      },
    });

    const authorizer = new HttpLambdaAuthorizer(
      'CognitoAccessTokenAuthorizer',
      lambda.Function.fromFunctionAttributes(this, 'AuthorizerFunction', {
        functionArn: props.authorizerFunctionArn,
        sameEnvironment: true,
        skipPermissions: true,
      }),
      {
        authorizerName: 'cognito-access-token',
        responseTypes: [HttpLambdaResponseType.SIMPLE],
        identitySource: ['$request.header.Authorization'],
        resultsCacheTtl: props.authorizerCacheTtl,
        role: this.invokeRole,
      },
    );

    this.api.addRoutes({
      path: KEY_UPLOAD_PATH,
      methods: [apigwv2.HttpMethod.POST],
      integration: new HttpLambdaRoleIntegration('PresignIntegration', props.presignFunctionArn, this.invokeRole),
      authorizer,
    });
  }

  /** `https://<id>.execute-api.<region>.amazonaws.com/` */
  public get url(): string {
    return this.stage.url;
  }
}
