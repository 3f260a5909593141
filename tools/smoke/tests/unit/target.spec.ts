import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TargetError } from '../../src/errors';
import { readStackOutputs, targetFromStackFile, targetFromStageOutputs } from '../../src/target';
import { PROD_OUTPUT_FILES, outputsDir } from '../helpers/stage-outputs';

function file(name: string, content: string): string {
  const target = path.join(mkdtempSync(path.join(tmpdir(), 'smoke-target-')), name);
  writeFileSync(target, content);
  return target;
}

const STACK_JSON = {
  webUrl: 'http://localhost:5173',
  apiUrl: 'http://127.0.0.1:4010',
  assetsUrl: 'http://127.0.0.1:4570/',
  s3Url: 'http://127.0.0.1:4569',
  cognito: { endpoint: 'http://127.0.0.1:9229', region: 'us-east-1', userPoolId: 'local_1', clientId: 'client-1', issuer: 'x', jwksUri: 'y' },
  demoUsers: [{ username: 'andrew', password: 'Andrew-local-1!', email: 'a@example.com', name: 'Andrew', sub: 's-1' }],
  uploadId: 'a field added later is ignored',
};

describe('targetFromStackFile', () => {
  it('reads the endpoints and demo users of a local stack', () => {
    const target = targetFromStackFile(file('stack.json', JSON.stringify(STACK_JSON)));
    expect(target).toMatchObject({
      kind: 'local',
      apiUrl: 'http://127.0.0.1:4010',
      assetsUrl: 'http://127.0.0.1:4570',
      cognito: { endpoint: 'http://127.0.0.1:9229', clientId: 'client-1' },
      webOrigin: 'http://localhost:5173',
      demoUsers: [{ username: 'andrew', password: 'Andrew-local-1!' }],
    });
    expect(target.aws).toBeUndefined();
  });

  it.each([
    ['a missing file', path.join(tmpdir(), 'no-such-dir', 'stack.json'), /cannot read stack file .*ENOENT/],
    ['not JSON', file('stack.json', '{ nope'), /is not JSON/],
    ['without the API', file('stack.json', JSON.stringify({ ...STACK_JSON, apiUrl: undefined })), /not a local stack's stack\.json \(apiUrl: /],
    ['with a URL that is not one', file('stack.json', JSON.stringify({ ...STACK_JSON, assetsUrl: 'ftp://x' })), /assetsUrl must be an http\(s\) URL/],
  ])('refuses %s with a TargetError', (_what, stackFile, message) => {
    expect(() => targetFromStackFile(stackFile)).toThrow(TargetError);
    expect(() => targetFromStackFile(stackFile)).toThrow(message);
  });
});

describe('readStackOutputs and targetFromStageOutputs', () => {
  it('merges the outputs files of a stage and finds what every check needs', () => {
    const dir = outputsDir();
    const target = targetFromStageOutputs(readStackOutputs(dir), { stage: 'prod', source: dir });
    expect(target).toEqual({
      kind: 'aws',
      description: `stage prod (${dir})`,
      apiUrl: 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com',
      assetsUrl: 'https://d111111abcdef8.cloudfront.net',
      cognito: { endpoint: 'https://cognito-idp.eu-west-1.amazonaws.com/', clientId: '4abcdefghijklmnopqrstuvwx1' },
      demoUsers: [],
      aws: {
        stage: 'prod',
        region: 'eu-west-1',
        avatarProcessedTopicArn: 'arn:aws:sns:eu-west-1:123456789012:cruddur-avatars-prod-avatar-processed',
        profileSubscriberFunctionName: 'cruddur-avatars-prod-profile-avatar-processed',
        thumbnailDeadLetterQueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/cruddur-avatars-prod-thumbnail-dlq',
      },
    });
  });

  it('takes a given region, client id and Cognito endpoint over the outputs', () => {
    const outputs = readStackOutputs(outputsDir());
    const target = targetFromStageOutputs(outputs, { stage: 'prod', source: 'x', region: 'eu-central-1', cognitoClientId: 'given', cognitoEndpoint: 'http://127.0.0.1:9229' });
    expect(target.aws?.region).toBe('eu-central-1');
    expect(target.cognito).toEqual({ endpoint: 'http://127.0.0.1:9229', clientId: 'given' });
  });

  it('names the missing output and the stack to deploy', () => {
    const rest = Object.fromEntries(Object.entries(PROD_OUTPUT_FILES).filter(([name]) => name !== 'cruddur-avatars-prod-thumbnail.json'));
    const outputs = readStackOutputs(outputsDir(rest));
    expect(() => targetFromStageOutputs(outputs, { stage: 'prod', source: 'x' })).toThrow(
      'output DeadLetterQueueUrl of cruddur-avatars-prod-thumbnail is missing: deploy thumbnail (no outputs of that stack)',
    );
    expect(() => targetFromStageOutputs(outputs, { stage: 'dev', source: 'x' })).toThrow(/output AvatarProcessedTopicArn of cruddur-avatars-dev-events is missing/);
  });

  it('asks for the app client id when the stage uses an existing user pool (no auth stack)', () => {
    const shared = { ...PROD_OUTPUT_FILES['cruddur-avatars-prod-shared.json'] };
    delete (shared as Record<string, unknown>)['cruddur-avatars-prod-auth'];
    const outputs = readStackOutputs(outputsDir({ ...PROD_OUTPUT_FILES, 'cruddur-avatars-prod-shared.json': shared }));
    expect(() => targetFromStageOutputs(outputs, { stage: 'prod', source: 'x' })).toThrow(/no Cognito app client id: pass --cognito-client-id/);
    expect(targetFromStageOutputs(outputs, { stage: 'prod', source: 'x', cognitoClientId: 'c-1' }).cognito.clientId).toBe('c-1');
  });

  it('refuses a missing folder and a file that is not outputs', () => {
    expect(() => readStackOutputs(path.join(tmpdir(), 'no-such-outputs'))).toThrow(/no deploy outputs at .*: deploy the stage first/);
    expect(() => readStackOutputs(outputsDir({ 'broken.json': '[1, 2]' }))).toThrow(/is not an object of stacks/);
    expect(() => readStackOutputs(outputsDir({ 'broken.json': 'nope' }))).toThrow(TargetError);
  });
});
