import sharp from 'sharp';
import { placeholderDataUrl } from '../../src/avatar-placeholder';
import { parseProfile } from '../../src/profile';
import { PLACEHOLDER, profileJson } from '../helpers/profiles';

describe('placeholderDataUrl', () => {
  it("decodes the avatar's ThumbHash into a small PNG of roughly its colour (teal)", async () => {
    const url = placeholderDataUrl(PLACEHOLDER);
    expect(url).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
    const png = Buffer.from(url!.slice(url!.indexOf(',') + 1), 'base64');
    const { width, height } = await sharp(png).metadata();
    expect([width, height]).toEqual([32, 32]);
    const [r, g, b] = (await sharp(png).stats()).channels.map((channel) => channel.mean);
    expect(r).toBeLessThan(60);
    expect(g).toBeGreaterThan(130);
    expect(b).toBeGreaterThan(130);
  });

  it.each([
    ['none', null],
    ['absent', undefined],
    ['not base64', '<img src=x onerror=alert(1)>'],
    ['too long for a ThumbHash', 'A'.repeat(400)],
  ])('is null for %s', (_, placeholder) => {
    expect(placeholderDataUrl(placeholder)).toBeNull();
  });
});

describe('parseProfile placeholder', () => {
  const raw = profileJson({}, '1767225600000-9f86d081884c7d65');
  it('reads a placeholder, and reads an absent or malformed one as none (an older profile backend, a broken one)', () => {
    expect(parseProfile(raw).avatar?.placeholder).toBe(PLACEHOLDER);
    const withoutPlaceholder: Record<string, unknown> = { ...raw.avatar };
    delete withoutPlaceholder['placeholder'];
    expect(parseProfile({ ...raw, avatar: withoutPlaceholder }).avatar?.placeholder).toBeNull();
    expect(parseProfile({ ...raw, avatar: { ...raw.avatar, placeholder: 'not base64!' } }).avatar?.placeholder).toBeNull();
  });
});
