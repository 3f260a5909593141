import type { ApiRoute, HttpMethod } from '@cruddur/shared/contract';
import type { LambdaHandler, LocalFunction } from '@cruddur/local/lambda-invoker';

/** One route of the HTTP API and the function behind it. */
export interface HttpApiRoute {
  method: HttpMethod;
  /** As in the route key: `/api/profiles/{handle}`; `{name+}` takes the rest of the path. */
  path: string;
  /** Behind the Lambda authorizer. */
  authorized: boolean;
  fn: LocalFunction;
  // The handlers are typed for their own event subtype (e.g. with the authorizer context).
  handler: LambdaHandler<never, unknown>;
}

/**
 * A route of the contract (`API_ROUTES`) served by a local function.
 *
 * @example
 * apiRoute(API_ROUTES.getProfile, localFunction('getProfile', region), handlers.getProfile);
 */
export function apiRoute(route: Pick<ApiRoute, 'method' | 'path' | 'auth'>, fn: LocalFunction, handler: HttpApiRoute['handler']): HttpApiRoute {
  return { method: route.method, path: route.path, authorized: route.auth === 'user', fn, handler };
}

export interface RouteMatch {
  route: HttpApiRoute;
  routeKey: string;
  pathParameters?: Record<string, string>;
}

/**
 * The route a request takes: the one whose method and path template match, most specific first
 * (literal segments before parameters), like API Gateway's route selection.
 *
 * @example
 * matchRoute(routes, 'GET', '/api/profiles/andrew')?.pathParameters; // { handle: 'andrew' }
 */
export function matchRoute(routes: readonly HttpApiRoute[], method: string, rawPath: string): RouteMatch | undefined {
  const segments = rawPath.split('/').slice(1);
  const candidates = routes
    .filter((route) => route.method === method)
    .map((route) => ({ route, params: matchPath(route.path, segments) }))
    .filter((c): c is { route: HttpApiRoute; params: Record<string, string> } => c.params !== undefined)
    .sort((a, b) => literalCount(b.route.path) - literalCount(a.route.path));
  const best = candidates[0];
  if (!best) return undefined;
  return {
    route: best.route,
    routeKey: `${best.route.method} ${best.route.path}`,
    ...(Object.keys(best.params).length > 0 ? { pathParameters: best.params } : {}),
  };
}

function literalCount(template: string): number {
  return template.split('/').filter((segment) => segment !== '' && !segment.startsWith('{')).length;
}

function matchPath(template: string, segments: readonly string[]): Record<string, string> | undefined {
  const parts = template.split('/').slice(1);
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i += 1) {
    const part = parts[i] ?? '';
    const greedy = /^\{(\w+)\+\}$/.exec(part);
    if (greedy) {
      const rest = segments.slice(i).join('/');
      if (rest === '') return undefined;
      params[greedy[1] ?? ''] = safeDecode(rest);
      return params;
    }
    const segment = segments[i];
    if (segment === undefined) return undefined;
    const param = /^\{(\w+)\}$/.exec(part);
    if (param) {
      if (segment === '') return undefined;
      params[param[1] ?? ''] = safeDecode(segment);
    } else if (part !== segment) {
      return undefined;
    }
  }
  return segments.length === parts.length ? params : undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
