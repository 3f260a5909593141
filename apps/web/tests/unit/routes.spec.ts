import { profilePath, routeFor, sameHandle } from '../../src/routes';

describe('routeFor', () => {
  it.each([
    ['/', { kind: 'home' }],
    ['/sign-in', { kind: 'sign-in' }],
    ['/sign-in/', { kind: 'sign-in' }],
    ['/@andrew', { kind: 'profile', handle: 'andrew' }],
    ['/%40andrew', { kind: 'profile', handle: 'andrew' }],
    ['/@andrew/', { kind: 'profile', handle: 'andrew' }],
    ['/@an%20drew', { kind: 'profile', handle: 'an drew' }],
    ['/@', { kind: 'not-found' }],
    ['/@%E0%A4%A', { kind: 'not-found' }],
    ['/@andrew/photos', { kind: 'not-found' }],
    ['/settings', { kind: 'not-found' }],
  ])('%s → %j', (path, route) => {
    expect(routeFor(path)).toEqual(route);
  });

  it('builds profile paths that route back to the same handle', () => {
    for (const handle of ['andrew', 'zoë_smith', 'a/b']) expect(routeFor(profilePath(handle))).toEqual({ kind: 'profile', handle });
  });

  it('compares handles without case', () => {
    expect(sameHandle('Andrew', 'andrew')).toBe(true);
    expect(sameHandle('andrew', 'andrew2')).toBe(false);
  });
});
