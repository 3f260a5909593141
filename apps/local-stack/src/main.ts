import path from 'node:path';
import { parseCli, usage } from './cli';
import { LocalStackError, UsageError } from './errors';
import { WORKSPACE_ROOT, startLocalStack } from './local-stack';
import type { LocalStack } from './options';

function banner(stack: LocalStack): string {
  const width = Math.max(...stack.demoUsers.map((u) => u.username.length));
  const rel = (file: string) => path.relative(process.cwd(), file) || '.';
  return [
    '',
    `Cruddur local stack ready in ${(stack.startupMs / 1000).toFixed(1)} s (data in ${rel(stack.dataDir)})`,
    '',
    `  Web page    ${stack.webUrl}`,
    `  API         ${stack.apiUrl}`,
    `  Assets CDN  ${stack.assetsUrl}`,
    `  S3          ${stack.s3Url}  (buckets ${stack.buckets.uploads}, ${stack.buckets.assets}; keys ${stack.s3Credentials.accessKeyId} / ${stack.s3Credentials.secretAccessKey})`,
    `  Cognito     ${stack.cognito.endpoint}  (user pool ${stack.cognito.userPoolId}, client ${stack.cognito.clientId})`,
    '',
    '  Demo users (username / password):',
    ...stack.demoUsers.map((user) => `    ${user.username.padEnd(width)} / ${user.password}`),
    '',
    `  ${rel(path.join(stack.dataDir, 'stack.json'))} describes it all; Ctrl-C stops; \`npm start -- --reset\` starts from scratch.`,
    '',
  ].join('\n');
}

async function main(): Promise<number> {
  let cli;
  try {
    cli = parseCli(process.argv.slice(2), process.env, WORKSPACE_ROOT);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`error: ${error.message}\n(npm start -- --help shows the options)`);
    return 2;
  }
  if (cli.help) {
    console.log(usage(WORKSPACE_ROOT));
    return 0;
  }

  let stack: LocalStack;
  try {
    stack = await startLocalStack({
      dataDir: cli.dataDir,
      reset: cli.reset,
      ports: cli.ports,
      buildWeb: cli.buildWeb,
      handlerLogLevel: cli.handlerLogLevel,
      log: (line) => console.log(line),
    });
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`error: ${error.message}`);
      return 2;
    }
    if (error instanceof LocalStackError) {
      console.error(`error: ${error.message}`);
      return 1;
    }
    throw error;
  }
  console.log(banner(stack));

  return new Promise<number>((resolve) => {
    let signals = 0;
    const stop = (signal: NodeJS.Signals) => {
      signals += 1;
      if (signals > 1) {
        console.error(`${signal} again: exiting without waiting`);
        process.exit(1);
      }
      console.log(`\n${signal}: stopping…`);
      stack.stop().then(
        () => {
          console.log('stopped.');
          resolve(0);
        },
        (error: unknown) => {
          console.error(`error while stopping: ${String(error)}`);
          resolve(1);
        },
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
