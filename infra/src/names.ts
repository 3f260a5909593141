/** Everything one stack may need to know about another is derived from these names, never imported. */

export const PROJECT_NAME = 'cruddur-avatars';

/** The independently deployable units: one stack each. */
export const STACK_COMPONENTS = ['certificate', 'storage', 'api', 'authorizer', 'presign', 'thumbnail'] as const;
export type StackComponent = (typeof STACK_COMPONENTS)[number];

/** The functions, each deployed by its own Nx project's `deploy` target. */
export const FUNCTION_COMPONENTS = ['authorizer', 'presign', 'thumbnail'] as const;
export type FunctionComponent = (typeof FUNCTION_COMPONENTS)[number];

/**
 * CloudFormation stack name of one component.
 *
 * @example
 * stackName('dev', 'presign'); // 'cruddur-avatars-dev-presign'
 */
export function stackName(stage: string, component: StackComponent): string {
  return `${PROJECT_NAME}-${stage}-${component}`;
}

/** Lambda function name; stable so the API can target it without a cross-stack reference. */
export function functionName(stage: string, fn: FunctionComponent): string {
  return `${PROJECT_NAME}-${stage}-${fn}`;
}

/** The values one stack publishes for the others, read back at deploy time (no Fn::ImportValue). */
export const SHARED_PARAMETERS = {
  uploadsBucketName: 'uploads-bucket-name',
  assetsBucketName: 'assets-bucket-name',
  assetsBaseUrl: 'assets-base-url',
  apiUrl: 'api-url',
  avatarProcessedTopicArn: 'avatar-processed-topic-arn',
  cognitoUserPoolId: 'cognito/user-pool-id',
  cognitoClientId: 'cognito/client-id',
} as const;
export type SharedParameter = keyof typeof SHARED_PARAMETERS;

/**
 * SSM parameter name of a shared value.
 *
 * @example
 * parameterName('dev', 'uploadsBucketName'); // '/cruddur-avatars/dev/uploads-bucket-name'
 */
export function parameterName(stage: string, parameter: SharedParameter): string {
  return `/${PROJECT_NAME}/${stage}/${SHARED_PARAMETERS[parameter]}`;
}
