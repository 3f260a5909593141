import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { functionErrorPayload } from '@cruddur/shared/lambda-events';
import { BodyLimitExceeded, headerValue, readBody } from '@cruddur/local/http-body';
import type { DurableInvoker } from './durable-invoker';
import { UnknownFunctionError } from './errors';

/** Lambda's synchronous payload limit. */
const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;
const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)), ...headers });
  response.end(text);
}

function sendError(response: ServerResponse, status: number, type: string, message: string): void {
  send(response, status, { Type: 'User', message }, { 'x-amzn-ErrorType': type });
}

/** `thumbnail`, or the name inside `arn:aws:lambda:<region>:<account>:function:thumbnail[:qualifier]`. */
function functionName(raw: string): string {
  const name = decodeURIComponent(raw);
  const match = /^arn:aws:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(name);
  return match?.[1] ?? name;
}

/**
 * Lambda's `Invoke` API (`POST /2015-03-31/functions/{name}/invocations`) over the local stack's
 * functions, so that tools built on `LambdaClient` (tools/redrive) work locally unchanged:
 * `RequestResponse` runs once and answers the result or the function error (200 with
 * `X-Amz-Function-Error`), `Event` is journaled like any asynchronous invocation (202).
 * It listens on loopback only and checks no signature.
 *
 * @example
 * server.on('request', createLambdaInvokeApi({ invoker, log }).handle);
 */
export function createLambdaInvokeApi(options: { invoker: DurableInvoker; log: (line: string) => void }): { handle: RequestListener } {
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const match = INVOKE_PATH.exec((request.url ?? '/').split('?')[0] ?? '/');
    if (!match || request.method !== 'POST') {
      sendError(response, 404, 'UnknownOperationException', `${request.method} ${request.url}: only Invoke (POST /2015-03-31/functions/{name}/invocations) is served here`);
      return;
    }
    const name = functionName(match[1] ?? '');
    const type = headerValue(request, 'x-amz-invocation-type') ?? 'RequestResponse';
    let event: unknown;
    try {
      const body = await readBody(request, MAX_PAYLOAD_BYTES);
      event = body.byteLength === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch (error) {
      if (error instanceof BodyLimitExceeded) sendError(response, 413, 'RequestTooLargeException', `payload over ${MAX_PAYLOAD_BYTES} bytes`);
      else sendError(response, 400, 'InvalidRequestContentException', 'Could not parse request body into json');
      return;
    }
    try {
      if (type === 'Event') {
        await options.invoker.enqueue(name, event, `invoke ${name} (Event)`);
        send(response, 202, undefined);
        return;
      }
      if (type !== 'RequestResponse') {
        sendError(response, 400, 'InvalidParameterValueException', `invocation type ${type} is not supported locally`);
        return;
      }
      let result: unknown;
      try {
        result = await options.invoker.invoke(name, event);
      } catch (error) {
        if (error instanceof UnknownFunctionError) throw error;
        options.log(`lambda: ${name} invoked synchronously failed: ${error instanceof Error ? error.message : String(error)}`);
        send(response, 200, functionErrorPayload(error), { 'X-Amz-Function-Error': 'Unhandled', 'X-Amz-Executed-Version': '$LATEST' });
        return;
      }
      options.log(`lambda: ${name} invoked synchronously`);
      send(response, 200, result ?? null, { 'X-Amz-Executed-Version': '$LATEST' });
    } catch (error) {
      if (error instanceof UnknownFunctionError) sendError(response, 404, 'ResourceNotFoundException', error.message);
      else {
        options.log(`lambda: ${name}: ${String(error)}`);
        sendError(response, 500, 'ServiceException', 'internal error');
      }
    }
  };
  return { handle: (request, response) => void handle(request, response) };
}
