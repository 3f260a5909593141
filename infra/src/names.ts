/** Everything one stack may need to know about another is derived from these names, never imported. */

export const PROJECT_NAME = 'cruddur-avatars';

/** The independently deployable units: one stack each. */
export const STACK_COMPONENTS = [
  'certificate',
  'waf',
  'auth',
  'storage',
  'cdn-logs',
  'events',
  'monitoring',
  'database',
  'api',
  'authorizer',
  'presign',
  'thumbnail',
  'profile',
] as const;
export type StackComponent = (typeof STACK_COMPONENTS)[number];

/** The functions, each deployed by its own Nx project's `deploy` target. */
export const FUNCTION_COMPONENTS = ['authorizer', 'presign', 'thumbnail', 'profile'] as const;
export type FunctionComponent = (typeof FUNCTION_COMPONENTS)[number];
/** The functions that are one Lambda each (the profile bundle is several, see PROFILE_HANDLERS). */
export type SingleFunctionComponent = Exclude<FunctionComponent, 'profile'>;

/**
 * The profile app is one bundle exporting several handlers; each runs as its own Lambda function
 * (own name, role, log group, sizing) in the profile stack. Key: the export, value: the name suffix.
 */
export const PROFILE_HANDLERS = {
  getProfile: 'profile-get',
  getOwnProfile: 'profile-get-own',
  updateProfile: 'profile-update',
  getUploadStatus: 'profile-get-upload-status',
  removeAvatar: 'profile-remove-avatar',
  avatarProcessed: 'profile-avatar-processed',
  renditionsDeleted: 'profile-renditions-deleted',
  migrate: 'profile-migrate',
} as const;
export type ProfileHandler = keyof typeof PROFILE_HANDLERS;

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
export function functionName(stage: string, fn: SingleFunctionComponent): string {
  return `${PROJECT_NAME}-${stage}-${fn}`;
}

/**
 * Lambda function name of one profile handler, stable for the same reason.
 *
 * @example
 * profileFunctionName('dev', 'getProfile'); // 'cruddur-avatars-dev-profile-get'
 */
export function profileFunctionName(stage: string, handler: ProfileHandler): string {
  return `${PROJECT_NAME}-${stage}-${PROFILE_HANDLERS[handler]}`;
}

/** The values one stack publishes for the others, read back at deploy time (no Fn::ImportValue). */
export const SHARED_PARAMETERS = {
  uploadsBucketName: 'uploads-bucket-name',
  assetsBucketName: 'assets-bucket-name',
  assetsBaseUrl: 'assets-base-url',
  apiUrl: 'api-url',
  apiId: 'api-id',
  distributionId: 'distribution-id',
  avatarProcessedTopicArn: 'avatar-processed-topic-arn',
  avatarProcessedTopicKeyArn: 'avatar-processed-topic-key-arn',
  alarmTopicArn: 'alarm-topic-arn',
  vpcId: 'vpc-id',
  databaseSubnetIds: 'database/subnet-ids',
  databaseClientsSecurityGroupId: 'database/clients-security-group-id',
  s3ClientsSecurityGroupId: 'database/s3-clients-security-group-id',
  databaseSecretArn: 'database/secret-arn',
  databaseEndpointAddress: 'database/endpoint-address',
  databaseClusterResourceId: 'database/cluster-resource-id',
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
