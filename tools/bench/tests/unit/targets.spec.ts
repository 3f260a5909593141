import { FUNCTION_COMPONENTS } from '@cruddur/shared/contract';
import { BUNDLE_BUDGET_BYTES, FUNCTIONS } from '../../src/targets';

describe('the measured functions', () => {
  it("are the contract's single-Lambda functions, in its order, each with a bundle budget", () => {
    expect(FUNCTIONS).toEqual(FUNCTION_COMPONENTS.filter((fn) => fn !== 'profile'));
    expect(FUNCTIONS).toEqual(['authorizer', 'presign', 'thumbnail']);
    expect(Object.keys(BUNDLE_BUDGET_BYTES)).toEqual([...FUNCTIONS]);
  });
});
