/** The page's places: `/` (home), `/sign-in`, `/@handle`, and anything else. */
export type Route = { kind: 'home' } | { kind: 'sign-in' } | { kind: 'profile'; handle: string } | { kind: 'not-found' };

/**
 * The route a path names; the handle is decoded, and a trailing slash is ignored.
 *
 * @example
 * routeFor('/@andrew'); // { kind: 'profile', handle: 'andrew' }
 */
export function routeFor(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path === '/' || path === '') return { kind: 'home' };
  if (path === '/sign-in') return { kind: 'sign-in' };
  const profile = /^\/(?:@|%40)([^/]+)$/.exec(path);
  if (profile?.[1]) {
    try {
      const handle = decodeURIComponent(profile[1]);
      if (handle.trim() !== '') return { kind: 'profile', handle };
    } catch {
      return { kind: 'not-found' };
    }
  }
  return { kind: 'not-found' };
}

/**
 * The path of a profile page.
 *
 * @example
 * profilePath('andrew'); // '/@andrew'
 */
export function profilePath(handle: string): string {
  return `/@${encodeURIComponent(handle)}`;
}

/** Whether two handles name the same profile (handles are stored lower-case; lookups ignore case). */
export function sameHandle(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
