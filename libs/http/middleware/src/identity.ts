import { MissingIdentityError } from './errors';

/** Who is calling, as our Lambda authorizer put it in the request context. */
export interface CallerIdentity {
  sub: string;
  username: string;
}

/**
 * The caller's identity from the authorizer context. The identity never comes from the body.
 *
 * @example
 * const { sub } = callerIdentity(event);
 */
export function callerIdentity(event: { requestContext: object }): CallerIdentity {
  // The context's shape is only as trusted as the authorizer that wrote it: check, don't cast.
  const { authorizer } = event.requestContext as { authorizer?: { lambda?: Record<string, unknown> } };
  const lambda = authorizer?.lambda;
  const sub = lambda?.sub;
  const username = lambda?.username;
  if (typeof sub !== 'string' || sub === '' || typeof username !== 'string') throw new MissingIdentityError();
  return { sub, username };
}
