import { type HttpApiRoute } from '../../src';
import { matchRoute } from '../../src/routes';

const fn = { name: 'f', region: 'us-east-1', memoryMb: 128, timeoutMs: 1000 };
const route = (method: HttpApiRoute['method'], path: string): HttpApiRoute => ({ method, path, authorized: false, fn, handler: async () => undefined });
const ROUTES = [route('GET', '/api/profiles/{handle}'), route('GET', '/api/profile'), route('PUT', '/api/profile/update'), route('GET', '/api/profiles/me'), route('GET', '/files/{path+}')];

describe('matchRoute', () => {
  it('fills path parameters, decoded', () => {
    expect(matchRoute(ROUTES, 'GET', '/api/profiles/Zo%C3%AB')).toMatchObject({ routeKey: 'GET /api/profiles/{handle}', pathParameters: { handle: 'Zoë' } });
  });

  it('prefers literal segments over parameters', () => {
    expect(matchRoute(ROUTES, 'GET', '/api/profiles/me')?.routeKey).toBe('GET /api/profiles/me');
  });

  it('takes the rest of the path for a greedy parameter', () => {
    expect(matchRoute(ROUTES, 'GET', '/files/a/b/c.txt')?.pathParameters).toEqual({ path: 'a/b/c.txt' });
  });

  it.each([
    ['another method', 'POST', '/api/profile'],
    ['a longer path', 'GET', '/api/profile/extra'],
    ['an empty parameter', 'GET', '/api/profiles/'],
    ['an unknown path', 'GET', '/nope'],
  ])('matches nothing for %s', (_, method, path) => {
    expect(matchRoute(ROUTES, method, path)).toBeUndefined();
  });

  it('has no path parameters on a literal route', () => {
    expect(matchRoute(ROUTES, 'GET', '/api/profile')).toEqual({ route: ROUTES[1], routeKey: 'GET /api/profile' });
  });
});
