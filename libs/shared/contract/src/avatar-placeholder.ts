/**
 * The most bytes a ThumbHash has: 5 header bytes, 1 for alpha, and 19 of packed coefficients (an
 * avatar square is 24 bytes opaque, 25 with transparency).
 */
export const AVATAR_PLACEHOLDER_MAX_BYTES = 25;

/** The fewest bytes a ThumbHash has: its header. */
const AVATAR_PLACEHOLDER_MIN_BYTES = 5;

// Standard base64 (RFC 4648 §4) with its `=` padding, and canonical: the bits after the last byte are zero.
const CANONICAL_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/][AQgw]==|[A-Za-z0-9+/]{2}[AEIMQUYcgkosw048]=)?$/;

/**
 * How many bytes a canonical base64 text decodes to, or undefined when it is not one.
 *
 * @example
 * base64ByteLength('AAAA'); // 3
 */
function base64ByteLength(text: string): number | undefined {
  if (!CANONICAL_BASE64.test(text)) return undefined;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

/**
 * Whether `text` can be an avatar's placeholder: a ThumbHash written in standard base64 with
 * padding (`+`, `/`, `=`; never base64url, line breaks or spaces), 5 to 25 bytes. The thumbnail
 * writes it, the profile backend checks it before storing it, the page before decoding it.
 *
 * @example
 * isAvatarPlaceholder('HPYAFwKAioaHeIh3iHh4h4h3B4eHf4gH'); // true
 * isAvatarPlaceholder('not base64!'); // false
 */
export function isAvatarPlaceholder(text: unknown): text is string {
  if (typeof text !== 'string' || text.length > Math.ceil(AVATAR_PLACEHOLDER_MAX_BYTES / 3) * 4) return false;
  const bytes = base64ByteLength(text);
  return bytes !== undefined && bytes >= AVATAR_PLACEHOLDER_MIN_BYTES && bytes <= AVATAR_PLACEHOLDER_MAX_BYTES;
}
