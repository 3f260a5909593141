import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { StackOutputs } from '../../src/target';

/** What `cdk deploy --outputs-file` would write for a prod stage in eu-west-1 (tools/deploy writes one file per deploy). */
export const PROD_OUTPUT_FILES: Readonly<Record<string, StackOutputs>> = Object.freeze({
  'cruddur-avatars-prod-shared.json': {
    'cruddur-avatars-prod-storage': { CdnUrl: 'https://d111111abcdef8.cloudfront.net', UploadsBucketName: 'uploads-b', AssetsBucketName: 'assets-b' },
    'cruddur-avatars-prod-events': { AvatarProcessedTopicArn: 'arn:aws:sns:eu-west-1:123456789012:cruddur-avatars-prod-avatar-processed' },
    'cruddur-avatars-prod-api': { ApiUrl: 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/', KeyUploadUrl: 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/avatars/key_upload' },
    'cruddur-avatars-prod-auth': { UserPoolId: 'eu-west-1_AbC123xyz', UserPoolClientId: '4abcdefghijklmnopqrstuvwx1' },
  },
  'cruddur-avatars-prod-thumbnail.json': {
    'cruddur-avatars-prod-thumbnail': { DeadLetterQueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/cruddur-avatars-prod-thumbnail-dlq' },
  },
  'cruddur-avatars-prod-profile.json': {
    'cruddur-avatars-prod-profile': {
      avatarProcessedFunctionName: 'cruddur-avatars-prod-profile-avatar-processed',
      DeadLetterQueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/cruddur-avatars-prod-profile-avatar-processed-dlq',
    },
  },
});

/** A temp tmp/cdk-outputs with the given files (default: the prod stage above). */
export function outputsDir(files: Readonly<Record<string, unknown>> = PROD_OUTPUT_FILES): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'smoke-outputs-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return dir;
}
