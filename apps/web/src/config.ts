import { ConfigError, NetworkError } from './errors';
import type { FetchLike } from './fetch-like';

export interface CognitoConfig {
  /** Where the Cognito JSON API answers: `https://cognito-idp.<region>.amazonaws.com/`, or cognito-local. */
  endpoint: string;
  region: string;
  userPoolId: string;
  clientId: string;
}

/** What `/config.json` tells the page; URLs are absolute and have no trailing slash. */
export interface WebConfig {
  apiUrl: string;
  assetsUrl: string;
  cognito: CognitoConfig;
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(`config.json: expected ${what} to be an object`);
  }
  return value as Record<string, unknown>;
}

function text(source: Record<string, unknown>, key: string, what: string): string {
  const value = source[key];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigError(`config.json: expected ${what} to be a non-empty string`);
  }
  return value.trim();
}

function httpUrl(raw: string, base: string, what: string): string {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch (error) {
    throw new ConfigError(`config.json: ${what} is not a URL`, { cause: error });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`config.json: ${what} must be an http(s) URL`);
  }
  return url.href.replace(/\/+$/, '');
}

/**
 * Checks the shape of `/config.json`. Relative URLs are resolved against `base` (the page's own
 * address), so a deploy may serve the API from the same origin.
 *
 * @example
 * const config = parseWebConfig(await response.json(), location.href);
 */
export function parseWebConfig(raw: unknown, base: string): WebConfig {
  const root = record(raw, 'the document');
  const cognito = record(root['cognito'], 'cognito');
  return {
    apiUrl: httpUrl(text(root, 'apiUrl', 'apiUrl'), base, 'apiUrl'),
    assetsUrl: httpUrl(text(root, 'assetsUrl', 'assetsUrl'), base, 'assetsUrl'),
    cognito: {
      // Cognito's JSON API is POSTed to the endpoint's root, so keep the trailing slash.
      endpoint: `${httpUrl(text(cognito, 'endpoint', 'cognito.endpoint'), base, 'cognito.endpoint')}/`,
      region: text(cognito, 'region', 'cognito.region'),
      userPoolId: text(cognito, 'userPoolId', 'cognito.userPoolId'),
      clientId: text(cognito, 'clientId', 'cognito.clientId'),
    },
  };
}

/**
 * Fetches and checks `/config.json`, bypassing the HTTP cache: it changes with every deploy.
 *
 * @example
 * const config = await loadWebConfig(fetch.bind(window), location.href);
 */
export async function loadWebConfig(fetchFn: FetchLike, base: string, path = '/config.json'): Promise<WebConfig> {
  let response: Response;
  try {
    response = await fetchFn(new URL(path, base).href, { cache: 'no-store' });
  } catch (error) {
    throw new NetworkError('Could not load the page settings (config.json).', { cause: error });
  }
  if (!response.ok) throw new ConfigError(`config.json: the server answered ${response.status}`);
  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    throw new ConfigError('config.json is not valid JSON', { cause: error });
  }
  return parseWebConfig(body, base);
}
