import { parser } from '@aws-lambda-powertools/parser/middleware';
import type { MiddlewareObj } from '@middy/core';
import * as z from 'zod/mini';

/**
 * Validates the body `jsonBody()` parsed against a contract schema, with powertools' parser
 * middleware: the handler then reads `event.body` as the schema's output, and a refusal becomes
 * the contract's short JSON answer (400, or the status the failed check names, e.g. 413, 415).
 * Use it after `httpApi({ jsonBodyMaxBytes })`.
 *
 * @example
 * middy().use(httpApi({ logger, origins, jsonBodyMaxBytes: 1024 })).use(bodySchema(AvatarUploadRequestSchema));
 */
export function bodySchema<S extends z.ZodMiniType>(schema: S): MiddlewareObj<{ body: z.output<S> }> {
  return parser({ schema: z.looseObject({ body: schema }) }) as MiddlewareObj<{ body: z.output<S> }>;
}
