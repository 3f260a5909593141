import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import type { HttpApiRequestParts } from '@cruddur/shared/lambda-events';

/** A request as API Gateway sees it once the route is known. */
export interface MatchedRequest {
  request: IncomingMessage;
  routeKey: string;
  rawPath: string;
  rawQueryString: string;
  pathParameters?: Record<string, string>;
  body: Buffer;
}

// Bodies of these types reach the function as text; anything else base64-encoded.
const TEXT_BODY = /^(text\/|application\/([\w.+-]+\+)?(json|xml|javascript|x-www-form-urlencoded)\b)/i;

/** Header names lower-cased, repeated headers joined with commas, cookies apart: as payload 2.0. */
function headersAndCookies(request: IncomingMessage): { headers: Record<string, string>; cookies?: string[] } {
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, values] of Object.entries(request.headersDistinct)) {
    if (values === undefined) continue;
    if (name === 'cookie') {
      cookies = values.flatMap((value) => value.split(/;\s*/)).filter(Boolean);
      continue;
    }
    headers[name] = values.join(',');
  }
  return { headers, ...(cookies ? { cookies } : {}) };
}

/**
 * What an HTTP API hands its integrations from a received request: payload 2.0 headers and
 * cookies, the body as text for textual content types (when it is UTF-8) and base64 for the rest.
 *
 * @example
 * const event = httpApiProxyEvent(api, requestParts(matched), authorizerContext);
 */
export function requestParts(matched: MatchedRequest): HttpApiRequestParts {
  const { headers, cookies } = headersAndCookies(matched.request);
  const hasBody = matched.body.byteLength > 0;
  // Bytes that are not UTF-8 cannot travel as text without loss: they go base64, for the function to refuse.
  const text = TEXT_BODY.test(headers['content-type'] ?? '') && isUtf8(matched.body);
  return {
    method: matched.request.method ?? 'GET',
    routeKey: matched.routeKey,
    rawPath: matched.rawPath,
    rawQueryString: matched.rawQueryString,
    headers,
    ...(cookies ? { cookies } : {}),
    ...(matched.pathParameters ? { pathParameters: matched.pathParameters } : {}),
    ...(hasBody ? { body: matched.body.toString(text ? 'utf8' : 'base64') } : {}),
    isBase64Encoded: hasBody && !text,
    sourceIp: matched.request.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
    protocol: `HTTP/${matched.request.httpVersion}`,
  };
}
