import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import type * as iam from 'aws-cdk-lib/aws-iam';

/**
 * Lambda proxy integration that API Gateway invokes with a role instead of a resource policy on
 * the function, so the API stack never has to touch a function stack.
 */
export class HttpLambdaRoleIntegration extends apigwv2.HttpRouteIntegration {
  constructor(
    id: string,
    private readonly functionArn: string,
    private readonly invokeRole: iam.IRole,
  ) {
    super(id);
  }

  public override bind(): apigwv2.HttpRouteIntegrationConfig {
    return {
      type: apigwv2.HttpIntegrationType.AWS_PROXY,
      uri: this.functionArn,
      payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0,
      credentials: apigwv2.IntegrationCredentials.fromRole(this.invokeRole),
    };
  }
}
