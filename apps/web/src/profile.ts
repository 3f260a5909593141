import { type AvatarJson, type ProfileJson, isAvatarPlaceholder } from '@cruddur/shared/contract';
import { ApiError } from './errors';

/** One square size of an avatar, in both formats. */
export type AvatarRendition = AvatarJson['urls'][string];
/** The contract's avatar: `url` is the largest JPEG, `urls` the renditions by square size (`"512"`). */
export type Avatar = AvatarJson;
/** A profile as the API answers it (the contract's shape). */
export type Profile = ProfileJson;

function invalid(what: string): ApiError {
  return new ApiError(502, `The server sent a profile without a valid ${what}.`);
}

function str(value: unknown, what: string): string {
  if (typeof value !== 'string') throw invalid(what);
  return value;
}

function rendition(value: unknown, size: string): AvatarRendition {
  if (typeof value !== 'object' || value === null) throw invalid(`${size}px avatar`);
  const fields = value as Record<string, unknown>;
  return { webp: str(fields['webp'], `${size}px WebP avatar`), jpeg: str(fields['jpeg'], `${size}px JPEG avatar`) };
}

function avatar(value: unknown): Avatar | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') throw invalid('avatar');
  const fields = value as Record<string, unknown>;
  const urls = fields['urls'];
  if (typeof urls !== 'object' || urls === null) throw invalid('avatar');
  const renditions: Record<string, AvatarRendition> = {};
  for (const [size, value] of Object.entries(urls as Record<string, unknown>)) {
    if (/^[1-9]\d{0,4}$/.test(size)) renditions[size] = rendition(value, size);
  }
  return {
    version: str(fields['version'], 'avatar version'),
    url: str(fields['url'], 'avatar URL'),
    urls: renditions,
    // Only a placeholder: absent (an older profile backend) or anything else paints nothing, never an error.
    placeholder: isAvatarPlaceholder(fields['placeholder']) ? fields['placeholder'] : null,
  };
}

/**
 * Checks the shape of a profile from the API; a missing bio reads as empty, a missing or malformed
 * avatar placeholder as none.
 *
 * @example
 * const profile = parseProfile(await response.json());
 */
export function parseProfile(raw: unknown): Profile {
  if (typeof raw !== 'object' || raw === null) throw invalid('body');
  const fields = raw as Record<string, unknown>;
  return {
    handle: str(fields['handle'], 'handle'),
    display_name: str(fields['display_name'] ?? '', 'display name'),
    bio: str(fields['bio'] ?? '', 'bio'),
    avatar: avatar(fields['avatar']),
  };
}

/**
 * Resolves an avatar URL against the assets origin: absolute URLs (CloudFront) pass through,
 * keys or paths are served from `assetsUrl`.
 *
 * @example
 * assetUrl('avatars/u/1/512.webp', 'https://assets.example.com'); // 'https://assets.example.com/avatars/u/1/512.webp'
 */
export function assetUrl(urlOrKey: string, assetsUrl: string): string {
  return new URL(urlOrKey, `${assetsUrl}/`).href;
}
