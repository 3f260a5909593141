import { Template } from 'aws-cdk-lib/assertions';
import { sharedTestApp } from '../../helpers/avatars-app';

describe('KMS keys allow CreateGrant only for AWS resources (kms:GrantIsForAWSResource)', () => {
  const { stacks } = sharedTestApp('prod');
  const keys = Object.values(stacks)
    .filter((stack) => stack !== undefined)
    .flatMap((stack) => Object.entries(Template.fromStack(stack).findResources('AWS::KMS::Key')).map(([id, key]) => [`${stack.stackName}/${id}`, key] as const));

  it('finds the keys (both SNS topics: avatar processed, alarms)', () => {
    expect(keys.length).toBeGreaterThanOrEqual(2);
  });

  it.each(keys)('%s denies kms:CreateGrant unless the grant is for an AWS resource or the caller is an AWS service', (_, key) => {
    const statements = key['Properties'].KeyPolicy.Statement as Array<Record<string, unknown>>;
    expect(statements).toContainEqual({
      Sid: 'GrantsOnlyForAwsResources',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 'kms:CreateGrant',
      Resource: '*',
      Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
    });
  });
});
