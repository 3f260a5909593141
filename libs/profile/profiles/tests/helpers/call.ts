import { httpApiEvent, lambdaContext } from '@cruddur/shared/lambda-events';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';

export const ORIGIN = 'http://localhost:5173';

type Route = (event: never, context: Context) => Promise<unknown>;

/** Calls an HTTP API handler with a real-shaped event and parses its JSON answer. */
export async function call(route: Route, request: Parameters<typeof httpApiEvent>[0]) {
  const event = httpApiEvent({ headers: { origin: ORIGIN }, ...request });
  const res = (await route(event as never, lambdaContext())) as APIGatewayProxyStructuredResultV2;
  return { ...res, json: res.body ? JSON.parse(res.body) : undefined };
}
