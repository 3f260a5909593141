import { API_CORS, API_ROUTES, type ApiRoute } from '@cruddur/shared/contract';
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { suppress } from '../nag';
import { HttpLambdaRoleIntegration } from './lambda-role-integration';

export const KEY_UPLOAD_PATH = API_ROUTES.presignAvatarUpload.path;

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
  readonly profileFunctionArns: {
    readonly getProfile: string;
    readonly getOwnProfile: string;
    readonly updateProfile: string;
    readonly getUploadStatus: string;
    readonly removeAvatar: string;
  };
  readonly authorizerCacheTtl: Duration;
  readonly throttle: apigwv2.ThrottleSettings;
  readonly logRetention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The HTTP API: `POST /avatars/key_upload` → presign and the profile routes (upload status included), behind the Cognito
 * Lambda authorizer except the public `GET /api/profiles/{handle}`.
 */
export class AvatarsHttpApi extends Construct {
  public readonly api: apigwv2.HttpApi;
  public readonly stage: apigwv2.HttpStage;
  /** The role API Gateway assumes to invoke the authorizer and the route functions. */
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
        resources: [
          props.authorizerFunctionArn,
          props.presignFunctionArn,
          props.profileFunctionArns.getProfile,
          props.profileFunctionArns.getOwnProfile,
          props.profileFunctionArns.updateProfile,
          props.profileFunctionArns.getUploadStatus,
          props.profileFunctionArns.removeAvatar,
        ],
      }),
    );

    this.api = new apigwv2.HttpApi(this, 'Api', {
      apiName: props.apiName,
      description: 'Cruddur avatars: presigned avatar uploads and profiles',
      createDefaultStage: false,
      // The contract's rule, which the local stack's HTTP API answers with too.
      corsPreflight: {
        allowOrigins: [...props.webOrigins],
        allowMethods: API_CORS.allowMethods.map((method) => apigwv2.CorsHttpMethod[method]),
        allowHeaders: [...API_CORS.allowHeaders],
        maxAge: Duration.seconds(API_CORS.maxAgeSeconds),
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

    const route = ({ path, method, auth }: ApiRoute, id: string, functionArn: string) => {
      const authorized = auth === 'user';
      const [added] = this.api.addRoutes({
        path,
        methods: [apigwv2.HttpMethod[method]],
        integration: new HttpLambdaRoleIntegration(id, functionArn, this.invokeRole),
        // Public: an explicit "no authorizer", so a default authorizer added later cannot sneak in.
        authorizer: authorized ? authorizer : new apigwv2.HttpNoneAuthorizer(),
      });
      if (!authorized && added) {
        suppress(added, [
          {
            id: 'AwsSolutions-APIG4',
            reason: 'Public profiles (handle, display name, bio, avatar URL) are readable without signing in, as the product specifies; the route only reads.',
          },
        ]);
      }
    };
    route(API_ROUTES.presignAvatarUpload, 'PresignIntegration', props.presignFunctionArn);
    route(API_ROUTES.getProfile, 'GetProfileIntegration', props.profileFunctionArns.getProfile);
    route(API_ROUTES.getOwnProfile, 'GetOwnProfileIntegration', props.profileFunctionArns.getOwnProfile);
    route(API_ROUTES.updateProfile, 'UpdateProfileIntegration', props.profileFunctionArns.updateProfile);
    route(API_ROUTES.getAvatarUploadStatus, 'GetUploadStatusIntegration', props.profileFunctionArns.getUploadStatus);
    route(API_ROUTES.removeAvatar, 'RemoveAvatarIntegration', props.profileFunctionArns.removeAvatar);
  }

  /** `https://<id>.execute-api.<region>.amazonaws.com/` */
  public get url(): string {
    return this.stage.url;
  }
}
