import type { IncomingMessage } from 'node:http';
import { BodyLimitExceeded } from './errors';

/**
 * Reads a whole request body into memory.
 *
 * @throws BodyLimitExceeded once more than `limit` bytes arrived
 *
 * @example
 * const body = await readBody(request, 1024 * 1024);
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

/**
 * The single value of a request header (repeated ones joined with `, `), or undefined.
 *
 * @example
 * headerValue(request, 'Origin'); // 'http://localhost:5173'
 */
export function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}
