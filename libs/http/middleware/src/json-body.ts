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

function headerValue(headers: Record<string, string | undefined> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const match = Object.keys(headers).find((key) => key.toLowerCase() === name);
  return match === undefined ? undefined : headers[match];
}

/**
 * Parses the body of an HTTP API request into a JSON object, before the handler runs.
 * Refuses other media types, bodies over `maxBytes` and anything but a JSON object.
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
      const mediaType = headerValue(event.headers, 'content-type')?.split(';')[0]?.trim() ?? '';
      if (!JSON_MEDIA_TYPE.test(mediaType)) throw new UnsupportedBodyTypeError();
      if (event.body === undefined || event.body === '') throw new MalformedBodyError('body is required');
      const bytes = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
      if (bytes.byteLength > options.maxBytes) throw new BodyTooLargeError(options.maxBytes);
      let parsed: unknown;
      try {
        parsed = JSON.parse(bytes.toString('utf8'));
      } catch (cause) {
        throw new MalformedBodyError('body is not valid JSON', { cause });
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new MalformedBodyError();
      (event as unknown as JsonBodyEvent).body = parsed as Record<string, unknown>;
    },
  };
}
