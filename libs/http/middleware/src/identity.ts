import { type CallerIdentity, CallerIdentitySchema } from '@cruddur/shared/contract';
import { MissingIdentityError } from './errors';

export type { CallerIdentity };

/**
 * The caller's identity from the authorizer context. The identity never comes from the body.
 *
 * @example
 * const { sub } = callerIdentity(event);
 */
export function callerIdentity(event: { requestContext: object }): CallerIdentity {
  // The context's shape is only as trusted as the authorizer that wrote it: check, don't cast.
  const { authorizer } = event.requestContext as { authorizer?: { lambda?: unknown } };
  const identity = CallerIdentitySchema.safeParse(authorizer?.lambda);
  if (!identity.success) throw new MissingIdentityError();
  return { sub: identity.data.sub, username: identity.data.username };
}
