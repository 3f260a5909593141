import { FUNCTION_COMPONENTS, FUNCTION_SIZING, PROFILE_HANDLERS, STACK_COMPONENTS, functionName, profileFunctionName, stackName } from '../../src';
import { OPTIONAL_STACK_COMPONENTS, SHARED_STACK_COMPONENTS } from '../../src/deployment';

describe('the deployed names', () => {
  it('lists the shared stacks in first-deployment order, then one stack per function', () => {
    expect(SHARED_STACK_COMPONENTS).toEqual(['certificate', 'waf', 'auth', 'storage', 'cdn-logs', 'events', 'database', 'api', 'monitoring']);
    expect(FUNCTION_COMPONENTS).toEqual(['authorizer', 'presign', 'thumbnail', 'profile']);
    expect(STACK_COMPONENTS).toEqual([...SHARED_STACK_COMPONENTS, ...FUNCTION_COMPONENTS]);
    expect(new Set(STACK_COMPONENTS).size).toBe(STACK_COMPONENTS.length);
    expect(OPTIONAL_STACK_COMPONENTS).toEqual(['certificate', 'waf', 'auth', 'cdn-logs']);
    for (const list of [SHARED_STACK_COMPONENTS, OPTIONAL_STACK_COMPONENTS, FUNCTION_COMPONENTS, STACK_COMPONENTS, PROFILE_HANDLERS]) {
      expect(Object.isFrozen(list)).toBe(true);
    }
  });

  it('names stacks and functions after the project and the stage', () => {
    expect(stackName('dev', 'presign')).toBe('cruddur-avatars-dev-presign');
    expect(stackName('prod', 'cdn-logs')).toBe('cruddur-avatars-prod-cdn-logs');
    expect(functionName('dev', 'thumbnail')).toBe('cruddur-avatars-dev-thumbnail');
    expect(Object.values(PROFILE_HANDLERS)).toEqual([
      'profile-get',
      'profile-get-own',
      'profile-update',
      'profile-get-upload-status',
      'profile-remove-avatar',
      'profile-avatar-processed',
      'profile-renditions-deleted',
      'profile-migrate',
    ]);
    expect(profileFunctionName('dev', 'getProfile')).toBe('cruddur-avatars-dev-profile-get');
    expect(profileFunctionName('prod', 'migrate')).toBe('cruddur-avatars-prod-profile-migrate');
  });

  it('sizes every function it deploys: each single function and each profile handler', () => {
    const single = FUNCTION_COMPONENTS.filter((fn) => fn !== 'profile');
    expect(Object.keys(FUNCTION_SIZING).sort()).toEqual([...single, ...Object.keys(PROFILE_HANDLERS)].sort());
  });
});
