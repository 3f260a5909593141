import type { IncomingMessage } from 'node:http';

/** The body was larger than the caller accepts; nothing past the limit was kept. */
export class BodyLimitExceeded extends Error {
  constructor(readonly limit: number) {
    super(`body is larger than ${limit} bytes`);
    this.name = 'BodyLimitExceeded';
  }
}

/**
 * Reads a whole request body into memory.
 *
 * @throws BodyLimitExceeded once more than `limit` bytes arrived
 */
export async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.byteLength;
    if (size > limit) throw new BodyLimitExceeded(limit);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, size);
}

/** The single value of a request header (Node joins repeated ones), or undefined. */
export function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}
