import { invocationContext, lambdaContext } from '../../src';

describe('invocationContext', () => {
  it('names the function in its ARN and log group, and counts down from the timeout', () => {
    const startedAt = Date.now() - 1000;
    const context = invocationContext({ name: 'thumbnail', region: 'eu-west-1', memoryMb: 1024, timeoutMs: 30_000, accountId: '000000000000' }, startedAt);
    expect(context).toMatchObject({
      functionName: 'thumbnail',
      invokedFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:thumbnail',
      memoryLimitInMB: '1024',
      logGroupName: '/aws/lambda/thumbnail',
    });
    expect(context.getRemainingTimeInMillis()).toBeLessThanOrEqual(29_000);
    expect(context.awsRequestId).not.toBe(invocationContext({ name: 'thumbnail', region: 'eu-west-1', memoryMb: 1024, timeoutMs: 1, accountId: '0' }).awsRequestId);
  });
});

describe('lambdaContext', () => {
  it('takes overrides and keeps a fixed remaining time', () => {
    const context = lambdaContext({ functionName: 'presign' });
    expect(context.invokedFunctionArn).toBe('arn:aws:lambda:us-east-1:123456789012:function:presign');
    expect(context.getRemainingTimeInMillis()).toBe(30_000);
  });
});
