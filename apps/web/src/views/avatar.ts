import { h } from '../dom';
import { type Profile, avatarSources } from '../profile';

/** The rendered size of the profile avatar, in CSS pixels; `sizes` tells the browser so it picks a rendition. */
const AVATAR_SIZES = '(min-width: 40rem) 160px, 112px';

/**
 * The avatar as a `<picture>`: WebP where the browser takes it, JPEG otherwise; without an avatar,
 * the first letter of the display name in a circle.
 */
export function avatarElement(profile: Profile, assetsUrl: string): HTMLElement {
  if (profile.avatar === null) {
    const initial = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(profile.display_name.trim())][0]?.segment;
    return h(
      'div',
      { class: 'avatar avatar--empty', 'data-testid': 'avatar-placeholder', role: 'img', 'aria-label': 'No avatar yet' },
      (initial ?? profile.handle.charAt(0)).toUpperCase(),
    );
  }
  const sources = avatarSources(profile.avatar, assetsUrl);
  return h(
    'picture',
    { class: 'avatar', 'data-testid': 'avatar', 'data-avatar-version': profile.avatar.version },
    h('source', { type: 'image/webp', srcset: sources.webp, sizes: AVATAR_SIZES }),
    h('img', {
      src: sources.fallback,
      srcset: sources.jpeg,
      sizes: AVATAR_SIZES,
      alt: `Avatar of ${profile.display_name}`,
      width: 160,
      height: 160,
      decoding: 'async',
      'data-testid': 'avatar-image',
    }),
  );
}
