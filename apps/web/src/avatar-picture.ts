import { type Avatar, type AvatarRendition, assetUrl } from './profile';

/**
 * The sizes the page shows the avatar at, in CSS pixels, widest media first; styles.css sets the
 * same widths at the same breakpoint.
 */
export const AVATAR_DISPLAY_SIZES: readonly { media?: string; px: number }[] = Object.freeze([
  { media: '(min-width: 40rem)', px: 160 },
  { px: 112 },
]);

/** Screen densities each displayed size gets a candidate for. */
const AVATAR_DENSITIES: readonly number[] = Object.freeze([1, 2]);

/** One `<source>` of the avatar's `<picture>`. */
interface AvatarSource {
  type: 'image/webp' | 'image/jpeg';
  media?: string;
  srcset: string;
}

/** What the avatar's `<picture>` holds: WebP sources, then JPEG ones, then the JPEG `<img>`. */
export interface AvatarPictureMarkup {
  sources: AvatarSource[];
  img: { src: string; srcset: string };
}

/** The smallest rendition with at least `pixels` pixels a side, else the largest there is. */
function renditionFor(sizes: readonly number[], pixels: number): number | undefined {
  return sizes.find((size) => size >= pixels) ?? sizes.at(-1);
}

/**
 * A density `srcset` for one displayed size: for each density the smallest rendition that is not
 * enlarged (else the largest), each file listed once at the lowest density it serves.
 *
 * @example
 * densitySrcset(avatar, assetsUrl, 'webp', 112); // '…/128.webp 1x, …/512.webp 2x'
 */
export function densitySrcset(avatar: Avatar, assetsUrl: string, format: keyof AvatarRendition, px: number): string {
  const sizes = Object.keys(avatar.urls).map(Number).sort((a, b) => a - b);
  const candidates: string[] = [];
  let previous: number | undefined;
  for (const density of AVATAR_DENSITIES) {
    const size = renditionFor(sizes, px * density);
    const rendition = size === undefined ? undefined : avatar.urls[String(size)];
    if (rendition === undefined || size === previous) continue;
    previous = size;
    candidates.push(`${assetUrl(rendition[format], assetsUrl)} ${density}x`);
  }
  return candidates.join(', ');
}

/**
 * The `<picture>` of an avatar: per displayed size (a `media` query for all but the last), a WebP
 * `<source>` with 1x/2x candidates, then the same in JPEG, the last size's JPEG on the `<img>`
 * (with the main JPEG as `src`, for browsers that ignore `srcset`). With the default 512 and 128 renditions: 112 px
 * gets 128 at 1x and 512 at 2x, 160 px gets 512 for both (128 would be enlarged).
 *
 * @example
 * const { sources, img } = avatarPicture(profile.avatar, config.assetsUrl);
 */
export function avatarPicture(avatar: Avatar, assetsUrl: string): AvatarPictureMarkup {
  const sources: AvatarSource[] = [];
  const last = AVATAR_DISPLAY_SIZES[AVATAR_DISPLAY_SIZES.length - 1] ?? { px: 0 };
  for (const [type, format] of [['image/webp', 'webp'], ['image/jpeg', 'jpeg']] as const) {
    for (const display of AVATAR_DISPLAY_SIZES) {
      // The last size's JPEG is the <img> itself.
      if (format === 'jpeg' && display === last) continue;
      sources.push({ type, ...(display.media === undefined ? {} : { media: display.media }), srcset: densitySrcset(avatar, assetsUrl, format, display.px) });
    }
  }
  return { sources, img: { src: assetUrl(avatar.url, assetsUrl), srcset: densitySrcset(avatar, assetsUrl, 'jpeg', last.px) } };
}
