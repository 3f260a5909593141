import { type AvatarProcessedMessage, isAvatarPlaceholder } from '@cruddur/shared/contract';
import { avatarRenditionKey } from '@cruddur/storage/s3-keys';
import { InvalidAvatarMessageError } from './errors';

/** The asset keys of an avatar's renditions, by size (as a string, like JSON keys) and format. */
export type AvatarKeys = Record<string, { webp: string; jpeg: string }>;

/** What the profile stores about a user's current avatar. */
export interface AvatarRecord {
  sub: string;
  /** The upload id: `<13-digit ms>-<16 hex>`, so a later upload sorts after an earlier one. */
  version: string;
  keys: AvatarKeys;
  /** The ThumbHash (standard base64) the page paints until a rendition loads; null when the message had none. */
  placeholder: string | null;
}

const VERSION = /^\d{13}-[0-9a-f]{16}$/;
const MAX_RENDITIONS = 16;

type Fields<T> = { [K in keyof T]?: unknown };

function invalid(reason: string, cause?: unknown): InvalidAvatarMessageError {
  return new InvalidAvatarMessageError(`avatar processed message ${reason}`, { cause });
}

function renditionKeys(sub: string, version: string, renditions: unknown): AvatarKeys {
  if (!Array.isArray(renditions) || renditions.length === 0 || renditions.length > MAX_RENDITIONS) {
    throw invalid('needs 1 to 16 renditions');
  }
  const keys: Record<string, { webp?: string; jpeg?: string }> = {};
  for (const rendition of renditions as Fields<AvatarProcessedMessage['renditions'][number]>[]) {
    const { size, format, key } = rendition ?? {};
    if (typeof size !== 'number' || (format !== 'webp' && format !== 'jpeg') || typeof key !== 'string') {
      throw invalid('has a rendition without size, format (webp or jpeg) and key');
    }
    let expected: string;
    try {
      expected = avatarRenditionKey({ sub, uploadId: version }, size, format === 'jpeg' ? 'jpg' : 'webp');
    } catch (cause) {
      throw invalid('has a rendition outside the avatar key layout', cause);
    }
    // Only keys derived from the message's own sub and version: a message cannot point at another user's files.
    if (key !== expected) throw invalid(`has a rendition key that is not ${expected}`);
    const sizeKeys = (keys[String(size)] ??= {});
    if (sizeKeys[format] !== undefined) throw invalid('repeats a rendition');
    sizeKeys[format] = key;
  }
  const complete: AvatarKeys = {};
  for (const [size, { webp, jpeg }] of Object.entries(keys)) {
    if (webp === undefined || jpeg === undefined) throw invalid(`lacks the webp or jpeg rendition of size ${size}`);
    complete[size] = { webp, jpeg };
  }
  return complete;
}

/** A message's placeholder: absent is none (an older thumbnail's message); anything else must be a ThumbHash. */
function placeholderOf(placeholder: unknown): string | null {
  if (placeholder === undefined) return null;
  // Never stored unchecked: the page decodes it, and a bad one is a broken thumbnail worth hearing about.
  if (!isAvatarPlaceholder(placeholder)) throw invalid('has a placeholder that is not a base64 ThumbHash of 5 to 25 bytes');
  return placeholder;
}

/**
 * Reads the "avatar processed" message the thumbnail function publishes (the SNS `Message`),
 * with or without its optional `placeholder`; other fields it does not know are ignored, so a
 * newer thumbnail's additions never make it drop a message.
 *
 * @throws InvalidAvatarMessageError for anything but a well-formed message of schema version 1,
 * including one whose placeholder is not a ThumbHash in standard base64
 *
 * @example
 * const avatar = parseAvatarProcessedMessage(record.Sns.Message);
 */
export function parseAvatarProcessedMessage(text: string): AvatarRecord {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw invalid('is not JSON', cause);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalid('is not a JSON object');
  const message = parsed as Fields<AvatarProcessedMessage>;
  if (message.type !== 'avatar.processed') throw invalid('has another type');
  if (message.schemaVersion !== 1) throw invalid('has an unknown schema version');
  const { sub, version } = message;
  if (typeof sub !== 'string' || sub === '') throw invalid('has no sub');
  if (typeof version !== 'string' || !VERSION.test(version)) throw invalid('has no valid version');
  return { sub, version, keys: renditionKeys(sub, version, message.renditions), placeholder: placeholderOf(message.placeholder) };
}
