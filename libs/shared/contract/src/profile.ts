import * as z from 'zod/mini';
import { isAvatarPlaceholder } from './avatar-placeholder';
import { type ProfileTextField, type ProfileTextViolation, profileTextMaxLength, profileTextViolation } from './profile-text';

/** How the API words a broken profile text rule (the page words them for people itself). */
function serverMessage(field: ProfileTextField, violation: ProfileTextViolation): string {
  switch (violation.code) {
    case 'line-break':
    case 'control-character':
      return `${field} must not contain control characters`;
    case 'nothing-visible':
      return `${field} must be 1 to ${profileTextMaxLength(field)} visible characters`;
    case 'too-many-code-units':
    case 'too-long':
      return field === 'display_name'
        ? `${field} must be 1 to ${profileTextMaxLength(field)} visible characters`
        : `${field} must be at most ${profileTextMaxLength(field)} characters`;
  }
}

function profileText(field: ProfileTextField) {
  return z.string({ error: (iss) => (iss.input === undefined ? `${field} is required` : `${field} must be a string`) }).check(
    z.superRefine((text, ctx) => {
      const violation = profileTextViolation(field, text);
      if (violation) ctx.issues.push({ code: 'custom', message: serverMessage(field, violation), input: text, params: { violation } });
    }),
  );
}

/**
 * The body of `PUT /api/profile/update`: exactly `display_name` (1–50 characters, something
 * visible) and `bio` (up to 160), each one line without control characters; text kept verbatim.
 *
 * @example
 * z.parse(ProfileUpdateRequestSchema, { display_name: 'Andrew Brown', bio: 'Cloud 🌩️' });
 */
export const ProfileUpdateRequestSchema = z.strictObject(
  { display_name: profileText('display_name'), bio: profileText('bio') },
  {
    error: (iss) =>
      iss.code === 'unrecognized_keys' ? `unknown field: ${JSON.stringify(String(iss.keys[0]).slice(0, 40))}` : 'body must be a JSON object',
  },
);

export type ProfileUpdateRequest = z.infer<typeof ProfileUpdateRequestSchema>;

/** One square size of an avatar, in both formats. */
const AvatarRenditionUrlsSchema = z.object({ webp: z.string(), jpeg: z.string() });

/**
 * An avatar in a profile answer: the 512 JPEG as `url`, every rendition under `urls` by square size
 * (`"512"`), and `placeholder`, its ThumbHash in standard base64 to paint until a rendition loads.
 * The profile backend always sends it, `null` for an avatar recorded before placeholders existed;
 * readers take it absent too, as a backend deployed before placeholders answers.
 */
export const AvatarJsonSchema = z.object({
  version: z.string(),
  url: z.string(),
  urls: z.record(z.string(), AvatarRenditionUrlsSchema),
  placeholder: z.optional(z.nullable(z.string().check(z.refine(isAvatarPlaceholder, 'placeholder must be a base64 ThumbHash of 5 to 25 bytes')))),
});

export type AvatarJson = z.infer<typeof AvatarJsonSchema>;

/**
 * A profile as the API answers it (snake_case, like the original app). The avatar URLs contain
 * its version, so they change with every upload.
 */
export const ProfileJsonSchema = z.object({
  handle: z.string(),
  display_name: z.string(),
  bio: z.string(),
  avatar: z.nullable(AvatarJsonSchema),
});

export type ProfileJson = z.infer<typeof ProfileJsonSchema>;
