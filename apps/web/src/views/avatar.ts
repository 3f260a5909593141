import { avatarPicture } from '../avatar-picture';
import { placeholderDataUrl } from '../avatar-placeholder';
import { h } from '../dom';
import type { Profile } from '../profile';

/**
 * The avatar as a `<picture>`: WebP where the browser takes it, JPEG otherwise, 1x/2x for each
 * displayed size; its placeholder (decoded from the ThumbHash) painted at once behind the `<img>`,
 * which shows when its rendition has loaded. Without an avatar, the first letter of the display
 * name in a circle.
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
  const { sources, img: fallback } = avatarPicture(profile.avatar, assetsUrl);
  const placeholder = placeholderDataUrl(profile.avatar.placeholder);
  const img = h('img', {
    src: fallback.src,
    srcset: fallback.srcset,
    alt: `Avatar of ${profile.display_name}`,
    width: 160,
    height: 160,
    decoding: 'async',
    'data-testid': 'avatar-image',
  });
  const picture = h(
    'picture',
    {
      class: 'avatar',
      'data-testid': 'avatar',
      'data-avatar-version': profile.avatar.version,
      'data-avatar-state': placeholder === null ? 'loading' : 'placeholder',
    },
    ...sources.map((source) => h('source', { type: source.type, media: source.media, srcset: source.srcset })),
    img,
  );
  // Through the CSSOM, not a style attribute: the CSP (style-src 'self') refuses inline styles.
  if (placeholder !== null) picture.style.backgroundImage = `url("${placeholder}")`;
  img.addEventListener('load', () => picture.setAttribute('data-avatar-state', 'loaded'), { once: true });
  return picture;
}
