import { CognitoApiError } from './errors';

/**
 * Calls one action of the Cognito user pools JSON API, the way the SDKs and the browser do.
 *
 * @throws CognitoApiError with the exception name Cognito answered
 *
 * @example
 * const { UserPools } = await cognitoCall(endpoint, 'ListUserPools', { MaxResults: 60 });
 */
export async function cognitoCall<T = Record<string, unknown>>(endpoint: string, action: string, body: unknown): Promise<T> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `AWSCognitoIdentityProviderService.${action}`,
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const parsed = (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>;
  if (!response.ok) {
    throw new CognitoApiError(String(parsed['__type'] ?? 'UnknownError'), String(parsed['message'] ?? text), response.status);
  }
  return parsed as T;
}
