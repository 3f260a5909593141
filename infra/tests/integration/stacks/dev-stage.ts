import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildTestApp, sharedTestApp } from '../../helpers/avatars-app';
import { nagViolations } from '../../helpers/template-queries';

describe('a dev stage without Cognito ids in context', () => {
  const { stacks } = buildTestApp({
    context: { stage: 'dev', devStage: 'true', cognitoUserPoolId: '', cognitoClientId: '' },
  });
  const storage = Template.fromStack(stacks.storage);

  it('destroys buckets (emptying them first) and log groups with the stack', () => {
    for (const bucket of Object.values(storage.findResources('AWS::S3::Bucket'))) {
      expect(bucket['DeletionPolicy']).toBe('Delete');
    }
    storage.resourceCountIs('Custom::S3AutoDeleteObjects', 3);
    for (const stack of [stacks.authorizer, stacks.presign, stacks.thumbnail, stacks.profile, stacks.database]) {
      for (const group of Object.values(Template.fromStack(stack).findResources('AWS::Logs::LogGroup'))) {
        expect(group['DeletionPolicy']).toBe('Delete');
      }
    }
  });

  it('destroys the database, its secret and logs with the stack, without deletion protection, and lets it pause when idle', () => {
    const database = Template.fromStack(stacks.database);
    database.hasResource('AWS::RDS::DBCluster', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({
        DeletionProtection: false,
        BackupRetentionPeriod: 1,
        ServerlessV2ScalingConfiguration: { MinCapacity: 0, MaxCapacity: 2 },
      }),
    });
    database.hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Delete' });
  });

  it('reads the Cognito user pool and client ids from the stage SSM parameters at deploy time', () => {
    const authorizer = Template.fromStack(stacks.authorizer);
    const params = authorizer.findParameters('*', { Type: 'AWS::SSM::Parameter::Value<String>' });
    const byName = Object.fromEntries(Object.entries(params).map(([id, p]) => [p['Default'], id]));
    authorizer.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          COGNITO_USER_POOL_ID: { Ref: byName['/cruddur-avatars/dev/cognito/user-pool-id'] },
          COGNITO_CLIENT_ID: { Ref: byName['/cruddur-avatars/dev/cognito/client-id'] },
        }),
      },
    });
  });

  it('names every stack after the stage', () => {
    expect(Object.values(stacks).flatMap((s) => (s ? [s.stackName] : [])).sort()).toEqual([
      'cruddur-avatars-dev-api',
      'cruddur-avatars-dev-auth',
      'cruddur-avatars-dev-authorizer',
      'cruddur-avatars-dev-cdn-logs',
      'cruddur-avatars-dev-database',
      'cruddur-avatars-dev-events',
      'cruddur-avatars-dev-monitoring',
      'cruddur-avatars-dev-presign',
      'cruddur-avatars-dev-profile',
      'cruddur-avatars-dev-storage',
      'cruddur-avatars-dev-thumbnail',
    ]);
  });

  it('creates the user pool in an optional auth stack: e-mail sign-in alias, strong passwords, a client with the web page\'s flows', () => {
    const auth = Template.fromStack(stacks.auth!);
    auth.hasResourceProperties('AWS::Cognito::UserPool', {
      AliasAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      Policies: {
        PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true }),
      },
      UserPoolTier: 'ESSENTIALS',
    });
    auth.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      GenerateSecret: false,
      PreventUserExistenceErrors: 'ENABLED',
    });
    auth.hasResourceProperties('AWS::SSM::Parameter', { Name: '/cruddur-avatars/dev/cognito/user-pool-id' });
    auth.hasResourceProperties('AWS::SSM::Parameter', { Name: '/cruddur-avatars/dev/cognito/client-id' });
    expect(nagViolations(stacks.auth!)).toEqual([]);
  });

  it('makes no auth stack when a user pool is given', () => {
    expect(sharedTestApp('test').stacks.auth).toBeUndefined();
  });

  it('stays cdk-nag clean, the auto-delete provider included', () => {
    expect(nagViolations(stacks.storage)).toEqual([]);
  });
});
