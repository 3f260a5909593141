import { keyToUrlPath } from '@cruddur/storage/s3-keys';
import type { AvatarKeys } from './avatar';

/** A public profile, as stored. */
export interface Profile {
  handle: string;
  displayName: string;
  bio: string;
  avatar: StoredAvatar | null;
}

/** An avatar as the profile stores it: its version, rendition keys and placeholder (null if it has none). */
export interface StoredAvatar {
  version: string;
  keys: AvatarKeys;
  placeholder: string | null;
}

/** An avatar in a profile answer: the 512 JPEG as `url`, every rendition under `urls`, its placeholder or null. */
export interface AvatarJson {
  version: string;
  url: string;
  urls: Record<string, { webp: string; jpeg: string }>;
  placeholder: string | null;
}

/** A profile as the API answers it (snake_case, like the original app). */
export interface ProfileJson {
  handle: string;
  display_name: string;
  bio: string;
  avatar: AvatarJson | null;
}

/**
 * The URL of an asset key under the assets origin (CloudFront, or the local stack's route).
 *
 * @example
 * assetUrl('https://assets.example.com', 'avatars/u 1/1767225600000-9f86d081884c7d65/512.jpg');
 * // 'https://assets.example.com/avatars/u%201/1767225600000-9f86d081884c7d65/512.jpg'
 */
export function assetUrl(assetsBaseUrl: string, key: string): string {
  return `${assetsBaseUrl.replace(/\/+$/, '')}/${keyToUrlPath(key)}`;
}

/**
 * The API answer for a profile. Avatar URLs contain the avatar's version, so they change with
 * every upload and a CDN never serves a stale one.
 *
 * @example
 * jsonResponse(200, profileJson(profile, 'https://assets.example.com'));
 */
export function profileJson(profile: Profile, assetsBaseUrl: string): ProfileJson {
  return {
    handle: profile.handle,
    display_name: profile.displayName,
    bio: profile.bio,
    avatar: profile.avatar === null ? null : avatarJson(profile.avatar, assetsBaseUrl),
  };
}

/**
 * The API answer for one avatar: its renditions' URLs under the assets origin, and its
 * placeholder (`null` for an avatar recorded before the thumbnail computed one).
 *
 * @example
 * avatarJson({ version, keys, placeholder }, 'https://assets.example.com').url; // 'https://assets.example.com/avatars/…/512.jpg'
 */
export function avatarJson(avatar: StoredAvatar, assetsBaseUrl: string): AvatarJson {
  const urls: AvatarJson['urls'] = {};
  for (const [size, keys] of Object.entries(avatar.keys)) {
    urls[size] = { webp: assetUrl(assetsBaseUrl, keys.webp), jpeg: assetUrl(assetsBaseUrl, keys.jpeg) };
  }
  // 512 when present (the thumbnail function's default sizes); otherwise the largest there is.
  const main = urls['512'] ?? urls[String(Math.max(...Object.keys(urls).map(Number)))];
  return { version: avatar.version, url: main?.jpeg ?? '', urls, placeholder: avatar.placeholder };
}
