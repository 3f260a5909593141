// Messages of the right words but the wrong shapes: a forged or corrupted "avatar processed" message
// must never reach the profile, and the log must say which rule it broke.
import { avatarProcessedMessage, uploadId } from '@cruddur/testing/fixtures';
import { InvalidAvatarMessageError } from '../../src/errors';
import { parseAvatarProcessedMessage } from '../../src/avatar';
import { refusal as refusalOf } from '../helpers/refusal';

const SUB = '6a2f0c1e-93d4-4b8a-b1c2-0d9e8f7a6b5c';
const VERSION = uploadId(1767225600000, '9f86d081884c7d65');
const valid = avatarProcessedMessage(SUB, VERSION);
const [first, ...rest] = valid.renditions;

const refusal = (text: string) => refusalOf(parseAvatarProcessedMessage, text);

const message = (fields: Record<string, unknown>) => JSON.stringify({ ...valid, ...fields });

describe('parseAvatarProcessedMessage refuses, saying why,', () => {
  it.each([
    ['JSON null', 'null', 'is not a JSON object'],
    ['a JSON string', '"avatar.processed"', 'is not a JSON object'],
    ['a JSON number', '1', 'is not a JSON object'],
    ['a JSON array', JSON.stringify([valid]), 'is not a JSON object'],
    ['another type', message({ type: 'avatar.rejected.x' }), 'has another type'],
    ['the schema version as a string', message({ schemaVersion: '1' }), 'has an unknown schema version'],
    ['a numeric sub', message({ sub: 42 }), 'has no sub'],
    ['a sub wrapped in an array', message({ sub: [SUB] }), 'has no sub'],
    ['an empty sub', message({ sub: '' }), 'has no sub'],
    ['a version wrapped in an array', message({ version: [VERSION] }), 'has no valid version'],
    ['a version with a suffix', message({ version: `${VERSION}0` }), 'has no valid version'],
    ['a version with a prefix', message({ version: `x${VERSION}` }), 'has no valid version'],
    ['renditions as an object', message({ renditions: { length: 2, 0: first } }), 'needs 1 to 16 renditions'],
    ['no renditions', message({ renditions: [] }), 'needs 1 to 16 renditions'],
    ['a null rendition', message({ renditions: [null, ...valid.renditions] }), 'has a rendition without size, format (webp or jpeg) and key'],
    ['a size as a string', message({ renditions: [{ ...first, size: String(first!.size) }, ...rest] }), 'has a rendition without size, format (webp or jpeg) and key'],
    ['a key that is not a string', message({ renditions: [{ ...first, key: [first!.key] }, ...rest] }), 'has a rendition without size, format (webp or jpeg) and key'],
    ['a missing format', message({ renditions: [{ ...first, format: undefined }, ...rest] }), 'has a rendition without size, format (webp or jpeg) and key'],
    ['a fractional size', message({ renditions: [{ ...first, size: 127.5 }, ...rest] }), 'has a rendition outside the avatar key layout'],
    ['a key of another user', message({ renditions: [{ ...first, key: first!.key.replace(SUB, 'victim') }, ...rest] }), `has a rendition key that is not ${first!.key}`],
    ['a repeated rendition', message({ renditions: [...valid.renditions, first] }), 'repeats a rendition'],
    ['a size without its WebP', message({ renditions: valid.renditions.filter((r) => !(r.size === 512 && r.format === 'webp')) }), 'lacks the webp or jpeg rendition of size 512'],
  ])('%s', (_, text, reason) => {
    expect(refusal(text).message).toBe(`avatar processed message ${reason}`);
  });

  it('not JSON, keeping the parser error as the cause', () => {
    const error = refusal('{"type":');
    expect(error.message).toBe('avatar processed message is not JSON');
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('a rendition outside the key layout, keeping the layout error as the cause', () => {
    const error = refusal(message({ renditions: [{ ...first, size: 0 }, ...rest] }));
    expect(error.cause).toBeInstanceOf(Error);
    expect(error.cause).not.toBeInstanceOf(InvalidAvatarMessageError);
  });

  it('a shape error without a cause', () => {
    expect(refusal(message({ sub: '' })).cause).toBeUndefined();
  });
});

describe('parseAvatarProcessedMessage takes', () => {
  const sizes = (n: number) => Array.from({ length: n }, (_, i) => 64 * (i + 1));

  it('16 renditions (8 sizes in both formats) and refuses 17', () => {
    const sixteen = avatarProcessedMessage(SUB, VERSION, sizes(8));
    expect(Object.keys(parseAvatarProcessedMessage(JSON.stringify(sixteen)).keys)).toHaveLength(8);

    const nine = avatarProcessedMessage(SUB, VERSION, sizes(9));
    const seventeen = { ...nine, renditions: nine.renditions.slice(0, 17) };
    expect(refusal(JSON.stringify(seventeen)).message).toBe('avatar processed message needs 1 to 16 renditions');
  });

  it('one size in both formats', () => {
    const one = avatarProcessedMessage(SUB, VERSION, [256]);
    expect(parseAvatarProcessedMessage(JSON.stringify(one)).keys).toEqual({
      '256': { webp: `avatars/${SUB}/${VERSION}/256.webp`, jpeg: `avatars/${SUB}/${VERSION}/256.jpg` },
    });
  });
});
