import { avatarProcessedMessage, uploadId } from '@cruddur/testing/fixtures';
import { InvalidAvatarMessageError } from '../../src/errors';
import { parseAvatarProcessedMessage } from '../../src/avatar';

const SUB = '6a2f0c1e-93d4-4b8a-b1c2-0d9e8f7a6b5c';
const VERSION = uploadId(1767225600000, '9f86d081884c7d65');

describe('parseAvatarProcessedMessage', () => {
  it('reads the message the thumbnail function builds', () => {
    const message = avatarProcessedMessage(SUB, VERSION);
    expect(parseAvatarProcessedMessage(JSON.stringify(message))).toEqual({
      sub: SUB,
      version: VERSION,
      keys: {
        '512': { webp: `avatars/${SUB}/${VERSION}/512.webp`, jpeg: `avatars/${SUB}/${VERSION}/512.jpg` },
        '128': { webp: `avatars/${SUB}/${VERSION}/128.webp`, jpeg: `avatars/${SUB}/${VERSION}/128.jpg` },
      },
      placeholder: null,
    });
  });

  it("reads the placeholder of a thumbnail that computes one, and ignores fields it does not know (as an older subscriber ignores the placeholder)", () => {
    const placeholder = 'HPYAFwKAioaHeIh3iHh4h4h3B4eHf4gH';
    const message = { ...avatarProcessedMessage(SUB, VERSION), placeholder, focus: { x: 0.5 } };
    expect(parseAvatarProcessedMessage(JSON.stringify(message))).toMatchObject({ version: VERSION, placeholder });
  });

  const valid = avatarProcessedMessage(SUB, VERSION);
  const [first, ...rest] = valid.renditions;
  it.each([
    ['not JSON', '{"type":'],
    ['a JSON array', '[]'],
    ['another type', JSON.stringify({ ...valid, type: 'avatar.deleted' })],
    ['another schema version', JSON.stringify({ ...valid, schemaVersion: 2 })],
    ['no sub', JSON.stringify({ ...valid, sub: '' })],
    ['a malformed version', JSON.stringify({ ...valid, version: '2026-01-01' })],
    ['an uppercase version', JSON.stringify({ ...valid, version: VERSION.toUpperCase() })],
    ['no renditions', JSON.stringify({ ...valid, renditions: [] })],
    ['a rendition of another user', JSON.stringify({ ...valid, renditions: [{ ...first, key: first!.key.replace(SUB, 'victim') }, ...rest] })],
    ['a rendition of another version', JSON.stringify({ ...valid, renditions: [{ ...first, key: first!.key.replace(VERSION, uploadId(1)) }, ...rest] })],
    ['a rendition in an odd format', JSON.stringify({ ...valid, renditions: [{ ...first, format: 'png' }, ...rest] })],
    ['a size without its JPEG', JSON.stringify({ ...valid, renditions: valid.renditions.filter((r) => !(r.size === 128 && r.format === 'jpeg')) })],
    ['a repeated rendition', JSON.stringify({ ...valid, renditions: [...valid.renditions, first] })],
    ['a path-like sub', JSON.stringify({ ...valid, sub: '../x' })],
    ['a placeholder that is not base64', JSON.stringify({ ...valid, placeholder: '<img src=x onerror=alert(1)>' })],
    ['a placeholder in base64url', JSON.stringify({ ...valid, placeholder: 'HPYAFwKAioaHeIh3iHh4h4h3B4eHf4g_' })],
    ['a placeholder longer than a ThumbHash', JSON.stringify({ ...valid, placeholder: Buffer.alloc(200, 1).toString('base64') })],
    ['a placeholder that is not a string', JSON.stringify({ ...valid, placeholder: 42 })],
    ['a null placeholder', JSON.stringify({ ...valid, placeholder: null })],
  ])('refuses %s', (_, text) => {
    expect(() => parseAvatarProcessedMessage(text)).toThrow(InvalidAvatarMessageError);
  });
});
