import * as z from 'zod/mini';

/**
 * Who is calling, as the Lambda authorizer puts it in `requestContext.authorizer.lambda`: the
 * Cognito `sub` (never empty) and username. The identity never comes from a request body.
 */
export const CallerIdentitySchema = z.object({
  sub: z.string().check(z.minLength(1)),
  username: z.string(),
});

export type CallerIdentity = z.infer<typeof CallerIdentitySchema>;
