import { type AvatarJson, type ProfileJson, ProfileJsonSchema, isAvatarPlaceholder } from '@cruddur/shared/contract';
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

/** How the page names the field the contract's schema refused, from where the schema found it. */
function fieldName(path: readonly PropertyKey[]): string {
  const [field, key, size, format] = path.map(String);
  if (field === 'display_name') return 'display name';
  if (field !== 'avatar') return field === 'handle' || field === 'bio' ? field : 'body';
  if (key === 'version') return 'avatar version';
  if (key === 'url') return 'avatar URL';
  if (key !== 'urls' || size === undefined) return 'avatar';
  return format === 'webp' ? `${size}px WebP avatar` : format === 'jpeg' ? `${size}px JPEG avatar` : `${size}px avatar`;
}

/** A placeholder only decorates: a malformed one is read as none rather than refusing the profile. */
function withoutBrokenPlaceholder(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const avatar = (raw as Record<string, unknown>)['avatar'];
  if (typeof avatar !== 'object' || avatar === null) return raw;
  const placeholder = (avatar as Record<string, unknown>)['placeholder'];
  if (placeholder === undefined || placeholder === null || isAvatarPlaceholder(placeholder)) return raw;
  return { ...raw, avatar: { ...avatar, placeholder: null } };
}

/**
 * Checks a profile from the API with the contract's `ProfileJsonSchema` (every field required, as
 * the backend sends them); a missing or malformed avatar placeholder reads as none, and rendition
 * keys that are not sizes are left out.
 *
 * @throws {ApiError} 502, naming the first field the schema refused.
 * @example
 * const profile = parseProfile(await response.json());
 */
export function parseProfile(raw: unknown): Profile {
  const result = ProfileJsonSchema.safeParse(withoutBrokenPlaceholder(raw));
  if (!result.success) throw invalid(fieldName(result.error.issues[0]?.path ?? []));
  const { avatar, ...profile } = result.data;
  if (avatar === null) return { ...profile, avatar: null };
  const urls = Object.fromEntries(Object.entries(avatar.urls).filter(([size]) => /^[1-9]\d{0,4}$/.test(size)));
  return { ...profile, avatar: { ...avatar, urls, placeholder: avatar.placeholder ?? null } };
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
