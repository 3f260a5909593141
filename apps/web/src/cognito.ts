import type { CognitoConfig } from './config';
import { CognitoError, NetworkError } from './errors';
import type { FetchLike } from './fetch-like';

/** The tokens the page keeps for the session; `expiresAt` is in milliseconds since the epoch. */
export interface SessionTokens {
  accessToken: string;
  refreshToken?: string;
  expiresAt: number;
}

const JSON_1_1 = 'application/x-amz-json-1.1';

/** Messages for the Cognito errors a person can cause while signing in; the rest get a generic one. */
const SIGN_IN_MESSAGES: Readonly<Record<string, string>> = Object.freeze({
  NotAuthorizedException: 'Incorrect username or password.',
  // cognito-local answers a wrong password this way; Cognito itself says NotAuthorizedException.
  InvalidPasswordException: 'Incorrect username or password.',
  // Cognito says "user not found" only when the pool reveals it; never confirm which part was wrong.
  UserNotFoundException: 'Incorrect username or password.',
  UserNotConfirmedException: 'This account is not confirmed yet. Confirm it from the email you received.',
  PasswordResetRequiredException: 'This account needs a password reset before it can sign in.',
  TooManyRequestsException: 'Too many attempts. Wait a minute and try again.',
  LimitExceededException: 'Too many attempts. Wait a minute and try again.',
  InvalidParameterException: 'Enter your username and password.',
});

/**
 * The error type of a Cognito answer, from the `__type` field or the `x-amzn-ErrorType` header,
 * without the namespace prefix (`…#`) or the documentation suffix (`:http…`) AWS sometimes adds.
 *
 * @example
 * cognitoErrorType({ __type: 'NotAuthorizedException' }, null); // 'NotAuthorizedException'
 */
export function cognitoErrorType(body: unknown, header: string | null): string {
  const fromBody =
    typeof body === 'object' && body !== null && typeof (body as Record<string, unknown>)['__type'] === 'string'
      ? ((body as Record<string, unknown>)['__type'] as string)
      : undefined;
  const raw = fromBody ?? header ?? '';
  const withoutNamespace = raw.slice(raw.lastIndexOf('#') + 1);
  return withoutNamespace.split(':')[0]?.trim() || 'UnknownError';
}

/**
 * What to tell the person when signing in failed with this Cognito error type.
 *
 * @example
 * signInErrorMessage('NotAuthorizedException'); // 'Incorrect username or password.'
 */
export function signInErrorMessage(code: string): string {
  return SIGN_IN_MESSAGES[code] ?? 'Signing in failed. Please try again.';
}

/** POSTs one action of the Cognito JSON API and returns the parsed answer, or throws `CognitoError`. */
async function callCognito(config: CognitoConfig, action: string, body: object, fetchFn: FetchLike): Promise<unknown> {
  let response: Response;
  try {
    response = await fetchFn(config.endpoint, {
      method: 'POST',
      headers: {
        'Content-Type': JSON_1_1,
        'X-Amz-Target': `AWSCognitoIdentityProviderService.${action}`,
      },
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw new NetworkError('Could not reach the sign-in service. Check your connection and try again.', {
      cause: error,
    });
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? {} : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const code = cognitoErrorType(parsed, response.headers.get('x-amzn-ErrorType'));
    throw new CognitoError(code, signInErrorMessage(code));
  }
  if (parsed === undefined) throw new CognitoError('SerializationException', 'The sign-in service sent an unreadable answer.');
  return parsed;
}

/**
 * Reads the tokens out of an `InitiateAuth` answer. Cognito answers with a `ChallengeName` instead
 * when it needs more (a new password, MFA), which this page does not offer.
 *
 * @example
 * const tokens = sessionTokensFrom(await response.json(), Date.now());
 */
export function sessionTokensFrom(answer: unknown, now: number, previousRefreshToken?: string): SessionTokens {
  const body = (typeof answer === 'object' && answer !== null ? answer : {}) as Record<string, unknown>;
  if (typeof body['ChallengeName'] === 'string') {
    const message =
      body['ChallengeName'] === 'NEW_PASSWORD_REQUIRED'
        ? 'This account must set a new password before it can sign in here.'
        : 'This account needs an extra sign-in step this page does not support.';
    throw new CognitoError(body['ChallengeName'], message);
  }
  const result = body['AuthenticationResult'];
  const fields = (typeof result === 'object' && result !== null ? result : {}) as Record<string, unknown>;
  const accessToken = fields['AccessToken'];
  if (typeof accessToken !== 'string' || accessToken === '') {
    throw new CognitoError('MissingAccessToken', 'The sign-in service did not return a session.');
  }
  const expiresIn = typeof fields['ExpiresIn'] === 'number' && fields['ExpiresIn'] > 0 ? fields['ExpiresIn'] : 3600;
  // A refresh answers without a new refresh token: the old one stays valid.
  const refreshToken = typeof fields['RefreshToken'] === 'string' ? fields['RefreshToken'] : previousRefreshToken;
  return { accessToken, expiresAt: now + expiresIn * 1000, ...(refreshToken ? { refreshToken } : {}) };
}

/**
 * Signs in with `USER_PASSWORD_AUTH` against the real Cognito API (or cognito-local).
 *
 * @example
 * const tokens = await signIn(config.cognito, 'alice', 'Passw0rd!', fetch.bind(window));
 */
export async function signIn(
  config: CognitoConfig,
  username: string,
  password: string,
  fetchFn: FetchLike,
  now: () => number = Date.now,
): Promise<SessionTokens> {
  const answer = await callCognito(
    config,
    'InitiateAuth',
    { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: config.clientId, AuthParameters: { USERNAME: username, PASSWORD: password } },
    fetchFn,
  );
  return sessionTokensFrom(answer, now());
}

/**
 * Trades a refresh token for a new access token (`REFRESH_TOKEN_AUTH`).
 *
 * @example
 * const fresh = await refreshSession(config.cognito, tokens.refreshToken, fetch.bind(window));
 */
export async function refreshSession(
  config: CognitoConfig,
  refreshToken: string,
  fetchFn: FetchLike,
  now: () => number = Date.now,
): Promise<SessionTokens> {
  const answer = await callCognito(
    config,
    'InitiateAuth',
    { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: config.clientId, AuthParameters: { REFRESH_TOKEN: refreshToken } },
    fetchFn,
  );
  return sessionTokensFrom(answer, now(), refreshToken);
}

/**
 * Revokes the session's refresh token and the access tokens issued with it (`RevokeToken`), which
 * Cognito and cognito-local both answer; `GlobalSignOut` would sign out every device, and
 * cognito-local answers it with a 500. Best effort: signing out locally must never wait on, or
 * fail because of, the network.
 *
 * @example
 * await revokeSession(config.cognito, tokens.refreshToken, fetch.bind(window));
 */
export async function revokeSession(config: CognitoConfig, refreshToken: string, fetchFn: FetchLike): Promise<boolean> {
  try {
    await callCognito(config, 'RevokeToken', { ClientId: config.clientId, Token: refreshToken }, fetchFn);
    return true;
  } catch {
    return false;
  }
}
