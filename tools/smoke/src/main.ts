import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SSMClient } from '@aws-sdk/client-ssm';
import { photoJpeg } from '@cruddur/testing/images';
import { runCli } from './cli';
import { awsStageDirectory, awsStageProbe } from './stage-probe';

runCli(process.argv.slice(2), process.env, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  fetch: (input, init) => fetch(input, init),
  // A photo-like 640×480 JPEG (a few tens of KB): big enough to be resized, small enough to be quick.
  image: () => photoJpeg({ width: 640, height: 480, quality: 80 }),
  connect: (target) => {
    const region = target.aws?.region;
    return awsStageProbe(new SNSClient({ region }), new SQSClient({ region }));
  },
  directory: (region) => awsStageDirectory(new SSMClient({ region }), new SQSClient({ region })),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`smoke: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
