// Runs in the Node 22 child, as Lambda's Node.js bootstrap does: load the handler module from the
// task root once, then invoke it per event. Invocations come as JSON lines on stdin; each answer is
// one JSON line on fd 3, so whatever the function logs (stdout, stderr) never mixes with answers.
'use strict';
const { createInterface } = require('node:readline');
const { randomBytes } = require('node:crypto');
const { createWriteStream } = require('node:fs');
const path = require('node:path');

const answers = createWriteStream('', { fd: 3 });
const answer = (message) => answers.write(`${JSON.stringify(message)}\n`);
const errorOf = (error) => ({
  name: error instanceof Error ? error.name : 'Error',
  message: error instanceof Error ? error.message : String(error),
});

const taskRoot = process.env.LAMBDA_TASK_ROOT;
const functionName = process.env.AWS_LAMBDA_FUNCTION_NAME;
let handlerModule;
try {
  handlerModule = require(path.join(taskRoot, 'index.js'));
  answer({
    type: 'ready',
    runtime: {
      version: process.version,
      arch: process.arch,
      platform: process.platform,
      glibc: process.report.getReport().header.glibcVersionRuntime,
    },
    handlers: Object.keys(handlerModule).filter((name) => typeof handlerModule[name] === 'function'),
  });
} catch (error) {
  // Lambda reports this as Runtime.ImportModuleError / an init error and never invokes.
  answer({ type: 'init-error', error: errorOf(error) });
  process.exitCode = 1;
}

if (handlerModule) {
  createInterface({ input: process.stdin }).on('line', async (line) => {
    const { id, handler, event } = JSON.parse(line);
    const deadline = Date.now() + 30_000;
    const context = {
      callbackWaitsForEmptyEventLoop: true,
      functionName,
      functionVersion: '$LATEST',
      invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:123456789012:function:${functionName}`,
      memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
      awsRequestId: `artifact-test-${id}`,
      logGroupName: `/aws/lambda/${functionName}`,
      logStreamName: '2026/12/01/[$LATEST]artifacttest',
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    };
    // As Lambda's runtime does: the configured handler (one per function there, one per call here),
    // and for a function with active tracing a new trace header per invocation.
    process.env._HANDLER = `index.${handler}`;
    process.env._X_AMZN_TRACE_ID = `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')};Parent=${randomBytes(8).toString('hex')};Sampled=1`;
    try {
      const fn = handlerModule[handler];
      if (typeof fn !== 'function') throw new TypeError(`index.${handler} is not a function (Runtime.HandlerNotFound)`);
      answer({ type: 'result', id, result: (await fn(event, context)) ?? null });
    } catch (error) {
      answer({ type: 'error', id, error: errorOf(error) });
    }
  });
}
