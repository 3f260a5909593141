/**
 * The names of what is deployed: the stacks and the functions. Infra builds its stacks from them,
 * tools/deploy deploys them by them, the bench and the affected-sets test pick from them. Plain
 * strings with no imports, so tools/deploy (plain JavaScript) loads this file alone.
 */

/** The prefix of every stack, function and resource name. */
export const PROJECT_NAME = 'cruddur-avatars';

/** The shared stacks, in the order a stage's first deployment needs them. */
export const SHARED_STACK_COMPONENTS = Object.freeze([
  'certificate',
  'waf',
  'auth',
  'storage',
  'cdn-logs',
  'events',
  'database',
  'api',
  'monitoring',
] as const);
export type SharedStackComponent = (typeof SHARED_STACK_COMPONENTS)[number];

/** Shared stacks an assembly holds only in some configurations (custom domain, WAF, region, no given user pool). */
export const OPTIONAL_STACK_COMPONENTS: readonly SharedStackComponent[] = Object.freeze(['certificate', 'waf', 'auth', 'cdn-logs'] as const);

/** The functions, each deployed by its own Nx project's `deploy` target (its own stack). */
export const FUNCTION_COMPONENTS = Object.freeze(['authorizer', 'presign', 'thumbnail', 'profile'] as const);
export type FunctionComponent = (typeof FUNCTION_COMPONENTS)[number];
/** The functions that are one Lambda each (the profile bundle is several, see `PROFILE_HANDLERS`). */
export type SingleFunctionComponent = Exclude<FunctionComponent, 'profile'>;

/** The independently deployable units: one stack each, the shared ones first. */
export const STACK_COMPONENTS = Object.freeze([...SHARED_STACK_COMPONENTS, ...FUNCTION_COMPONENTS] as const);
export type StackComponent = (typeof STACK_COMPONENTS)[number];

/**
 * The profile app is one bundle exporting several handlers; each runs as its own Lambda function
 * (own name, role, log group, sizing) in the profile stack. Key: the export, value: the name suffix.
 */
export const PROFILE_HANDLERS = Object.freeze({
  getProfile: 'profile-get',
  getOwnProfile: 'profile-get-own',
  updateProfile: 'profile-update',
  getUploadStatus: 'profile-get-upload-status',
  removeAvatar: 'profile-remove-avatar',
  avatarProcessed: 'profile-avatar-processed',
  renditionsDeleted: 'profile-renditions-deleted',
  migrate: 'profile-migrate',
} as const);
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

/**
 * Lambda function name of a single-function component; stable so the API can target it without a
 * cross-stack reference.
 *
 * @example
 * functionName('dev', 'thumbnail'); // 'cruddur-avatars-dev-thumbnail'
 */
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
