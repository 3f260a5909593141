import { ArnFormat, CfnOutput, Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { AUTHORIZER_CACHE_TTL } from '../config';
import { AvatarsHttpApi, KEY_UPLOAD_PATH } from '../constructs/avatars-http-api';
import { publishSharedParameter } from '../constructs/shared-parameters';
import { functionName, profileFunctionName, stackName } from '../names';
import { removalPolicyOf, type AvatarsStackProps } from './avatars-stack-props';

/**
 * The HTTP API. It reaches the authorizer, presign and profile functions by their stable names through an
 * invoke role, so neither the API nor a function stack ever needs the other redeployed.
 */
export class ApiStack extends Stack {
  public readonly httpApi: AvatarsHttpApi;

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
      },
      authorizerCacheTtl: AUTHORIZER_CACHE_TTL,
      throttle: config.apiThrottle,
      logRetention: config.logRetention,
      removalPolicy: removalPolicyOf(config),
    });

    publishSharedParameter(this, config.stage, 'apiUrl', this.httpApi.url);
    new CfnOutput(this, 'ApiUrl', { value: this.httpApi.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'KeyUploadUrl', {
      value: `${this.httpApi.url}${KEY_UPLOAD_PATH.slice(1)}`,
      description: 'POST here with a Bearer access token to get an upload URL',
    });
  }
}
