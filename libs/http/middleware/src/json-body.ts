import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { BodyTooLargeError, MalformedBodyError, UnsupportedBodyTypeError } from './errors';

export interface JsonBodyOptions {
  /** Largest accepted body in bytes, after base64 decoding. */
  maxBytes?: number;
}

/** An HTTP API event whose body `jsonBody()` has parsed. */
export type JsonBodyEvent<E extends APIGatewayProxyEventV2 = APIGatewayProxyEventV2> = Omit<E, 'body'> & {
  body: Record<string, unknown>;
};

const defaults: Readonly<Required<JsonBodyOptions>> = Object.freeze({ maxBytes: 16 * 1024 });

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;
const MEDIA_TYPE_PARAMETERS = /;.*/s;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
// Fatal: a byte sequence that is not UTF-8 is refused, never turned into U+FFFD and stored.
const LONE_SURROGATE = /\p{Cs}/u;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The body's bytes: base64 as API Gateway sends binary bodies, else the text, which must be well-formed. */
function bodyBytes(body: string, isBase64Encoded: boolean): Buffer {
  if (isBase64Encoded) {
    if (!BASE64.test(body)) throw new MalformedBodyError('body is not valid base64');
    return Buffer.from(body, 'base64');
  }
  // A lone surrogate has no UTF-8 form: Buffer.from would write U+FFFD in its place.
  if (LONE_SURROGATE.test(body)) throw new MalformedBodyError('body is not valid UTF-8');
  return Buffer.from(body);
}

function headerValue(headers: Record<string, string | undefined> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  return Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
}

/**
 * Parses the body of an HTTP API request into a JSON object, before the handler runs.
 * Refuses other media types, bodies over `maxBytes`, bytes that are not UTF-8 (decoded strictly,
 * base64 bodies too) and anything but a JSON object.
 *
 * @example
 * middy(handler).use(jsonBody({ maxBytes: 4096 }));
 */
export function jsonBody(opts: JsonBodyOptions = {}): MiddlewareObj<APIGatewayProxyEventV2> {
  const options = { ...defaults, ...opts };
  return {
    name: 'jsonBody',
    before: (request) => {
      const { event } = request;
      // Without its parameters (`; charset=utf-8`); a request without a content type is refused alike.
      const mediaType = headerValue(event.headers, 'content-type')?.replace(MEDIA_TYPE_PARAMETERS, '').trim();
      if (!mediaType?.match(JSON_MEDIA_TYPE)) throw new UnsupportedBodyTypeError();
      if (event.body === undefined || event.body === '') throw new MalformedBodyError('body is required');
      const bytes = bodyBytes(event.body, event.isBase64Encoded === true);
      if (bytes.byteLength > options.maxBytes) throw new BodyTooLargeError(options.maxBytes);
      let text: string;
      try {
        text = utf8.decode(bytes);
      } catch (cause) {
        throw new MalformedBodyError('body is not valid UTF-8', { cause });
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (cause) {
        throw new MalformedBodyError('body is not valid JSON', { cause });
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new MalformedBodyError();
      (event as unknown as JsonBodyEvent).body = parsed as Record<string, unknown>;
    },
  };
}
