import { LambdaClient } from '@aws-sdk/client-lambda';
import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { lambdaReplayer, sqsDeadLetterSource } from './aws';
import { runCli } from './cli';
import { localDeadLetterSource, localReplayer, runningLocalStack } from './local';

const log = (line: string) => process.stdout.write(`${line}\n`);

runCli(process.argv.slice(2), process.env, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  async connect(command) {
    if (command.local !== undefined) {
      const source = localDeadLetterSource(command.local, command.functionName);
      if (command.dryRun) return { source, replayer: { description: `the local ${command.functionName} (dry run: not contacted)`, replay: async () => undefined } };
      return { source, replayer: localReplayer(runningLocalStack(command.local), command.functionName) };
    }
    const sqs = new SQSClient(command.region ? { region: command.region } : {});
    const queueUrl = command.queueUrl ?? (await sqs.send(new GetQueueUrlCommand({ QueueName: command.queueName }))).QueueUrl;
    if (!queueUrl) throw new Error(`no queue named ${command.queueName}`);
    const lambda = new LambdaClient(command.region ? { region: command.region } : {});
    return { source: sqsDeadLetterSource(sqs, queueUrl, log), replayer: lambdaReplayer(lambda, command.functionName) };
  },
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`redrive: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
