import { mkdtempSync, rmSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DurableInvoker, createLambdaInvokeApi } from '../../src';

const fn = { name: 'thumbnail', region: 'us-east-1', memoryMb: 128, timeoutMs: 1000 };

describe('createLambdaInvokeApi, called with the SDK’s LambdaClient', () => {
  const directory = mkdtempSync(path.join(tmpdir(), 'invoke-api-'));
  const invoker = new DurableInvoker({ directory, log: () => undefined, retryDelaysMs: [1, 1] });
  const seen: unknown[] = [];
  invoker.register(fn, async (event: { fail?: boolean }) => {
    seen.push(event);
    if (event.fail) throw new TypeError('not an image');
    return { processed: 1 };
  });
  let server: Server;
  let lambda: LambdaClient;

  beforeAll(async () => {
    server = createServer(createLambdaInvokeApi({ invoker, log: () => undefined }).handle);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    lambda = new LambdaClient({ region: 'us-east-1', endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1 });
  });
  afterAll(async () => {
    lambda.destroy();
    await invoker.drain();
    await new Promise((resolve) => server.close(resolve));
    rmSync(directory, { recursive: true, force: true });
  });

  const invoke = (payload: unknown, FunctionName = 'thumbnail', InvocationType: 'RequestResponse' | 'Event' = 'RequestResponse') =>
    lambda.send(new InvokeCommand({ FunctionName, InvocationType, Payload: new TextEncoder().encode(JSON.stringify(payload)) }));
  const decoded = (payload: Uint8Array | undefined) => JSON.parse(new TextDecoder().decode(payload));

  it('answers a synchronous invocation with the result', async () => {
    const result = await invoke({ n: 1 });
    expect(result.StatusCode).toBe(200);
    expect(result.FunctionError).toBeUndefined();
    expect(decoded(result.Payload)).toEqual({ processed: 1 });
  });

  it('reports a function error the way Lambda does: 200, FunctionError, the error payload', async () => {
    const result = await invoke({ fail: true }, 'arn:aws:lambda:us-east-1:000000000000:function:thumbnail');
    expect(result.FunctionError).toBe('Unhandled');
    expect(decoded(result.Payload)).toMatchObject({ errorType: 'TypeError', errorMessage: 'not an image' });
  });

  it('journals an Event invocation and answers 202', async () => {
    const result = await invoke({ n: 2 }, 'thumbnail', 'Event');
    expect(result.StatusCode).toBe(202);
    await invoker.settled();
    expect(seen).toContainEqual({ n: 2 });
  });

  it('answers ResourceNotFoundException for an unknown function', async () => {
    await expect(invoke({}, 'nope')).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
