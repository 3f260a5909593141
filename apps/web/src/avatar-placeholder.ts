import { isAvatarPlaceholder } from '@cruddur/shared/contract';
import { thumbHashToDataURL } from 'thumbhash';

/**
 * The avatar's placeholder as a PNG data URL (a 32×32 blur of the avatar, decoded from its
 * ThumbHash in the browser), or null when there is none or it is not a ThumbHash in base64.
 * The page's CSP allows `data:` images.
 *
 * @example
 * placeholderDataUrl(profile.avatar.placeholder); // 'data:image/png;base64,iVBORw0…'
 */
export function placeholderDataUrl(placeholder: string | null | undefined): string | null {
  if (!isAvatarPlaceholder(placeholder)) return null;
  const bytes = Uint8Array.from(atob(placeholder), (char) => char.charCodeAt(0));
  return thumbHashToDataURL(bytes);
}
