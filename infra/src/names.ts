/** Everything one stack may need to know about another is derived from these names, never imported. */

/**
 * The deployed names (project prefix, stacks, functions, profile handlers) and how stack and
 * function names are built: the contract's, which tools/deploy, the bench and the affected-sets test read too.
 */
export {
  FUNCTION_COMPONENTS,
  PROFILE_HANDLERS,
  PROJECT_NAME,
  STACK_COMPONENTS,
  functionName,
  profileFunctionName,
  stackName,
  type FunctionComponent,
  type ProfileHandler,
  type SingleFunctionComponent,
} from '@cruddur/shared/contract';
import { PROJECT_NAME } from '@cruddur/shared/contract';

/** The values one stack publishes for the others, read back at deploy time (no Fn::ImportValue). */
const SHARED_PARAMETERS = {
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
