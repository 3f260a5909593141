import * as z from 'zod/mini';
import { API_ROUTES, CallerIdentitySchema, routeKey, routePath } from '../../src';
import { pathParameterNames } from '../../src/routes';

describe('API_ROUTES', () => {
  it('lists every route of the HTTP API with its method, path and access', () => {
    expect(Object.values(API_ROUTES).map((route) => `${routeKey(route)} ${route.auth}`)).toEqual([
      'POST /avatars/key_upload user',
      'GET /avatars/uploads/{uploadId} user',
      'GET /api/profiles/{handle} public',
      'GET /api/profile user',
      'PUT /api/profile/update user',
      'DELETE /api/profile/avatar user',
    ]);
  });

  it('has one route per method and path', () => {
    const keys = Object.values(API_ROUTES).map(routeKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('gives a body schema to exactly the routes that take a body', () => {
    const withBody = Object.entries(API_ROUTES).filter(([, route]) => 'request' in route).map(([name]) => name);
    expect(withBody).toEqual(['presignAvatarUpload', 'updateProfile']);
  });

  it('says which routes answer without a body', () => {
    const noContent = Object.entries(API_ROUTES).filter(([, route]) => z.safeParse(route.response, undefined).success).map(([name]) => name);
    expect(noContent).toEqual(['removeAvatar']);
  });
});

describe('routePath', () => {
  it('fills the parameters, each encoded as one segment', () => {
    expect(routePath(API_ROUTES.getProfile, { handle: 'andrew' })).toBe('/api/profiles/andrew');
    expect(routePath(API_ROUTES.getProfile, { handle: '../profile/update?x=1#y' })).toBe('/api/profiles/..%2Fprofile%2Fupdate%3Fx%3D1%23y');
    expect(routePath(API_ROUTES.getOwnProfile)).toBe('/api/profile');
    expect(routePath(API_ROUTES.removeAvatar)).toBe('/api/profile/avatar');
    expect(routePath(API_ROUTES.getAvatarUploadStatus, { uploadId: '1767225600000-9f86d081884c7d65' })).toBe('/avatars/uploads/1767225600000-9f86d081884c7d65');
  });

  it('refuses a missing or empty parameter', () => {
    expect(() => routePath(API_ROUTES.getProfile)).toThrow(TypeError);
    expect(() => routePath(API_ROUTES.getProfile, { handle: '' })).toThrow(/handle/);
  });

  it('names the parameters of a template', () => {
    expect(pathParameterNames(API_ROUTES.getProfile.path)).toEqual(['handle']);
    expect(pathParameterNames('/a/{proxy+}')).toEqual(['proxy']);
  });
});

describe('CallerIdentitySchema', () => {
  it('reads sub and username, and refuses an empty sub or a missing username', () => {
    expect(z.parse(CallerIdentitySchema, { sub: 'abc', username: 'alice' })).toEqual({ sub: 'abc', username: 'alice' });
    expect(z.safeParse(CallerIdentitySchema, { sub: '', username: 'x' }).success).toBe(false);
    expect(z.safeParse(CallerIdentitySchema, { sub: 'abc' }).success).toBe(false);
    expect(z.safeParse(CallerIdentitySchema, { sub: 5, username: 'x' }).success).toBe(false);
  });
});
