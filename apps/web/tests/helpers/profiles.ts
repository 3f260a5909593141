import type { Profile } from '../../src/profile';

/** A real ThumbHash (of a teal picture), as the thumbnail computes it. */
export const PLACEHOLDER = 'HPYAFwKAioaHeIh3iHh4h4h3B4eHf4gH';

/** A profile as `GET /api/profile` answers it; `avatarVersion` adds an avatar of that version, with a placeholder. */
export function profileJson(overrides: Partial<Profile> = {}, avatarVersion?: string): Profile {
  const assets = 'https://assets.example.com/avatars/sub-1';
  return {
    handle: 'andrew',
    display_name: 'Andrew Brown',
    bio: 'Cloud',
    avatar:
      avatarVersion === undefined
        ? null
        : {
            version: avatarVersion,
            url: `${assets}/${avatarVersion}/512.jpg`,
            urls: {
              '512': { webp: `${assets}/${avatarVersion}/512.webp`, jpeg: `${assets}/${avatarVersion}/512.jpg` },
              '128': { webp: `${assets}/${avatarVersion}/128.webp`, jpeg: `${assets}/${avatarVersion}/128.jpg` },
            },
            placeholder: PLACEHOLDER,
          },
    ...overrides,
  };
}
